"""Logging in: password checks with throttling and lockout, and expiring server-checked login tokens.

A token is signed (itsdangerous) and names a login record in the database, so logging out, a
password change or expiry ends it on every replica.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete
from sqlmodel import Session, select

from academy.accounts.users import AccountError, _aware, _hasher
from academy.core.models import AuthSession, User, utcnow
from academy.core.settings import ROOT, Settings


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
    record = session.get(AuthSession, _digest(raw))
    if record is None or _aware(record.expires_at) <= utcnow():
        return None
    return session.get(User, record.user_id)


def logout(session: Session, *, token: str, settings: Settings) -> None:
    try:
        raw = _serializer(settings).loads(token)
    except BadSignature:
        return
    session.exec(delete(AuthSession).where(AuthSession.token_hash == _digest(raw)))
