"""The one resolver for question ids: the course bank's, and trainers' stored question sets'.

Quizzes, review and live sessions look questions up here rather than in the course alone, so a
trainer's imported set works wherever a course question does. Who may use a set is decided by the
caller (the live session's owner, the cohort a set is offered to); this only finds the question.
"""

from __future__ import annotations

from sqlmodel import Session

from academy.content.loader import Course
from academy.content.schema import Question
from academy.learning import question_sets


def question(session: Session, *, course: Course, question_id: str) -> Question:
    """The question with this id; KeyError if neither the course nor a stored set has it."""
    set_id = question_sets.set_of_question(question_id)
    if set_id is None:
        return course.question(question_id)
    found = question_sets.questions(session, set_id=set_id).get(question_id)
    if found is None:
        raise KeyError(question_id)
    return found


def in_course(course: Course, question_id: str) -> bool:
    """Whether the question belongs to the course bank (it has a lesson section and takes part in review)."""
    return question_sets.set_of_question(question_id) is None and any(q.id == question_id for q in course.questions())


def quiz_pool(session: Session, *, course: Course, quiz: str) -> list[Question]:
    """The questions a quiz draws from: a module's bank, or a stored set ("set-<id>")."""
    set_id = question_sets.set_of_quiz(quiz)
    if set_id is None:
        return course.questions(quiz)
    return list(question_sets.questions(session, set_id=set_id).values())
