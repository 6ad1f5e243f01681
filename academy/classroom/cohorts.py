"""Cohorts: trainers create them and hand out a join code; learners join and leave.

Trainers see only their own cohorts, administrators all of them; learners see the cohorts they belong to.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from academy.accounts.users import is_staff
from academy.core.models import Cohort, CohortMember, Role, User
from academy.core.text import clean_name

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud and typed on phones


class CohortError(Exception):
    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def create_cohort(session: Session, *, trainer: User, name: str) -> Cohort:
    if not is_staff(trainer):
        raise CohortError("err_not_allowed")
    name = clean_name(name)
    if not name or len(name) > 120:
        raise CohortError("cls_name_required")
    for _ in range(10):  # a clash of random codes is rare; try again rather than fail
        cohort = Cohort(trainer_id=trainer.id, name=name, join_code=new_code())
        try:
            with session.begin_nested():
                session.add(cohort)
            return cohort
        except IntegrityError:
            continue
    raise CohortError("cls_try_again")


def visible_cohorts(session: Session, *, viewer: User) -> list[Cohort]:
    """The cohorts a trainer runs (all of them for an administrator)."""
    query = select(Cohort).order_by(Cohort.created_at.desc())
    if viewer.role == Role.admin:
        return list(session.exec(query))
    if viewer.role == Role.trainer:
        return list(session.exec(query.where(Cohort.trainer_id == viewer.id)))
    return []


def cohort_for(session: Session, *, viewer: User, cohort_id: int) -> Cohort:
    """A cohort the viewer may manage; anything else is 'not found' (no hint that it exists)."""
    cohort = session.get(Cohort, cohort_id)
    if cohort is None or not (viewer.role == Role.admin or cohort.trainer_id == viewer.id):
        raise CohortError("cls_not_found")
    return cohort


def members(session: Session, *, viewer: User, cohort_id: int) -> list[User]:
    cohort_for(session, viewer=viewer, cohort_id=cohort_id)
    query = (
        select(User)
        .join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort_id)
        .order_by(User.display_name)
    )
    return list(session.exec(query))


def join_cohort(session: Session, *, user: User, code: str) -> Cohort:
    code = code.strip().upper()
    valid = len(code) <= 12 and all(ch in CODE_ALPHABET for ch in code)  # PostgreSQL refuses a NUL, for one
    cohort = session.exec(select(Cohort).where(Cohort.join_code == code)).first() if valid else None
    if cohort is None:
        raise CohortError("cls_bad_code")
    if session.get(CohortMember, (cohort.id, user.id)) is None:
        session.add(CohortMember(cohort_id=cohort.id, user_id=user.id))
    return cohort


def leave_cohort(session: Session, *, user: User, cohort_id: int) -> None:
    row = session.get(CohortMember, (cohort_id, user.id))
    if row is not None:
        session.delete(row)


def my_cohorts(session: Session, *, user: User) -> list[Cohort]:
    query = (
        select(Cohort).join(CohortMember, CohortMember.cohort_id == Cohort.id).where(CohortMember.user_id == user.id)
    )
    return list(session.exec(query.order_by(Cohort.name)))


def trains(session: Session, *, viewer: User, learner_id: int) -> bool:
    """Whether the viewer trains (or, as admin, oversees) a cohort this learner belongs to."""
    query = (
        select(CohortMember).join(Cohort, Cohort.id == CohortMember.cohort_id).where(CohortMember.user_id == learner_id)
    )
    if viewer.role != Role.admin:
        query = query.where(Cohort.trainer_id == viewer.id)
    return viewer.role in (Role.trainer, Role.admin) and session.exec(query).first() is not None
