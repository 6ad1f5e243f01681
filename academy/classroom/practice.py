"""A trainer's question set offered to their cohorts as a practice quiz (academy.learning.question_sets).

The trainer offers a set to any of their cohorts; a learner in one of those cohorts sees it next to the
module quizzes and sits it as a quiz ("set-<id>"), scored, charted and recorded like the others. A
trainer sees their own sets there too, to try them.
"""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, delete, select

from academy.accounts.users import is_staff
from academy.classroom.cohorts import cohort_for
from academy.content.loader import Course
from academy.core.models import CohortMember, QuestionSet, QuestionSetOffer, QuizAttempt, User
from academy.learning import question_sets, quiz


def offer(session: Session, *, trainer: User, set_id: int, cohort_id: int, offered: bool) -> None:
    """Offer the trainer's set to one of their cohorts, or withdraw it (both idempotent)."""
    question_sets.own_set(session, trainer_id=trainer.id, set_id=set_id)
    cohort_for(session, viewer=trainer, cohort_id=cohort_id)
    if offered:
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.connection().execute(
            dialect.insert(QuestionSetOffer.__table__)
            .values(set_id=set_id, cohort_id=cohort_id)
            .on_conflict_do_nothing(index_elements=["set_id", "cohort_id"])
        )
    else:
        session.exec(
            delete(QuestionSetOffer).where(QuestionSetOffer.set_id == set_id, QuestionSetOffer.cohort_id == cohort_id)
        )


def offered_to(session: Session, *, trainer: User, set_id: int) -> list[int]:
    """The ids of the cohorts the trainer's set is offered to."""
    question_sets.own_set(session, trainer_id=trainer.id, set_id=set_id)
    return list(session.exec(select(QuestionSetOffer.cohort_id).where(QuestionSetOffer.set_id == set_id)))


def available(session: Session, *, user: User) -> list[QuestionSet]:
    """The sets this user may practise: offered to a cohort they belong to, or their own (staff)."""
    mine = select(CohortMember.cohort_id).where(CohortMember.user_id == user.id)
    offered = select(QuestionSetOffer.set_id).where(col(QuestionSetOffer.cohort_id).in_(mine))
    condition = col(QuestionSet.id).in_(offered)
    if is_staff(user):
        condition = condition | (col(QuestionSet.trainer_id) == user.id)
    return list(session.exec(select(QuestionSet).where(condition).order_by(QuestionSet.name, QuestionSet.id)))


def start(
    session: Session, *, user: User, course: Course, set_id: int, pass_mark: float, seed: int | None = None
) -> QuizAttempt:
    """Start (or resume) the practice quiz of a set the user may practise."""
    if set_id not in {s.id for s in available(session, user=user)}:
        raise question_sets.QuestionSetError("qs_err_not_found")
    return quiz.start_attempt(
        session, user_id=user.id, course=course, module_id=question_sets.quiz_id(set_id), pass_mark=pass_mark, seed=seed
    )
