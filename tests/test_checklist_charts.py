"""Checklist charts: translated, drawn from the weekly totals, with the target and goals on them."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest

from academy.checklist import charts, rates
from academy.content.loader import Course

MON = date(2026, 11, 23)


@pytest.fixture
def weekly(course: Course) -> pd.DataFrame:
    ids = [item for _, item in course.checklist_items()]
    rows = [(MON - timedelta(weeks=1), ids[0], 4, 1), (MON - timedelta(weeks=1), ids[5], 2, 2), (MON, ids[0], 5, 5)]
    return pd.DataFrame(rows, columns=rates.WEEKLY_COLUMNS)


def title(fig) -> str:
    return fig.layout.title.text


def test_overall_chart_shows_weekly_rates_and_the_target(weekly: pd.DataFrame) -> None:
    fig = charts.overall_chart(weekly, "en", target=0.7)
    assert title(fig) == "Overall rate by week"
    assert list(fig.data[0].y) == [0.5, 1.0]  # (1 + 2) / (4 + 2), then 5 / 5
    assert fig.layout.shapes[0].y0 == 0.7
    assert fig.layout.annotations[0].text == "Target 70%"
    assert fig.layout.yaxis.title.text == "Rate"
    assert title(charts.overall_chart(weekly, "zh", target=0.7)) == "每周总体完成率"


def test_groups_chart_has_a_line_per_group_logged(weekly: pd.DataFrame, course: Course) -> None:
    fig = charts.groups_chart(weekly, course.checklist, "zh")
    names = {trace.name for trace in fig.data}
    assert names == {course.checklist.groups[0].title.zh, course.checklist.groups[1].title.zh}
    assert title(charts.groups_chart(weekly, course.checklist, "zh-hant")) == "各類別每週完成率"


def test_heatmap_has_every_behaviour_blank_where_it_did_not_come_up(weekly: pd.DataFrame, course: Course) -> None:
    ids = [item for _, item in course.checklist_items()]
    fig = charts.heatmap_chart(weekly, course.checklist, "en", goals={ids[5]: 0.9})
    heat = fig.data[0]
    assert len(heat.y) == len(ids) == 30
    assert list(heat.x) == [str(MON - timedelta(weeks=1)), str(MON)]
    assert heat.z[0][0] == 0.25 and heat.z[0][1] == 1.0
    assert math.isnan(heat.z[5][1]) and math.isnan(heat.z[1][0])
    assert heat.y[5].startswith("★ ") and not heat.y[0].startswith("★")


def test_weakest_chart_lists_the_lowest_rates_with_goal_markers(weekly: pd.DataFrame, course: Course) -> None:
    ids = [item for _, item in course.checklist_items()]
    fig = charts.weakest_chart(weekly, course.checklist, "en", goals={ids[0]: 0.8})
    bars, goals = fig.data
    assert list(bars.x) == [pytest.approx(6 / 9), 1.0]
    assert bars.text[0] == "67% (6/9)"
    assert list(goals.x) == [0.8] and goals.name == "Goal"
    assert title(fig) == "The 5 weakest behaviours"


def test_streak_chart_colours_weeks_on_target_and_names_the_streak(weekly: pd.DataFrame) -> None:
    fig = charts.streak_chart(weekly, "en", target=0.7, this_week=MON)
    assert title(fig) == "Weeks on target: 1 in a row now, 1 at best"
    colours = fig.data[0].marker.color
    assert colours[0] != colours[1]


def test_compare_chart_puts_this_period_next_to_the_previous_one(course: Course) -> None:
    ids = [item for _, item in course.checklist_items()]
    fig = charts.compare_chart({ids[0]: (4, 3)}, {ids[0]: (4, 1)}, course.checklist, "en", labels=("Now", "Before"))
    before, now = fig.data
    assert (before.name, now.name) == ("Before", "Now")
    assert now.x[-1] == "Overall" and now.y[-1] == 0.75 and before.y[-1] == 0.25
    assert math.isnan(now.y[1])  # a group with nothing logged has no bar, not a zero


def test_goals_chart_draws_each_goal_behaviour_against_its_goal(weekly: pd.DataFrame, course: Course) -> None:
    ids = [item for _, item in course.checklist_items()]
    fig = charts.goals_chart(weekly, course.checklist, "en", goals={ids[0]: 0.9, ids[5]: 0.6})
    assert len(fig.data) == 2
    assert sorted(shape.y0 for shape in fig.layout.shapes) == [0.6, 0.9]


def test_charts_survive_an_empty_log(course: Course) -> None:
    empty = pd.DataFrame(columns=rates.WEEKLY_COLUMNS).astype({"executed": "int64", "fulfilled": "int64"})
    charts.overall_chart(empty, "en", target=0.7)
    charts.groups_chart(empty, course.checklist, "en")
    charts.heatmap_chart(empty, course.checklist, "en", goals={})
    charts.weakest_chart(empty, course.checklist, "en", goals={})
    charts.streak_chart(empty, "en", target=0.7, this_week=MON)
    charts.goals_chart(empty, course.checklist, "en", goals={})
    charts.compare_chart({}, {}, course.checklist, "en", labels=("a", "b"))
