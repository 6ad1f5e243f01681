"""Checklist files: CSV and Excel export, CSV import validated row by row, all or nothing."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from academy.accounts import users
from academy.checklist import entries
from academy.checklist import files as cio
from academy.checklist import log as ck
from academy.checklist.demo import generate_log
from academy.content.loader import Course
from academy.core.models import User

MON = date(2026, 11, 2)
HEADER = "period,period_start,item_id,executed,fulfilled,note"


@pytest.fixture
def ids(course: Course) -> list[str]:
    return [item for _, item in course.checklist_items()]


def make(session: Session, name: str) -> User:
    return users.register(session, username=name, display_name=name.title(), password="password-123")


def csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8-sig")


def log_some(session: Session, user: User, ids: list[str]) -> None:
    rows = {
        ids[0]: {"executed": 4, "fulfilled": 3, "note": '客户财务总监, "很关键"\n下周再约'},
        ids[1]: {"executed": 2, "fulfilled": 0, "note": '=HYPERLINK("http://x")'},
    }
    ck.save_period(session, user_id=user.id, period="week", start=MON, rows=rows, item_ids=set(ids))
    day = {ids[2]: {"executed": 1, "fulfilled": 1}}
    ck.save_period(session, user_id=user.id, period="day", start=MON + timedelta(days=8), rows=day, item_ids=set(ids))


def test_csv_export_is_utf8_with_bom_and_one_row_per_entry(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    log_some(session, user, ids)
    data = cio.export_csv(session, user_id=user.id)
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode())
    frame = cio.read_csv(data)
    assert list(frame["item_id"]) == [ids[0], ids[1], ids[2]]
    assert list(frame["period_start"]) == [str(MON), str(MON), str(MON + timedelta(days=8))]
    assert frame["note"][0] == '客户财务总监, "很关键"\n下周再约'


def test_export_then_import_into_another_account_gives_the_same_log(session: Session, ids: list[str]) -> None:
    ana, bob = make(session, "ana"), make(session, "bob")
    log_some(session, ana, ids)
    generate_log(session, user_id=ana.id, days=30, seed=1, item_ids=ids, end=MON - timedelta(days=1))
    data = cio.export_csv(session, user_id=ana.id)
    n = cio.import_csv(session, user_id=bob.id, data=data, item_ids=set(ids))
    assert n == len(cio.export_frame(session, user_id=ana.id))
    assert cio.export_csv(session, user_id=bob.id) == data
    ana_weekly = ck.weekly_totals(session, user_id=ana.id)
    assert ck.weekly_totals(session, user_id=bob.id).equals(ana_weekly)
    # importing the same file again replaces those periods: nothing is counted twice
    cio.import_csv(session, user_id=bob.id, data=data, item_ids=set(ids))
    assert ck.weekly_totals(session, user_id=bob.id).equals(ana_weekly)


def test_excel_export_has_the_behaviour_text_and_keeps_notes_as_text(
    session: Session, ids: list[str], course: Course
) -> None:
    user = make(session, "ana")
    log_some(session, user, ids)
    book = load_workbook(io.BytesIO(cio.export_excel(session, user_id=user.id, checklist=course.checklist, lang="zh")))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("period", "period_start", "item_id", "behaviour", "executed", "fulfilled", "note")
    first = course.checklist.groups[0].items[0]
    assert rows[1][:6] == ("week", str(MON), first.id, first.text.zh, 4, 3)
    assert book.active.cell(row=3, column=7).data_type == "s"  # a note that looks like a formula is not one
    assert rows[2][6] == '=HYPERLINK("http://x")'


def test_import_accepts_the_excel_columns_saved_as_csv(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    data = csv(
        f"week,{MON},{ids[0]},Some text,3,2,", header="period,period_start,item_id,behaviour,executed,fulfilled,note"
    )
    assert cio.import_csv(session, user_id=user.id, data=data, item_ids=set(ids)) == 1
    assert ck.period_totals(session, user_id=user.id, period="week", start=MON) == {ids[0]: (3, 2)}


@pytest.mark.parametrize(
    ("bad", "column", "key"),
    [
        ("week,{mon},{item},2,3,", "fulfilled", "ck_err_fulfilled_gt_executed"),
        ("week,{mon},no-such-behaviour,2,1,", "item_id", "ck_err_unknown_item"),
        ("week,not a date,{item},2,1,", "period_start", "ck_err_date"),
        ("week,2026-02-30,{item},2,1,", "period_start", "ck_err_date"),
        ("week,86400,{item},2,1,", "period_start", "ck_err_date"),
        ("week,{tue},{item},2,1,", "period_start", "ck_err_not_monday"),
        ("month,{mon},{item},2,1,", "period", "ck_err_period"),
        ("week,{mon},{item},two,1,", "executed", "ck_err_whole_number"),
        ("week,{mon},{item},1.5,1,", "executed", "ck_err_whole_number"),
        ("week,{mon},{item},0,0,", "executed", "ck_err_executed_min"),
        ("week,{mon},{item},,1,", "executed", "ck_err_required"),
        ("week,{mon},{item0},3,3,", "item_id", "ck_err_duplicate"),
    ],
)
def test_one_bad_row_imports_nothing_and_names_row_and_column(
    session: Session, ids: list[str], bad: str, column: str, key: str
) -> None:
    user = make(session, "ana")
    log_some(session, user, ids)
    before = cio.export_csv(session, user_id=user.id)
    later = MON + timedelta(weeks=2)
    data = csv(
        f"week,{later},{ids[0]},1,1,",
        f"week,{later},{ids[1]},1,1,",
        bad.format(mon=later, tue=later + timedelta(days=1), item=ids[5], item0=ids[0]),
        f"week,{later},{ids[3]},1,1,",
    )
    with pytest.raises(entries.ChecklistRowErrors) as err:
        cio.import_csv(session, user_id=user.id, data=data, item_ids=set(ids))
    problem = err.value.problems[0]
    assert (problem.row, problem.column, problem.key) == (4, column, key)  # the header is row 1
    assert len(err.value.problems) == 1
    assert cio.export_csv(session, user_id=user.id) == before


def test_every_bad_row_is_reported_at_once(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    data = csv(f"week,{MON},{ids[0]},2,3,", f"week,{MON},{ids[1]},1,1,", f"day,yesterday,{ids[2]},1,1,")
    with pytest.raises(entries.ChecklistRowErrors) as err:
        cio.import_csv(session, user_id=user.id, data=data, item_ids=set(ids))
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "fulfilled"), (4, "period_start")]


def test_import_refuses_to_mix_weekly_and_daily_logs_of_one_week(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    log_some(session, user, ids)  # the week of MON as a week; a day in the week after
    with pytest.raises(entries.ChecklistRowErrors) as err:
        cio.import_csv(
            session, user_id=user.id, data=csv(f"day,{MON + timedelta(days=3)},{ids[4]},1,1,"), item_ids=set(ids)
        )
    assert (err.value.problems[0].row, err.value.problems[0].key) == (2, "ck_err_mixed_day")
    within_file = csv(
        f"week,{MON + timedelta(weeks=4)},{ids[0]},1,1,", f"day,{MON + timedelta(weeks=4, days=1)},{ids[0]},1,1,"
    )
    with pytest.raises(entries.ChecklistRowErrors) as err:
        cio.import_csv(session, user_id=user.id, data=within_file, item_ids=set(ids))
    assert (err.value.problems[0].row, err.value.problems[0].key) == (3, "ck_err_mixed_day")
    # a file that re-logs the same week as a week replaces it, which is fine
    assert cio.import_csv(session, user_id=user.id, data=csv(f"week,{MON},{ids[4]},2,1,"), item_ids=set(ids)) == 1
    assert ck.period_totals(session, user_id=user.id, period="week", start=MON) == {ids[4]: (2, 1)}


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"", "ck_err_csv_empty"),
        (HEADER.encode() + b"\n", "ck_err_csv_empty"),
        ("period,period_start\nweek,2026-11-02\n".encode("gbk"), "ck_err_rows"),
        ("period,note\nweek,中文备注\n".encode("gbk"), "ck_err_csv_encoding"),
    ],
)
def test_files_that_are_not_a_checklist_log(session: Session, ids: list[str], data: bytes, key: str) -> None:
    user = make(session, "ana")
    with pytest.raises(entries.ChecklistError) as err:
        cio.import_csv(session, user_id=user.id, data=data, item_ids=set(ids))
    assert err.value.key == key


def test_missing_and_unknown_columns_are_named_in_row_one(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    data = csv(f"week,{MON},{ids[0]},2,1", header="period,period_start,item,executed,fulfilled")
    with pytest.raises(entries.ChecklistRowErrors) as err:
        cio.import_csv(session, user_id=user.id, data=data, item_ids=set(ids))
    assert [(p.row, p.column, p.key) for p in err.value.problems] == [
        (1, "item_id", "ck_err_missing_column"),
        (1, "note", "ck_err_missing_column"),
        (1, "item", "ck_err_unknown_column"),
    ]
