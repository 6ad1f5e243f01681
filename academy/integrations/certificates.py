"""Certificates for passing the final exam: issued once per learner, each with a random verification code.

A certificate is issued the first time it is needed after the learner has passed the final exam (the
result screen, Profile, or a trainer's download for a cohort), from their first passing attempt. The PDF
is drawn on demand in the learner's language (academy/integrations/certificate_pdf.py).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from academy.classroom.cohorts import members
from academy.core.models import Certificate, Cohort, CohortMember, QuizAttempt, Role, User

# Crockford's base32: no I, L, O or U, so a code read off paper is typed right. 16 characters: 80 random bits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16
MAX_CODE_INPUT = 40  # what the verification page accepts before it even looks


class CertificateError(Exception):
    """`key` names the problem in the UI strings; `params` fill its placeholders."""

    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalize_code(text: str) -> str | None:
    """A typed code in its printed form (XXXX-XXXX-XXXX-XXXX), or None when it cannot be one.

    Case, spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1.
    """
    if len(text) > MAX_CODE_INPUT:
        return None
    raw = re.sub(r"[\s\-]", "", text.upper()).translate(str.maketrans("OIL", "011"))
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def first_pass(session: Session, *, user_id: int) -> QuizAttempt | None:
    """The learner's first passed final exam."""
    query = select(QuizAttempt).where(
        QuizAttempt.user_id == user_id,
        col(QuizAttempt.module_id).is_(None),
        col(QuizAttempt.finished_at).is_not(None),
        col(QuizAttempt.passed).is_(True),
    )
    return session.exec(query.order_by(QuizAttempt.finished_at, QuizAttempt.id)).first()


def _existing(session: Session, user_id: int) -> Certificate | None:
    return session.exec(select(Certificate).where(Certificate.user_id == user_id)).first()


def certificate_for(session: Session, *, user: User) -> Certificate | None:
    """The learner's certificate, issued now if they have passed the final exam; None if they have not.

    Issuing is an insert under two unique constraints (one per learner, codes never repeat): two tabs
    issuing at once end up with the same certificate.
    """
    found = _existing(session, user.id)
    if found is not None:
        return found
    attempt = first_pass(session, user_id=user.id)
    if attempt is None:
        return None
    for _ in range(5):
        certificate = Certificate(
            code=new_code(),
            user_id=user.id,
            attempt_id=attempt.id,
            name=user.display_name,
            score=attempt.score or 0.0,
            passed_at=attempt.finished_at,
        )
        try:
            with session.begin_nested():
                session.add(certificate)
            return certificate
        except IntegrityError:
            found = _existing(session, user.id)
            if found is not None:
                return found  # issued by another request just now
            # else two codes collided (2^-80): draw another
    raise CertificateError("cert_try_again")


def verify(session: Session, *, code: str) -> Certificate | None:
    """The certificate a typed code belongs to, or None."""
    printed = normalize_code(code)
    if printed is None:
        return None
    return session.exec(select(Certificate).where(Certificate.code == printed)).first()


def for_cohort(session: Session, *, viewer: User, cohort_id: int) -> list[tuple[User, Certificate]]:
    """Every member's certificate, for the cohort's trainer (or an administrator); members who have not
    passed the final exam are left out. Raises the classroom's 'not found' for anyone else."""
    found = []
    for member in members(session, viewer=viewer, cohort_id=cohort_id):
        certificate = certificate_for(session, user=member)
        if certificate is not None:
            found.append((member, certificate))
    return found


def passed_by_cohort(session: Session, *, viewer: User) -> dict[int, int]:
    """cohort id -> how many of its members have passed the final exam, for the cohorts the viewer runs
    (all of them for an administrator); one query for the whole Classroom page."""
    passed = select(QuizAttempt.user_id).where(col(QuizAttempt.module_id).is_(None), col(QuizAttempt.passed).is_(True))
    query = (
        select(CohortMember.cohort_id, func.count())
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .where(col(CohortMember.user_id).in_(passed))
        .group_by(CohortMember.cohort_id)
    )
    if viewer.role != Role.admin:
        query = query.where(Cohort.trainer_id == viewer.id)
    return dict(session.exec(query).all())
