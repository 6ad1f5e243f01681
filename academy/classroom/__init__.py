"""Trainers and their trainees together: cohorts with join codes, and the live quiz (all of its
state in the database, so several app processes serve one session).
"""
