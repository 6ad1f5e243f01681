"""Property-based tests (hypothesis) for checklist rate arithmetic and the CSV import.

The example-based tests pin particular cases; these generate many logs and check what must hold for
every one of them: rates stay fractions, pooling is a weighted mean, the database's weekly sums agree
with a plain count, an exported log imports back identically, and one bad row changes nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from academy.accounts import users
from academy.checklist import entries, rates
from academy.checklist import files as cio
from academy.checklist import log as ck
from academy.checklist.entries import ChecklistRowErrors
from academy.core.models import User

ITEMS = [f"b{i}" for i in range(6)]
FIRST_MONDAY = date(2025, 1, 6)

# Database-backed properties run on both backends with a fresh user per example.
DB_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@st.composite
def counts(draw) -> tuple[int, int]:
    executed = draw(st.integers(min_value=1, max_value=50))
    return executed, draw(st.integers(min_value=0, max_value=executed))


totals_maps = st.dictionaries(st.sampled_from(ITEMS), counts(), max_size=len(ITEMS))


def weekly_frame(rows: list[tuple[int, str, tuple[int, int]]]) -> pd.DataFrame:
    """A `weekly_totals`-shaped frame from (week number, item, (executed, fulfilled)), one row per week and item."""
    summed: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0])
    for week, item, (executed, fulfilled) in rows:
        cell = summed[(FIRST_MONDAY + timedelta(weeks=week), item)]
        cell[0] += executed
        cell[1] += fulfilled
    records = [(w, i, e, f) for (w, i), (e, f) in sorted(summed.items())]
    return pd.DataFrame(records, columns=rates.WEEKLY_COLUMNS).astype({"executed": "int64", "fulfilled": "int64"})


weekly_rows = st.lists(st.tuples(st.integers(0, 20), st.sampled_from(ITEMS), counts()), min_size=1, max_size=60)


# --- pure rate arithmetic -------------------------------------------------------------------------


@given(totals_maps)
def test_a_pooled_rate_is_a_fraction_and_missing_only_when_nothing_came_up(totals) -> None:
    result = rates.pooled(totals)
    if not totals:
        assert result is None
    else:
        assert 0.0 <= result <= 1.0


@given(totals_maps.filter(bool))
def test_pooling_weights_each_behaviour_by_how_often_it_came_up(totals) -> None:
    overall = rates.pooled(totals)
    singles = [f / e for e, f in totals.values()]
    assert min(singles) - 1e-12 <= overall <= max(singles) + 1e-12
    executed = sum(e for e, _ in totals.values())
    assert overall == pytest.approx(sum(f for _, f in totals.values()) / executed)
    # the weighted mean of the single rates, weighted by executed
    assert overall == pytest.approx(sum(e * (f / e) for e, f in totals.values()) / executed)


@given(totals_maps.filter(bool), st.sets(st.sampled_from(ITEMS), min_size=1))
def test_group_rates_pool_only_their_own_behaviours(totals, group) -> None:
    groups = {"g": sorted(group), "rest": sorted(set(ITEMS) - group)}
    by_group = rates.group_rates(totals, groups)
    assert list(by_group) == ["g", "rest"]
    mine = {i: totals[i] for i in group if i in totals}
    assert by_group["g"] == rates.pooled(mine)
    # the two groups together are the whole checklist
    known = [r for r in by_group.values() if r is not None]
    assert min(known) - 1e-12 <= rates.pooled(totals) <= max(known) + 1e-12


@given(weekly_rows)
def test_weekly_overall_and_group_rates_add_up_to_the_log(rows) -> None:
    frame = weekly_frame(rows)
    overall = rates.overall_by_week(frame)
    assert list(overall["week"]) == sorted(set(frame["week"]))
    assert overall["executed"].sum() == sum(e for _, _, (e, _) in rows)
    assert overall["fulfilled"].sum() == sum(f for _, _, (_, f) in rows)
    assert overall["rate"].between(0, 1).all()
    group_of = {item: ("odd" if int(item[1:]) % 2 else "even") for item in ITEMS}
    groups = rates.groups_by_week(frame, group_of)
    assert (groups.groupby("week")["executed"].sum().to_numpy() == overall["executed"].to_numpy()).all()


@given(weekly_rows, st.integers(1, len(ITEMS)))
def test_the_weakest_behaviours_are_the_lowest_rates(rows, n) -> None:
    frame = weekly_frame(rows)
    weakest = rates.weakest(frame, n=n)
    everything = rates.item_totals(frame)
    assert len(weakest) == min(n, len(everything))
    assert list(weakest["rate"]) == sorted(weakest["rate"])
    others = everything[~everything["item_id"].isin(weakest["item_id"])]
    if len(others):
        assert weakest["rate"].max() <= others["rate"].min()


@given(weekly_rows, st.floats(0, 1), st.integers(0, 25))
def test_streaks_never_exceed_the_weeks_logged(rows, target, this_week) -> None:
    overall = rates.overall_by_week(weekly_frame(rows))
    streak = rates.streaks(overall, target, FIRST_MONDAY + timedelta(weeks=this_week))
    hits = int((overall["rate"] >= target).sum())
    assert 0 <= streak.current <= streak.longest <= hits
    if hits:
        assert streak.longest >= 1


# --- the database and the CSV file ---------------------------------------------------------------

notes = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]) | st.sampled_from(',"\n='),
    max_size=40,
).map(str.strip)


@st.composite
def logs(draw) -> list[dict]:
    """A valid log: each week is logged either as a whole week or day by day, never both."""
    entries = []
    for week in sorted(draw(st.sets(st.integers(0, 30), min_size=1, max_size=6))):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        daily = draw(st.booleans())
        starts = [monday + timedelta(days=d) for d in sorted(draw(st.sets(st.integers(0, 6), min_size=1)))]
        for start in starts if daily else [monday]:
            for item in sorted(draw(st.sets(st.sampled_from(ITEMS), min_size=1, max_size=3))):
                executed, fulfilled = draw(counts())
                entries.append(
                    {
                        "period": "day" if daily else "week",
                        "period_start": start,
                        "item_id": item,
                        "executed": executed,
                        "fulfilled": fulfilled,
                        "note": draw(notes),
                    }
                )
    return entries


def fresh_user(session: Session) -> User:
    name = f"p{uuid.uuid4().hex[:10]}"
    return users.register(session, username=name, display_name=name, password="password-123")


def store(session: Session, user: User, log: list[dict]) -> None:
    rows = entries.validate_rows(enumerate(log), item_ids=set(ITEMS))
    ck.import_entries(session, user_id=user.id, entries=list(enumerate(rows)))
    session.commit()


@DB_SETTINGS
@given(log=logs())
def test_the_databases_weekly_sums_match_a_plain_count(session: Session, log: list[dict]) -> None:
    user = fresh_user(session)
    store(session, user, log)
    expected: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0])
    for entry in log:
        cell = expected[(rates.monday(entry["period_start"]), entry["item_id"])]
        cell[0] += entry["executed"]
        cell[1] += entry["fulfilled"]
    frame = ck.weekly_totals(session, user_id=user.id)
    got = {(row.week, row.item_id): [row.executed, row.fulfilled] for row in frame.itertuples()}
    assert got == dict(expected)


@DB_SETTINGS
@given(log=logs())
def test_an_exported_log_imports_back_identically(session: Session, log: list[dict]) -> None:
    owner, other = fresh_user(session), fresh_user(session)
    store(session, owner, log)
    data = cio.export_csv(session, user_id=owner.id)
    assert cio.import_csv(session, user_id=other.id, data=data, item_ids=set(ITEMS)) == len(log)
    session.commit()
    assert ck.log_rows(session, user_id=other.id) == ck.log_rows(session, user_id=owner.id)


BAD_VALUES = {  # column -> a value that must be refused, whatever the rest of the file says
    "fulfilled": lambda row: str(int(row["executed"]) + 1),
    "item_id": lambda row: "no-such-behaviour",
    "period_start": lambda row: "2026-02-30",
    "executed": lambda row: "1.5",
    "period": lambda row: "month",
}


@DB_SETTINGS
@given(log=logs(), data=st.data())
def test_one_bad_row_anywhere_is_named_and_changes_nothing(session: Session, log: list[dict], data) -> None:
    owner, target = fresh_user(session), fresh_user(session)
    store(session, owner, log)
    store(session, target, log[:1])  # the import's target already has something to lose
    before = ck.log_rows(session, user_id=target.id)

    frame = cio.read_csv(cio.export_csv(session, user_id=owner.id))
    index = data.draw(st.integers(0, len(frame) - 1), label="bad row")
    column = data.draw(st.sampled_from(sorted(BAD_VALUES)), label="bad column")
    frame.loc[index, column] = BAD_VALUES[column](frame.loc[index])
    bad_file = frame.to_csv(index=False).encode(cio.ENCODING)

    with pytest.raises(ChecklistRowErrors) as caught:
        cio.import_csv(session, user_id=target.id, data=bad_file, item_ids=set(ITEMS))
    session.rollback()
    # the header is row 1, so the n-th data row (from 0) is row n + 2
    assert [(p.row, p.column) for p in caught.value.problems] == [(index + 2, column)]
    assert ck.log_rows(session, user_id=target.id) == before
