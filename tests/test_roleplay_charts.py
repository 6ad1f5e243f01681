"""Role-play charts: the learner's dimensions against the best, best and latest per scenario, a class's vote split."""

from __future__ import annotations

from academy.classroom.charts import vote_split
from academy.learning.charts import roleplay_dimensions, roleplay_records


def test_dimensions_put_the_learner_beside_the_best_in_the_language_asked() -> None:
    fig = roleplay_dimensions([("Personality fit", 3, 4), ("Evidence", -1, 5)], "en")
    you, best = fig.data
    assert (you.name, best.name) == ("You", "Best achievable")
    assert list(you.x) == [3, -1] and list(best.x) == [4, 5]
    assert list(you.y) == ["Personality fit", "Evidence"]
    zh = roleplay_dimensions([("性格适配", 3, 4)], "zh")
    assert {trace.name for trace in zh.data} == {"你的得分", "最高可得"}


def test_records_chart_best_and_latest_per_scenario_on_a_0_to_100_scale() -> None:
    fig = roleplay_records([("Owl", 100, 64), ("Cold call", 40, 40)], "en")
    best, latest = fig.data
    assert (best.name, latest.name) == ("Best", "Latest")
    assert list(best.x) == [100, 40] and list(latest.x) == [64, 40]
    assert list(fig.layout.xaxis.range) == [0, 105]


def test_vote_split_colours_the_line_played() -> None:
    fig = vote_split(["A. Ask first", "B. Pitch", "C. Discount"], [2, 1, 0], played=0, lang="en")
    [bars] = fig.data
    assert list(bars.x) == [2, 1, 0]
    assert list(bars.marker.color) == ["#1b9e77", "#bdbdbd", "#bdbdbd"]
