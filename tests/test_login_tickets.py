"""The login cookie's one-time tickets, and purging what has expired."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier

from sqlmodel import Session, func, select

from academy.accounts import login, users
from academy.core import throttle
from academy.core.db import session_scope
from academy.core.models import AuthSession, LoginTicket, Throttle, User, utcnow
from academy.core.settings import get_settings


def make(session: Session, name: str = "tina") -> User:
    user = users.register(session, username=name, display_name=name.title(), password="password-123")
    session.commit()
    return user


def test_a_ticket_gives_the_login_cookie_once(session: Session) -> None:
    settings = get_settings()
    start = login.start_login(session, user=make(session), settings=settings)
    session.commit()
    assert login.ticket_redeemed(session, ticket=start.ticket) is False
    cookie = login.redeem_ticket(session, ticket=start.ticket, settings=settings)
    session.commit()
    assert cookie.value == start.token  # the cookie names the same login the page holds
    assert 0 < cookie.max_age <= settings.session_hours * 3600
    assert login.redeem_ticket(session, ticket=start.ticket, settings=settings) is None
    assert login.ticket_redeemed(session, ticket=start.ticket) is True
    assert login.redeem_ticket(session, ticket="made-up", settings=settings) is None


def test_racing_requests_with_one_ticket_get_one_cookie(db_url: str, session: Session) -> None:
    settings = get_settings()
    start = login.start_login(session, user=make(session), settings=settings)
    session.commit()
    barrier = Barrier(8)

    def redeem(_: int) -> bool:
        barrier.wait()
        with session_scope(db_url) as s:
            return login.redeem_ticket(s, ticket=start.ticket, settings=settings) is not None

    with ThreadPoolExecutor(8) as pool:
        assert sorted(pool.map(redeem, range(8))) == [False] * 7 + [True]


def test_an_expired_or_logged_out_ticket_gives_nothing(session: Session) -> None:
    settings = get_settings()
    user = make(session)
    late = login.start_login(session, user=user, settings=settings)
    gone = login.start_login(session, user=user, settings=settings)
    session.commit()
    later = utcnow() + timedelta(minutes=login.TICKET_MINUTES + 1)
    assert login.redeem_ticket(session, ticket=late.ticket, settings=settings, now=later) is None
    assert login.ticket_redeemed(session, ticket=late.ticket, now=later) is None
    login.logout(session, token=gone.token, settings=settings)
    session.commit()
    assert login.redeem_ticket(session, ticket=gone.ticket, settings=settings) is None


def test_purge_removes_expired_logins_tickets_and_counts_only(session: Session) -> None:
    settings = get_settings()
    user = make(session)
    old = login.create_login(session, user=user, settings=settings)
    fresh = login.create_login(session, user=user, settings=settings)
    record = session.get(AuthSession, login.login_key(old, settings))
    record.expires_at = utcnow() - timedelta(seconds=1)
    session.add(record)
    throttle.reserve(session, [throttle.Rule(throttle.key("x"), timedelta(minutes=1), limit=3)])
    session.commit()
    assert login.purge_expired(session, now=utcnow() + timedelta(minutes=login.TICKET_MINUTES + 2)) == 4
    session.commit()
    assert session.exec(select(func.count()).select_from(AuthSession)).one() == 1
    assert session.exec(select(func.count()).select_from(LoginTicket)).one() == 0
    assert session.exec(select(func.count()).select_from(Throttle)).one() == 0
    assert login.user_for_token(session, token=fresh, settings=settings).id == user.id
