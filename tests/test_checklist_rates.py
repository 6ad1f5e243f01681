"""Pure checklist arithmetic: periods, pooled rates, weekly roll-ups, weakest behaviours and streaks."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from academy.checklist import rates

MON = date(2026, 11, 23)  # a Monday


def weekly(rows: list[tuple[date, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=rates.WEEKLY_COLUMNS)


def test_periods_start_on_monday_for_weeks_and_on_the_day_for_days() -> None:
    sunday = MON + timedelta(days=6)
    assert rates.period_start("week", sunday) == MON
    assert rates.period_start("week", MON) == MON
    assert rates.period_start("day", sunday) == sunday
    assert rates.previous_start("week", MON) == MON - timedelta(weeks=1)
    assert rates.previous_start("day", MON) == MON - timedelta(days=1)


def test_window_counts_this_week_as_the_last_one() -> None:
    wednesday = MON + timedelta(days=2)
    assert rates.window_start(wednesday, 4) == MON - timedelta(weeks=3)
    assert rates.window_start(wednesday, 1) == MON
    assert rates.window_start(wednesday, None) is None
    assert rates.window_start(wednesday, 0) is None  # "all time"


def test_rates_are_pooled_and_blank_is_not_zero() -> None:
    totals = {"a": (10, 9), "b": (1, 0)}
    assert rates.rate(0, 0) is None
    assert rates.pooled(totals) == pytest.approx(9 / 11)  # not the mean of 90% and 0%
    assert rates.pooled(totals, ["b"]) == 0.0
    assert rates.pooled(totals, ["not-logged"]) is None
    assert rates.group_rates(totals, {"g1": ["a", "b"], "g2": ["c"]}) == {"g1": pytest.approx(9 / 11), "g2": None}


def test_weekly_roll_ups_by_week_group_and_item() -> None:
    w1, w2 = MON - timedelta(weeks=1), MON
    frame = weekly([(w1, "a", 4, 2), (w1, "b", 4, 4), (w2, "a", 2, 1), (w2, "gone", 5, 0)])
    overall = rates.overall_by_week(frame)
    assert list(overall["week"]) == [w1, w2]
    assert list(overall["rate"]) == [0.75, pytest.approx(1 / 7)]
    groups = rates.groups_by_week(frame, {"a": "g1", "b": "g2"})  # "gone" left the checklist
    assert [(r.week, r.group, r.rate) for r in groups.itertuples()] == [
        (w1, "g1", 0.5),
        (w1, "g2", 1.0),
        (w2, "g1", 0.5),
    ]
    items = rates.item_totals(frame).set_index("item_id")
    assert items.loc["a", "executed"] == 6 and items.loc["a", "fulfilled"] == 3


def test_weakest_puts_the_lowest_rate_first_and_breaks_ties_by_evidence() -> None:
    frame = weekly([(MON, "a", 10, 5), (MON, "b", 2, 1), (MON, "c", 4, 4), (MON, "d", 3, 0), (MON, "gone", 9, 0)])
    worst = rates.weakest(frame, 3, item_ids=["a", "b", "c", "d"])
    assert list(worst["item_id"]) == ["d", "a", "b"]
    assert rates.weakest(weekly([]), 5).empty


def streak(rows: dict[date, float], target: float = 0.7, today: date = MON) -> rates.Streak:
    frame = pd.DataFrame({"week": list(rows), "rate": list(rows.values())})
    return rates.streaks(frame, target, today)


def test_streaks_count_consecutive_weeks_at_or_above_target() -> None:
    w = [MON - timedelta(weeks=n) for n in range(6)]  # w[0] is this week
    assert streak({w[3]: 0.8, w[2]: 0.7, w[1]: 0.9, w[0]: 0.75}) == rates.Streak(current=4, longest=4)
    assert streak({w[3]: 0.8, w[2]: 0.6, w[1]: 0.9, w[0]: 0.75}) == rates.Streak(current=2, longest=2)
    assert streak({w[1]: 0.9, w[0]: 0.5}) == rates.Streak(current=0, longest=1)


def test_a_week_without_entries_breaks_a_streak_but_this_week_may_still_be_in_progress() -> None:
    w = [MON - timedelta(weeks=n) for n in range(6)]
    assert streak({w[5]: 0.9, w[4]: 0.9, w[2]: 0.9, w[1]: 0.9}) == rates.Streak(current=2, longest=2)
    assert streak({w[3]: 0.9, w[2]: 0.9}) == rates.Streak(current=0, longest=2)  # last week not logged
    assert streak({}) == rates.Streak(current=0, longest=0)
