"""Logging in: password checks throttled in the database, expiring server-checked logins, cookie tickets.

Guessing. Every attempt is counted before the password is checked (`academy.core.throttle`), under
two rules keyed by the name as typed, so an unknown name answers exactly like a known one:
- one account from one client (address): `login_max_failures` attempts per `login_lock_minutes`,
  then that client is locked out of that account until the window ends. Parallel sessions share
  the count, so at most that many guesses are ever checked per window.
- one account from anywhere: attempts are spaced apart (`login_delay`), which slows guessing from
  many clients without locking the real owner out: on their own device they only wait seconds.
A third rule caps failures per client across all accounts (`login_client_max_failures`).

A login is a record in the database named by a signed token (only its SHA-256 is stored), so
logging out, a password change or expiry ends it on every replica. The browser gets the token
in an HttpOnly cookie through a one-time ticket (`start_login`, `redeem_ticket`): the page hands
the ticket to an HTTP route, which answers with the cookie; scripts never see the token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, update
from sqlmodel import Session, select

from academy.accounts.users import MAX_PASSWORD, USERNAME_RE, AccountError, password_hasher
from academy.core import throttle
from academy.core.models import AuthSession, LoginTicket, User, aware, utcnow
from academy.core.secret_key import secret_key
from academy.core.settings import Settings

TICKET_MINUTES = 5  # a ticket the page has not handed over by then is useless
# A hash with the hasher's parameters: checking a password against it costs what a real check costs.
_DUMMY_HASH = password_hasher.hash("never-a-password")


def login_delay(failures: int) -> float:
    """Seconds before the next attempt on an account is checked, after `failures` attempts: grows, capped."""
    return 0.0 if failures <= 1 else min(0.5 * 2 ** (failures - 2), 4.0)


def _rules(name: str, client: str, settings: Settings) -> list[throttle.Rule]:
    window = timedelta(minutes=settings.login_lock_minutes)
    return [
        throttle.Rule(throttle.key("login-client-account", name, client), window, limit=settings.login_max_failures),
        throttle.Rule(throttle.key("login-account", name), window, spacing=login_delay),
        throttle.Rule(throttle.key("login-client", client), window, limit=settings.login_client_max_failures),
    ]


def _verify(password_hash: str, password: str) -> bool:
    try:
        return password_hasher.verify(password_hash, password[: MAX_PASSWORD + 1])
    except (VerificationError, InvalidHashError):
        return False


def authenticate(
    session: Session,
    *,
    username: str,
    password: str,
    settings: Settings,
    client: str = "local",
    now: datetime | None = None,
) -> User:
    """The user whose password this is; AccountError otherwise. Commits the attempt's count."""
    now = now or utcnow()
    name = username.strip().lower()
    pair, account, per_client = _rules(name, client, settings)
    slot = throttle.reserve(session, [pair, account, per_client], now=now)
    session.commit()  # parallel attempts must see this count before the slow check below
    if not slot.allowed:
        if slot.refused_by == "spacing":
            raise AccountError("err_login_wait", seconds=max(1, round(slot.retry_after)))
        raise AccountError("err_login_locked", minutes=max(1, round(slot.retry_after / 60)))
    # Names that cannot exist are never looked up (PostgreSQL refuses a NUL in a query, for one).
    user = session.exec(select(User).where(User.username == name)).first() if USERNAME_RE.match(name) else None
    if not _verify(user.password_hash if user else _DUMMY_HASH, password) or user is None:
        if slot.counts[pair.key] >= settings.login_max_failures:
            raise AccountError("err_login_locked", minutes=round(settings.login_lock_minutes))
        raise AccountError("err_login_failed", delay=login_delay(slot.counts[account.key]))
    throttle.clear(session, [pair.key, account.key])
    throttle.give_back(session, per_client.key)  # the client cap counts failures only
    if password_hasher.check_needs_rehash(user.password_hash):
        user.password_hash = password_hasher.hash(password)
        session.add(user)
    return user


