"""What a learner does alone: lesson progress and reflections, quizzes and their scoring, spaced
review (FSRS), self-assessments, and the charts and lesson diagrams of all of it.
"""
