"""Accounts: registration, login with throttling, expiring sessions, roles, data export and deletion.

Functions take a SQLModel session and keyword arguments; they raise AccountError with an i18n key
that the UI shows in the user's language.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, select

from academy.core.models import AuthSession, Role, User, utcnow
from academy.core.settings import ROOT, Settings

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
USERNAME_RE = re.compile(r"^[a-z0-9_.-]{3,32}$")
MIN_PASSWORD = 8


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


def login_delay(failures: int) -> float:
    """Seconds to wait before answering a failed login: grows with each failure, capped."""
    return 0.0 if failures <= 1 else min(0.5 * 2 ** (failures - 2), 4.0)


def authenticate(
    session: Session, *, username: str, password: str, settings: Settings, now: datetime | None = None
) -> User:
    now = now or utcnow()
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        _hasher.hash(password)  # spend the same time as a real check, so names cannot be probed by timing
        raise AccountError("err_login_failed", delay=login_delay(1))
    if user.locked_until and _aware(user.locked_until) > now:
        minutes = max(1, round((_aware(user.locked_until) - now).total_seconds() / 60))
        raise AccountError("err_login_locked", minutes=minutes)
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        if user.failed_logins >= settings.login_max_failures:
            user.locked_until = now + timedelta(minutes=settings.login_lock_minutes)
            user.failed_logins = 0
            session.add(user)
            session.commit()  # the lock must survive the error that follows
            raise AccountError("err_login_locked", minutes=round(settings.login_lock_minutes)) from None
        session.add(user)
        session.commit()
        raise AccountError("err_login_failed", delay=login_delay(user.failed_logins)) from None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    session.add(user)
    return user


# --- login sessions -------------------------------------------------------------------------


def secret_key(settings: Settings) -> str:
    """SECRET_KEY from the settings; on a single machine, one generated once under data/."""
    if settings.secret_key:
        return settings.secret_key
    path = ROOT / "data" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key(settings), salt="kaa-login")


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_login(session: Session, *, user: User, settings: Settings) -> str:
    """Start a login; returns the signed token the browser keeps in a cookie."""
    raw = secrets.token_urlsafe(32)
    session.add(
        AuthSession(
            token_hash=_digest(raw),
            user_id=user.id,
            expires_at=utcnow() + timedelta(hours=settings.session_hours),
        )
    )
    session.flush()
    return _serializer(settings).dumps(raw)


def user_for_token(session: Session, *, token: str, settings: Settings) -> User | None:
    """The user a token belongs to, or None when it is forged, expired or logged out."""
    try:
        raw = _serializer(settings).loads(token, max_age=int(settings.session_hours * 3600))
    except BadSignature:
        return None
    login = session.get(AuthSession, _digest(raw))
    if login is None or _aware(login.expires_at) <= utcnow():
        return None
    return session.get(User, login.user_id)


def logout(session: Session, *, token: str, settings: Settings) -> None:
    try:
        raw = _serializer(settings).loads(token)
    except BadSignature:
        return
    session.exec(delete(AuthSession).where(AuthSession.token_hash == _digest(raw)))


# --- profile ----------------------------------------------------------------------------------


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


def _user_tables() -> list:
    """Every table holding a user's own rows (a user_id column), so new tables are covered automatically."""
    return [t for t in SQLModel.metadata.sorted_tables if "user_id" in t.c]


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def export_user_data(session: Session, *, user: User) -> dict[str, Any]:
    """All of the user's data as plain JSON-ready data (password hash and login tokens excluded)."""
    account = user.model_dump(exclude={"password_hash", "failed_logins", "locked_until"})
    data: dict[str, Any] = {"account": {k: _jsonable(v) for k, v in account.items()}}
    for table in _user_tables():
        if table.name == AuthSession.__tablename__:
            continue
        rows = session.connection().execute(table.select().where(table.c.user_id == user.id)).mappings()
        data[table.name] = [{k: _jsonable(v) for k, v in row.items() if k != "user_id"} for row in rows]
    return data


def delete_account(session: Session, *, user: User, password: str) -> None:
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise AccountError("err_old_password") from None
    for table in reversed(_user_tables()):
        session.connection().execute(table.delete().where(table.c.user_id == user.id))
    session.delete(user)
