"""Adding one visit's counts to the checklist log (a call plan's review), on SQLite and PostgreSQL.

A week is logged one way: the counts go to the week as a whole unless that week is already logged by
days, then to the visit's day. Existing counts are added to, notes kept, and the log's version moves.
Concurrent additions, and an addition racing an edit of the same week, never lose a count.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.checklist import entries
from academy.checklist import log as ck
from academy.content.loader import Course
from academy.core.db import session_scope

MON = date(2026, 11, 2)  # a Monday
WED = MON + timedelta(days=2)


@pytest.fixture
def ids(course: Course) -> set[str]:
    return {item for _, item in course.checklist_items()}


def _user(session: Session, name: str = "ana") -> int:
    uid = users.register(session, username=name, display_name=name.title(), password="password-123").id
    session.commit()
    return uid


def test_a_visit_goes_into_its_week_as_a_whole_when_the_week_is_not_logged_yet(session: Session, ids) -> None:
    uid = _user(session)
    where = ck.add_counts(
        session, user_id=uid, day=WED, counts={"prep-opening": (1, 1), "prep-questions": (1, 0)}, item_ids=ids
    )
    assert where == ("week", MON)
    assert ck.period_totals(session, user_id=uid, period="week", start=MON) == {
        "prep-opening": (1, 1),
        "prep-questions": (1, 0),
    }
    assert ck.load_period(session, user_id=uid, period="day", start=WED) == {}


def test_counts_add_to_what_the_week_has_and_keep_its_notes(session: Session, ids) -> None:
    uid = _user(session)
    rows = {"prep-opening": {"executed": 3, "fulfilled": 2, "note": "two cold calls"}}
    ck.save_period(session, user_id=uid, period="week", start=MON, rows=rows, item_ids=ids)
    before = ck.log_version(session, user_ids=[uid])
    ck.add_counts(
        session, user_id=uid, day=WED, counts={"prep-opening": (1, 1), "visit-next-step": (1, 0)}, item_ids=ids
    )
    saved = ck.load_period(session, user_id=uid, period="week", start=MON)
    assert {k: (v.executed, v.fulfilled, v.note) for k, v in saved.items()} == {
        "prep-opening": (4, 3, "two cold calls"),
        "visit-next-step": (1, 0, ""),
    }
    assert ck.log_version(session, user_ids=[uid]) != before  # cached charts see the change


def test_a_week_logged_by_days_gets_the_visit_on_its_day(session: Session, ids) -> None:
    uid = _user(session)
    ck.save_period(
        session,
        user_id=uid,
        period="day",
        start=MON,
        rows={"prep-opening": {"executed": 1, "fulfilled": 1}},
        item_ids=ids,
    )
    where = ck.add_counts(session, user_id=uid, day=WED, counts={"prep-opening": (1, 0)}, item_ids=ids)
    assert where == ("day", WED)
    assert ck.period_totals(session, user_id=uid, period="day", start=WED) == {"prep-opening": (1, 0)}
    assert ck.week_logged_by(session, user_id=uid, day=WED) == {"day"}  # never a weekly/daily mix
    assert ck.period_totals(session, user_id=uid, period="week", start=MON) == {"prep-opening": (2, 1)}


@pytest.mark.parametrize(
    ("counts", "key"),
    [
        ({"not-a-behaviour": (1, 1)}, "ck_err_rows"),
        ({"prep-opening": (1, 2)}, "ck_err_rows"),
        ({"prep-opening": (0, 0)}, "ck_err_nothing_to_log"),
        ({}, "ck_err_nothing_to_log"),
    ],
)
def test_bad_counts_are_refused_and_change_nothing(session: Session, ids, counts, key) -> None:
    uid = _user(session)
    with pytest.raises(entries.ChecklistError) as err:
        ck.add_counts(session, user_id=uid, day=WED, counts=counts, item_ids=ids)
    assert err.value.key == key
    assert ck.log_rows(session, user_id=uid) == []


def _race(*jobs) -> list[BaseException]:
    """Run the jobs at the same moment on threads; the errors they raised."""
    start = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job) -> None:
        start.wait()
        try:
            job()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_parallel_visits_into_one_week_each_count_once(db_url: str, ids) -> None:
    with session_scope(db_url) as s:
        uid = users.register(s, username="par", display_name="Par", password="password-123").id

    def visit(n: int):
        def job() -> None:
            with session_scope(db_url) as s:
                day = MON + timedelta(days=n % 5)
                ck.add_counts(s, user_id=uid, day=day, counts={"prep-opening": (1, n % 2)}, item_ids=ids)

        return job

    assert _race(*(visit(n) for n in range(8))) == []
    with session_scope(db_url) as s:
        assert ck.period_totals(s, user_id=uid, period="week", start=MON) == {"prep-opening": (8, 4)}
        assert ck.week_logged_by(s, user_id=uid, day=MON) == {"week"}


def test_a_visit_racing_a_daily_log_of_its_week_never_mixes_the_two(db_url: str, ids) -> None:
    """Whichever commits first decides how the week is logged; the other follows it or is refused."""
    with session_scope(db_url) as s:
        uid = users.register(s, username="mix", display_name="Mix", password="password-123").id
    for week in range(6):
        monday = MON + timedelta(weeks=week)

        def visit(monday: date = monday) -> None:
            with session_scope(db_url) as s:
                ck.add_counts(
                    s, user_id=uid, day=monday + timedelta(days=2), counts={"prep-opening": (1, 1)}, item_ids=ids
                )

        def daily(monday: date = monday) -> None:
            with session_scope(db_url) as s:
                rows = {"prep-questions": {"executed": 1, "fulfilled": 1}}
                ck.save_period(s, user_id=uid, period="day", start=monday + timedelta(days=1), rows=rows, item_ids=ids)

        errors = _race(visit, daily)
        with session_scope(db_url) as s:
            logged_by = ck.week_logged_by(s, user_id=uid, day=monday)
            totals = ck.period_totals(s, user_id=uid, period="week", start=monday)
        assert len(logged_by) == 1, f"week {monday} logged both ways"
        assert totals["prep-opening"] == (1, 1)  # the visit always lands
        if logged_by == {"week"}:  # the visit came first: the daily log was refused, with its message
            assert [getattr(e, "key", e) for e in errors] == ["ck_err_mixed_day"]
        else:
            assert errors == [] and totals["prep-questions"] == (1, 1)