# --- logins and the cookie ----------------------------------------------------------------------


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key(settings), salt="kaa-login")


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _raw_for(ticket: str, settings: Settings) -> str:
    # The login's secret follows from its ticket and the secret key, so the database holds hashes only.
    return hmac.new(secret_key(settings).encode(), b"kaa-ticket:" + ticket.encode(), "sha256").hexdigest()


@dataclass(frozen=True)
class LoginStart:
    token: str  # the signed login token: kept by the server-side session, and in the HttpOnly cookie
    ticket: str  # one-time, short-lived: the page hands it to the cookie route


def start_login(session: Session, *, user: User, settings: Settings) -> LoginStart:
    """Start a login for an authenticated user: its token, and a ticket to exchange for the cookie."""
    now = utcnow()
    ticket = secrets.token_urlsafe(32)
    raw = _raw_for(ticket, settings)
    token_hash = _digest(raw)
    session.add(
        AuthSession(token_hash=token_hash, user_id=user.id, expires_at=now + timedelta(hours=settings.session_hours))
    )
    session.flush()
    session.add(
        LoginTicket(
            ticket_hash=_digest(ticket), token_hash=token_hash, expires_at=now + timedelta(minutes=TICKET_MINUTES)
        )
    )
    session.flush()
    return LoginStart(_serializer(settings).dumps(raw), ticket)


def create_login(session: Session, *, user: User, settings: Settings) -> str:
    """Start a login; returns its signed token (for callers that set no browser cookie)."""
    return start_login(session, user=user, settings=settings).token


@dataclass(frozen=True)
class Cookie:
    value: str
    max_age: int  # seconds


def redeem_ticket(session: Session, *, ticket: str, settings: Settings, now: datetime | None = None) -> Cookie | None:
    """The login cookie for a ticket, once: None for a used, expired, unknown or logged-out ticket."""
    now = now or utcnow()
    ticket_hash = _digest(ticket)
    used = session.exec(
        update(LoginTicket)
        .where(LoginTicket.ticket_hash == ticket_hash, LoginTicket.redeemed_at.is_(None), LoginTicket.expires_at > now)
        .values(redeemed_at=now)
    )
    if used.rowcount != 1:  # one UPDATE marks it: two requests racing with one ticket get one cookie
        return None
    row = session.get(LoginTicket, ticket_hash)
    raw = _raw_for(ticket, settings)
    record = session.get(AuthSession, row.token_hash)
    if record is None or not hmac.compare_digest(_digest(raw), row.token_hash) or aware(record.expires_at) <= now:
        return None
    return Cookie(_serializer(settings).dumps(raw), int((aware(record.expires_at) - now).total_seconds()))


def ticket_redeemed(session: Session, *, ticket: str, now: datetime | None = None) -> bool | None:
    """True once the browser has the cookie, False while it may still come, None when it never will."""
    row = session.get(LoginTicket, _digest(ticket))
    if row is not None and row.redeemed_at is not None:
        return True
    if row is None or aware(row.expires_at) <= (now or utcnow()):
        return None
    return False


def login_key(token: str, settings: Settings) -> str | None:
    """The stored key of a token's login (None for a forged or expired token)."""
    try:
        raw = _serializer(settings).loads(token, max_age=int(settings.session_hours * 3600))
    except BadSignature:
        return None
    return _digest(raw)


def user_for_token(session: Session, *, token: str, settings: Settings) -> User | None:
    """The user a token belongs to, or None when it is forged, expired or logged out."""
    key = login_key(token, settings)
    record = session.get(AuthSession, key) if key else None
    if record is None or aware(record.expires_at) <= utcnow():
        return None
    return session.get(User, record.user_id)


def logout(session: Session, *, token: str, settings: Settings) -> None:
    key = login_key(token, settings)
    if key:
        session.exec(delete(AuthSession).where(AuthSession.token_hash == key))


def purge_expired(session: Session, *, now: datetime | None = None) -> int:
    """Delete expired logins, tickets and attempt counts; returns the rows removed."""
    now = now or utcnow()
    removed = session.exec(delete(LoginTicket).where(LoginTicket.expires_at < now)).rowcount or 0
    removed += session.exec(delete(AuthSession).where(AuthSession.expires_at < now)).rowcount or 0
    return removed + throttle.purge(session, now=now)
