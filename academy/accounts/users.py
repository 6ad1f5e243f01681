"""User accounts: registration, profile, password change, roles and the first administrator.

Logging in is in login.py. Functions take a SQLModel session and keyword arguments; they raise
AccountError with an i18n key that the UI shows in the user's language.

The first administrator is made deliberately, never by being first to sign up: on a fresh
install the app prints a one-time setup code (`setup_code`), and whoever registers with it
becomes the administrator (one UPDATE-free DELETE claims it, so two sign-ups cannot both win);
`python -m academy create-admin` does the same from the command line. There is always at least
one administrator afterwards: the last one cannot be demoted or deleted.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from academy.core.models import AuthSession, Role, SetupCode, User, utcnow
from academy.core.text import clean_name, has_nul

password_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
USERNAME_RE = re.compile(r"^[a-z0-9_.-]{3,32}$")
MIN_PASSWORD = 8
NO_PASSWORD = "!no-password"  # accounts made by single sign-on: not a hash, so no password check ever passes
MAX_PASSWORD = 128  # long enough for any passphrase; hashing megabytes would cost the server
MAX_DISPLAY_NAME = 80


class AccountError(Exception):
    """`key` is an i18n key naming the problem; `params` fill its placeholders."""

    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


def check_password(password: str, *, username: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("err_password_short", n=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise AccountError("err_password_long", n=MAX_PASSWORD)
    if not password.strip():
        raise AccountError("err_password_blank")
    if password.strip().lower() == username.strip().lower():
        raise AccountError("err_password_is_username")


def _display_name(value: str) -> str:
    name = clean_name(value)
    if not name or len(name) > MAX_DISPLAY_NAME:
        raise AccountError("err_display_name")
    return name


def _new_user(session: Session, *, username: str, display_name: str, password: str, language: str, role: Role) -> User:
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise AccountError("err_username_format")
    display_name = _display_name(display_name)
    check_password(password, username=username)
    if session.exec(select(User).where(User.username == username)).first():
        raise AccountError("err_username_taken")
    user = User(
        username=username,
        display_name=display_name,
        password_hash=password_hasher.hash(password),
        role=role,
        language=language,
    )
    session.add(user)
    session.flush()
    return user


def register(
    session: Session, *, username: str, display_name: str, password: str, language: str = "zh", setup_code: str = ""
) -> User:
    """Create a learner's account, or the first administrator's with the setup code."""
    role = Role.learner
    code = setup_code.strip().upper()
    if code:
        claimed = None if has_nul(code) else session.exec(delete(SetupCode).where(SetupCode.code == code[:32]))
        if claimed is None or claimed.rowcount != 1:  # wrong, or already used by someone else a moment ago
            raise AccountError("err_setup_code")
        role = Role.admin
    return _new_user(
        session, username=username, display_name=display_name, password=password, language=language, role=role
    )


def create_admin(session: Session, *, username: str, display_name: str, password: str) -> tuple[User, bool]:
    """An administrator from the command line: a new account, or an existing one promoted. (user, created)."""
    existing = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if existing is not None:
        existing.role = Role.admin
        session.add(existing)
        return existing, False
    user = _new_user(
        session, username=username, display_name=display_name, password=password, language="zh", role=Role.admin
    )
    return user, True


def has_admin(session: Session) -> bool:
    return session.exec(select(User.id).where(User.role == Role.admin).limit(1)).first() is not None


def setup_code(session: Session) -> str | None:
    """The one-time code that makes its user the first administrator; None once there is one."""
    if has_admin(session):
        session.exec(delete(SetupCode))  # a code left from before the first admin is of no use
        return None
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    code = "-".join(secrets.token_hex(3).upper() for _ in range(3))  # 72 random bits, easy to copy
    row = {"id": 1, "code": code, "created_at": utcnow()}
    session.execute(insert(SetupCode).values(row).on_conflict_do_nothing(index_elements=["id"]))
    return session.get(SetupCode, 1, populate_existing=True).code  # every replica prints the same code


def update_profile(
    session: Session, *, user: User, display_name: str | None = None, language: str | None = None
) -> User:
    if display_name is not None:
        user.display_name = _display_name(display_name)
    if language is not None:
        user.language = language
    session.add(user)
    return user


def change_password(session: Session, *, user: User, old: str, new: str, keep_login: str | None = None) -> None:
    """Set a new password; every login ends except `keep_login` (the key of the one making the change)."""
    try:
        password_hasher.verify(user.password_hash, old)
    except (VerificationError, InvalidHashError):
        raise AccountError("err_old_password") from None
    check_password(new, username=user.username)
    user.password_hash = password_hasher.hash(new)
    session.add(user)
    # whoever knew the old password is logged out everywhere; the person changing it stays in
    session.exec(
        delete(AuthSession).where(AuthSession.user_id == user.id, AuthSession.token_hash != (keep_login or ""))
    )


def _lock_admins(session: Session) -> int:
    """Lock the administrators' rows and count them: concurrent demotions then see each other's result."""
    # An UPDATE locks the rows on PostgreSQL (and re-checks the role after waiting) and takes the
    # database's write lock on SQLite; the count that follows reads the committed state.
    session.exec(update(User).where(User.role == Role.admin).values(role=User.role))
    return session.exec(select(func.count()).select_from(User).where(User.role == Role.admin)).one()


def ensure_not_last_admin(session: Session, *, user: User) -> None:
    """Refuse to remove the last administrator (by a role change or by deleting the account)."""
    if user.role == Role.admin and _lock_admins(session) <= 1:
        raise AccountError("err_last_admin")


def set_role(session: Session, *, actor: User, user_id: int, role: Role) -> User:
    if actor.role != Role.admin:
        raise AccountError("err_not_allowed")
    target = session.get(User, user_id)
    if target is None:
        raise AccountError("err_not_found")
    if role != Role.admin:
        session.refresh(target)  # the role as committed, not as this session last saw it
        ensure_not_last_admin(session, user=target)
    target.role = role
    session.add(target)
    return target


def list_users(session: Session, *, actor: User) -> list[User]:
    if actor.role != Role.admin:
        raise AccountError("err_not_allowed")
    return list(session.exec(select(User).order_by(col(User.created_at))))


def has_password(user: User) -> bool:
    """Whether the account has a password of ours (accounts made by single sign-on have none)."""
    return user.password_hash != NO_PASSWORD


def is_staff(user: User) -> bool:
    """Trainers and administrators run cohorts and live sessions."""
    return user.role in (Role.trainer, Role.admin)
