"""Pure checklist arithmetic: periods, pooled rates, streaks and the weakest behaviours. No DB, no Streamlit.

A rate is fulfilled / executed, pooled: a group's or the whole checklist's rate adds up the counts
of its behaviours before dividing, so a behaviour that came up ten times weighs ten times as much
as one that came up once. A behaviour that did not come up has no row and no rate (None), never 0.

`weekly` frames come from `academy.checklist.log.weekly_totals`: one row per (week, item_id) with the
summed executed and fulfilled counts; daily logs are already rolled up into their ISO week there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

PERIODS = ("week", "day")
WEEKLY_COLUMNS = ["week", "item_id", "executed", "fulfilled"]

Totals = Mapping[str, tuple[int, int]]  # item id -> (executed, fulfilled)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_start(period: str, day: date) -> date:
    """The first day of the period containing `day` (weeks start on Monday, as ISO weeks do)."""
    return monday(day) if period == "week" else day


def period_days(period: str) -> int:
    return 7 if period == "week" else 1


def previous_start(period: str, start: date) -> date:
    return start - timedelta(days=period_days(period))


def window_start(today: date, weeks: int | None) -> date | None:
    """Monday of the first week of a window of `weeks` weeks ending with this week; None means all time."""
    return None if not weeks else monday(today) - timedelta(weeks=weeks - 1)


def rate(executed: int, fulfilled: int) -> float | None:
    return fulfilled / executed if executed else None


def pooled(totals: Totals, item_ids: Iterable[str] | None = None) -> float | None:
    """The pooled rate of the given behaviours (all of them when None)."""
    ids = totals.keys() if item_ids is None else item_ids
    pairs = [totals[i] for i in ids if i in totals]
    return rate(sum(e for e, _ in pairs), sum(f for _, f in pairs))


def group_rates(totals: Totals, groups: Mapping[str, list[str]]) -> dict[str, float | None]:
    """group id -> pooled rate of its behaviours, in the groups' order."""
    return {gid: pooled(totals, items) for gid, items in groups.items()}


def _with_rate(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["rate"] = frame["fulfilled"] / frame["executed"]
    return frame


def overall_by_week(weekly: pd.DataFrame) -> pd.DataFrame:
    """week, executed, fulfilled, rate: one row per week that has entries, oldest first."""
    sums = weekly.groupby("week", sort=True)[["executed", "fulfilled"]].sum().reset_index()
    return _with_rate(sums)


def groups_by_week(weekly: pd.DataFrame, group_of: Mapping[str, str]) -> pd.DataFrame:
    """week, group, executed, fulfilled, rate (behaviours no longer in the checklist are left out)."""
    known = weekly[weekly["item_id"].isin(list(group_of))]
    sums = (
        known.assign(group=known["item_id"].map(group_of))
        .groupby(["week", "group"], sort=True)[["executed", "fulfilled"]]
        .sum()
        .reset_index()
    )
    return _with_rate(sums)


def item_totals(weekly: pd.DataFrame) -> pd.DataFrame:
    """item_id, executed, fulfilled, rate over the whole frame."""
    sums = weekly.groupby("item_id", sort=True)[["executed", "fulfilled"]].sum().reset_index()
    return _with_rate(sums)


def weakest(weekly: pd.DataFrame, n: int = 5, item_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """The n behaviours with the lowest rate; among equal rates, the one that came up most often first."""
    totals = item_totals(weekly)
    if item_ids is not None:
        totals = totals[totals["item_id"].isin(list(item_ids))]
    ordered = totals.sort_values(["rate", "executed", "item_id"], ascending=[True, False, True], kind="stable")
    return ordered.head(n).reset_index(drop=True)


@dataclass(frozen=True)
class Streak:
    current: int  # weeks at or above target up to this week (this week counts once it is logged)
    longest: int


def streaks(overall: pd.DataFrame, target: float, this_week: date) -> Streak:
    """Runs of consecutive weeks at or above the target. A week without entries breaks a run.

    This week may still be in progress: if it has no entries yet, the current run ends last week.
    """
    hit = {row.week: row.rate >= target for row in overall.itertuples()}
    longest = run = 0
    previous: date | None = None
    for week in sorted(hit):
        run = run + 1 if hit[week] and previous == week - timedelta(weeks=1) else int(hit[week])
        longest = max(longest, run)
        previous = week
    week = this_week if this_week in hit else this_week - timedelta(weeks=1)
    current = 0
    while hit.get(week):
        current += 1
        week -= timedelta(weeks=1)
    return Streak(current=current, longest=longest)
