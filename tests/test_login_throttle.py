"""Password guessing under attack: parallel guesses, unknown names, and an owner the attacker cannot lock out."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier

import pytest
from sqlmodel import Session

from academy.accounts import login, users
from academy.accounts.users import AccountError
from academy.core.db import session_scope
from academy.core.models import utcnow
from academy.core.settings import get_settings

RIGHT = "correct-horse"


def make(session: Session, name: str) -> None:
    users.register(session, username=name, display_name=name.title(), password=RIGHT)
    session.commit()


def attempt(db_url: str, username: str, password: str, barrier: Barrier | None = None, **kw) -> str:
    """One login as the page makes it: 'ok', or the error key the user would see."""
    if barrier is not None:
        barrier.wait()
    try:
        with session_scope(db_url) as s:
            login.authenticate(s, username=username, password=password, settings=get_settings(), **kw)
    except AccountError as err:
        return err.key
    return "ok"


def test_waves_of_twenty_parallel_guesses_verify_at_most_the_allowed_number(db_url: str, session: Session) -> None:
    make(session, "target")
    limit = get_settings().login_max_failures
    start, outcomes = utcnow(), []
    for wave in range(limit + 1):  # each wave of 20 at once, five seconds after the one before
        barrier, at = Barrier(20), start + timedelta(seconds=5 * wave)

        def guess(n: int, barrier: Barrier = barrier, at=at) -> str:
            return attempt(db_url, "target", f"wrong-{n}", barrier, now=at)

        with ThreadPoolExecutor(20) as pool:
            outcomes += pool.map(guess, range(20))
    verified = [o for o in outcomes if o == "err_login_failed"]
    assert 0 < len(verified) <= limit, outcomes
    assert "err_login_locked" in outcomes
    # the lock holds, for the right password too
    assert attempt(db_url, "target", RIGHT, now=start + timedelta(seconds=5 * (limit + 1))) == "err_login_locked"


def paced(n: int):
    """Attempt times a patient attacker would use: each after the previous one's delay has passed."""
    start = utcnow()
    return [start + timedelta(seconds=5 * i) for i in range(n)]


def test_serial_guesses_lock_after_the_limit_and_unlock_after_the_window(db_url: str, session: Session) -> None:
    make(session, "serial")
    settings = get_settings()
    limit = settings.login_max_failures
    times = paced(limit + 3)
    outcomes = [attempt(db_url, "serial", f"wrong-{n}", now=t) for n, t in enumerate(times)]
    assert outcomes == ["err_login_failed"] * (limit - 1) + ["err_login_locked"] * 4
    assert attempt(db_url, "serial", RIGHT, now=times[-1] + timedelta(seconds=5)) == "err_login_locked"
    later = times[0] + timedelta(minutes=settings.login_lock_minutes, seconds=1)
    assert attempt(db_url, "serial", RIGHT, now=later) == "ok"


def test_quick_retries_wait_instead_of_being_checked(db_url: str, session: Session) -> None:
    make(session, "hasty")
    now = utcnow()
    assert attempt(db_url, "hasty", "wrong-1", now=now) == "err_login_failed"
    assert attempt(db_url, "hasty", "wrong-2", now=now) == "err_login_failed"
    # after two failures the next check waits a moment: an immediate retry is not checked
    assert attempt(db_url, "hasty", RIGHT, now=now) == "err_login_wait"
    assert attempt(db_url, "hasty", RIGHT, now=now + timedelta(seconds=1)) == "ok"


@pytest.mark.parametrize("n", [1, 3])
def test_unknown_names_answer_exactly_like_known_ones(db_url: str, session: Session, n: int) -> None:
    make(session, "known")
    limit = get_settings().login_max_failures
    times = paced(limit + n)
    known = [attempt(db_url, "known", "wrong-pass", now=t) for t in times]
    unknown = [attempt(db_url, "nobody-here", "wrong-pass", now=t) for t in times]
    assert known == unknown


def test_unknown_names_take_as_long_as_known_ones(db_url: str, session: Session) -> None:
    make(session, "timed")
    spent: dict[str, list[float]] = {"timed": [], "not-a-user": []}
    for n in range(4):
        for name in spent:  # alternate, so load on the machine hits both alike
            began = time.perf_counter()
            attempt(db_url, name, "wrong-pass", client=f"198.51.100.{n}", now=utcnow() + timedelta(minutes=n))
            spent[name].append(time.perf_counter() - began)
    known, unknown = (statistics.median(v) for v in spent.values())
    assert 0.4 < unknown / known < 2.5, spent  # a password check happens either way


def test_an_attacker_locks_only_their_own_client_out(db_url: str, session: Session) -> None:
    make(session, "owner")
    limit = get_settings().login_max_failures
    times = paced(limit + 5)
    attacker = [attempt(db_url, "owner", f"guess-{n}", client="203.0.113.9", now=t) for n, t in enumerate(times)]
    assert attacker[-1] == "err_login_locked"
    # the real owner, on their own connection, is slowed at most: the right password gets in
    then = times[-1] + timedelta(seconds=5)
    assert attempt(db_url, "owner", RIGHT, client="198.51.100.7", now=then) == "ok"
    # and the attacker stays locked out
    assert attempt(db_url, "owner", RIGHT, client="203.0.113.9", now=then + timedelta(seconds=5)) == "err_login_locked"


def test_one_client_guessing_many_accounts_is_capped(db_url: str, session: Session, monkeypatch) -> None:
    monkeypatch.setenv("LOGIN_CLIENT_MAX_FAILURES", "6")
    get_settings.cache_clear()
    make(session, "sprayed")
    now = utcnow()
    outcomes = [attempt(db_url, f"user{n}", "password1", client="192.0.2.1", now=now) for n in range(8)]
    assert outcomes == ["err_login_failed"] * 6 + ["err_login_locked"] * 2
    assert attempt(db_url, "sprayed", RIGHT, client="192.0.2.2", now=now) == "ok"  # another client is unaffected


def test_a_nul_in_the_name_is_a_wrong_login_not_an_error(db_url: str, session: Session) -> None:
    make(session, "plain")
    assert attempt(db_url, "pl\x00ain", RIGHT) == "err_login_failed"
    assert attempt(db_url, "plain", "pass\x00word") == "err_login_failed"
