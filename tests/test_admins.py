"""Administrators: made deliberately (never by signing up first), and never all removed."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlmodel import Session, func, select

from academy.accounts import personal_data, users
from academy.accounts.users import AccountError
from academy.core.db import session_scope
from academy.core.models import Role, User
from academy.core.settings import ROOT

PASSWORD = "password-123"


def admins(db_url: str) -> list[str]:
    with session_scope(db_url) as s:
        return list(s.exec(select(User.username).where(User.role == Role.admin)))


def sign_up(db_url: str, name: str, barrier: Barrier, **kw) -> str:
    barrier.wait()
    try:
        with session_scope(db_url) as s:
            return users.register(s, username=name, display_name=name, password=PASSWORD, **kw).role
    except AccountError as err:
        return err.key


def test_simultaneous_sign_ups_on_a_fresh_install_make_no_administrator(db_url: str) -> None:
    barrier = Barrier(10)
    with ThreadPoolExecutor(10) as pool:
        roles = list(pool.map(lambda n: sign_up(db_url, f"early{n}", barrier), range(10)))
    assert len(admins(db_url)) <= 1, roles
    assert admins(db_url) == []  # signing up first is no way to become administrator


def test_the_setup_code_makes_exactly_one_administrator_however_many_try_it(db_url: str) -> None:
    with session_scope(db_url) as s:
        code = users.setup_code(s)
    assert code
    barrier = Barrier(10)
    with ThreadPoolExecutor(10) as pool:
        outcomes = list(pool.map(lambda n: sign_up(db_url, f"racer{n}", barrier, setup_code=code), range(10)))
    assert outcomes.count(Role.admin) == 1, outcomes
    assert outcomes.count("err_setup_code") == 9
    assert len(admins(db_url)) == 1
    with session_scope(db_url) as s:
        assert users.setup_code(s) is None  # there is an administrator now: no code any more
        assert s.exec(select(func.count()).select_from(User)).one() == 1  # the refused sign-ups stored nothing


def test_sign_ups_in_parallel_processes_make_one_administrator(db_url: str) -> None:
    import time

    with session_scope(db_url) as s:
        code = users.setup_code(s)
    start_at = time.time() + 8  # time for every process to start and import before the moment
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.workers.signup", db_url, f"proc{n}", code, str(start_at)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    outcomes = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert sorted(outcomes) == ["admin"] + ["err_setup_code"] * 5, outcomes
    assert len(admins(db_url)) == 1


def test_a_wrong_setup_code_is_refused_and_changes_nothing(session: Session) -> None:
    assert users.setup_code(session)
    with pytest.raises(AccountError, match="err_setup_code"):
        users.register(session, username="guesser", display_name="G", password=PASSWORD, setup_code="AAAAAA-BBBBBB")
    session.rollback()
    assert users.register(session, username="plain", display_name="P", password=PASSWORD).role == Role.learner


def test_every_replica_prints_the_same_setup_code(db_url: str) -> None:
    with session_scope(db_url) as a:
        first = users.setup_code(a)
    with session_scope(db_url) as b:
        assert users.setup_code(b) == first


def create_admin_cli(db_url: str, *args: str, password: str = PASSWORD) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "academy", "create-admin", *args, "--password-stdin"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": db_url},
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_create_admin_from_the_command_line(db_url: str) -> None:
    out = create_admin_cli(db_url, "boss", "--display-name", "The Boss")
    assert out.returncode == 0, out.stderr
    assert "boss" in out.stdout
    assert admins(db_url) == ["boss"]
    with session_scope(db_url) as s:
        users.register(s, username="later", display_name="Later", password=PASSWORD)
    out = create_admin_cli(db_url, "later")  # an existing account is promoted, its password untouched
    assert out.returncode == 0, out.stderr
    assert sorted(admins(db_url)) == ["boss", "later"]
    out = create_admin_cli(db_url, "weak", password="short")
    assert out.returncode == 1
    assert "8" in out.stderr and "weak" not in admins(db_url)


def _two_admins(session: Session) -> tuple[User, User]:
    a, _ = users.create_admin(session, username="ada", display_name="Ada", password=PASSWORD)
    b, _ = users.create_admin(session, username="bob", display_name="Bob", password=PASSWORD)
    session.commit()
    return a, b


def test_the_last_administrator_cannot_be_demoted(session: Session) -> None:
    a, b = _two_admins(session)
    users.set_role(session, actor=a, user_id=b.id, role=Role.learner)  # another admin remains: fine
    session.commit()
    with pytest.raises(AccountError, match="err_last_admin"):
        users.set_role(session, actor=a, user_id=a.id, role=Role.trainer)


def test_the_last_administrator_cannot_delete_their_account(session: Session) -> None:
    a, _ = users.create_admin(session, username="solo", display_name="Solo", password=PASSWORD)
    session.commit()
    with pytest.raises(AccountError, match="err_last_admin"):
        personal_data.delete_account(session, user=a, password=PASSWORD)
    session.rollback()
    assert session.get(User, a.id) is not None


def test_two_administrators_demoting_each_other_at_once_leave_one(db_url: str, session: Session) -> None:
    a, b = _two_admins(session)
    barrier = Barrier(2)

    def demote(actor: User, target: User) -> str:
        barrier.wait()
        try:
            with session_scope(db_url) as s:
                users.set_role(s, actor=actor, user_id=target.id, role=Role.learner)
        except AccountError as err:
            return err.key
        return "done"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(lambda pair: demote(*pair), [(a, b), (b, a)]))
    assert outcomes == ["done", "err_last_admin"]
    assert len(admins(db_url)) == 1
