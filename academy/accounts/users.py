"""User accounts: registration, profile, password change and roles (logging in is in login.py).

Functions take a SQLModel session and keyword arguments; they raise AccountError with an i18n key
that the UI shows in the user's language.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from academy.core.models import AuthSession, Role, User

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
USERNAME_RE = re.compile(r"^[a-z0-9_.-]{3,32}$")
MIN_PASSWORD = 8
NO_PASSWORD = "!no-password"  # accounts made by single sign-on: not a hash, so no password check ever passes


class AccountError(Exception):
    """`key` is an i18n key naming the problem; `params` fill its placeholders."""

    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


def _aware(dt: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone columns; they were stored as UTC.
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("err_password_short", n=MIN_PASSWORD)


def register(session: Session, *, username: str, display_name: str, password: str, language: str = "zh") -> User:
    """Create an account. The very first account becomes the administrator."""
    username = username.strip().lower()
    display_name = display_name.strip()
    if not USERNAME_RE.match(username):
        raise AccountError("err_username_format")
    if not display_name or len(display_name) > 80:
        raise AccountError("err_display_name")
    _check_password(password)
    if session.exec(select(User).where(User.username == username)).first():
        raise AccountError("err_username_taken")
    first = session.exec(sa_select(func.count()).select_from(User)).one()[0] == 0
    user = User(
        username=username,
        display_name=display_name,
        password_hash=_hasher.hash(password),
        role=Role.admin if first else Role.learner,
        language=language,
    )
    session.add(user)
    session.flush()
    return user


def update_profile(
    session: Session, *, user: User, display_name: str | None = None, language: str | None = None
) -> User:
    if display_name is not None:
        display_name = display_name.strip()
        if not display_name or len(display_name) > 80:
            raise AccountError("err_display_name")
        user.display_name = display_name
    if language is not None:
        user.language = language
    session.add(user)
    return user


def change_password(session: Session, *, user: User, old: str, new: str) -> None:
    try:
        _hasher.verify(user.password_hash, old)
    except (VerificationError, InvalidHashError):
        raise AccountError("err_old_password") from None
    _check_password(new)
    user.password_hash = _hasher.hash(new)
    session.add(user)
    # every other login ends: a changed password should lock out whoever knew the old one
    session.exec(delete(AuthSession).where(AuthSession.user_id == user.id))


def set_role(session: Session, *, actor: User, user_id: int, role: Role) -> User:
    if actor.role != Role.admin:
        raise AccountError("err_not_allowed")
    target = session.get(User, user_id)
    if target is None:
        raise AccountError("err_not_found")
    if target.id == actor.id and role != Role.admin:
        raise AccountError("err_last_admin")
    target.role = role
    session.add(target)
    return target


def list_users(session: Session, *, actor: User) -> list[User]:
    if actor.role != Role.admin:
        raise AccountError("err_not_allowed")
    return list(session.exec(select(User).order_by(User.created_at)))


def has_password(user: User) -> bool:
    """Whether the account has a password of ours (accounts made by single sign-on have none)."""
    return user.password_hash != NO_PASSWORD


def is_staff(user: User) -> bool:
    """Trainers and administrators run cohorts and live sessions."""
    return user.role in (Role.trainer, Role.admin)
