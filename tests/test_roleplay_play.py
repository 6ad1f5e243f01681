"""Playing a role-play: path, ending, scores, best path, divergence and lessons to revisit, as pure functions.

The fixture (tests/fixtures/content/valid/content/roleplays/first-call.yaml) has four turns t1..t4 in a row:
  t1: c1-good (listening +1, fit +1) | c1-weak (listening -1)          -> t2
  t2: c2-good (listening +1) -> t3   | c2-bad (fit -2) -> lost (bad)
  t3: c3-good (fit +1)               | c3-weak (fit -1)                -> t4
  t4: c4-good (listening +2) -> won  | c4-meh (fit 0) -> drift (mixed)
Best path c1-good c2-good c3-good c4-good: 6 points; best per dimension: listening 4, fit 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from academy.content.roleplay import LessonRef, Roleplay
from academy.content.roleplay_play import (
    Divergence,
    InvalidChoice,
    best_achievable,
    best_path,
    divergence,
    lessons_to_review,
    percentages,
    play,
    totals,
    walk,
)

FIXTURE = Path(__file__).parent / "fixtures" / "content" / "valid" / "content" / "roleplays" / "first-call.yaml"
BEST = ["c1-good", "c2-good", "c3-good", "c4-good"]


@pytest.fixture(scope="module")
def rp() -> Roleplay:
    return Roleplay.model_validate(yaml.safe_load(FIXTURE.read_text("utf-8")))


def test_walk_follows_the_choices(rp: Roleplay) -> None:
    w = walk(rp, ["c1-weak", "c2-good", "c3-good", "c4-meh"])
    assert w.nodes == ("t1", "t2", "t3", "t4", "drift")
    assert [c.id for c in w.choices] == ["c1-weak", "c2-good", "c3-good", "c4-meh"]
    assert w.current == "drift"


def test_walk_of_nothing_stands_at_the_start(rp: Roleplay) -> None:
    assert walk(rp, []).nodes == ("t1",)


def test_walk_refuses_a_choice_not_offered_here(rp: Roleplay) -> None:
    with pytest.raises(InvalidChoice, match=r"step 1: 'c1-good' is not a choice at 't2' \(c2-good, c2-bad\)"):
        walk(rp, ["c1-good", "c1-good"])


def test_walk_refuses_a_choice_after_the_end(rp: Roleplay) -> None:
    with pytest.raises(InvalidChoice, match="step 2: the conversation already ended at 'lost'"):
        walk(rp, ["c1-good", "c2-bad", "c3-good"])


def test_play_reports_whether_an_ending_was_reached(rp: Roleplay) -> None:
    finished = play(rp, ["c1-good", "c2-bad"])
    assert finished.ended and finished.ending is not None and finished.ending.outcome == "bad"
    halfway = play(rp, ["c1-good", "c2-good"])
    assert not halfway.ended and halfway.walk.current == "t3"


def test_totals_sum_each_dimension_and_list_every_declared_one(rp: Roleplay) -> None:
    assert totals(rp, []) == {"listening": 0, "fit": 0}
    assert totals(rp, ["c1-good", "c2-good", "c3-weak"]) == {"listening": 2, "fit": 0}
    assert totals(rp, ["c1-weak", "c2-bad"]) == {"listening": -1, "fit": -2}


def test_best_achievable_is_per_dimension_over_all_paths(rp: Roleplay) -> None:
    assert best_achievable(rp) == {"listening": 4, "fit": 2}


def test_percentages_are_against_the_best_per_dimension_and_clamped(rp: Roleplay) -> None:
    assert percentages(rp, {"listening": 4, "fit": 2}) == {"listening": 100, "fit": 100}
    assert percentages(rp, {"listening": 1, "fit": 1}) == {"listening": 25, "fit": 50}
    assert percentages(rp, {"listening": -1, "fit": -2}) == {"listening": 0, "fit": 0}
    assert percentages(rp, {}) == {"listening": 0, "fit": 0}


def test_the_best_path_has_the_highest_total(rp: Roleplay) -> None:
    assert best_path(rp) == BEST
    result = play(rp, BEST)
    assert result.score == result.best_score == 6
    assert result.percent == {"listening": 100, "fit": 100}
    assert result.ending is not None and result.ending.outcome == "good"


def test_no_divergence_on_the_best_path_or_a_prefix_of_it(rp: Roleplay) -> None:
    assert divergence(rp, BEST) is None
    assert divergence(rp, BEST[:2]) is None
    assert divergence(rp, []) is None


def test_divergence_is_the_first_step_off_the_best_path(rp: Roleplay) -> None:
    assert divergence(rp, ["c1-good", "c2-good", "c3-weak", "c4-meh"]) == Divergence(
        step=2, node="t3", chosen="c3-weak", best="c3-good"
    )
    assert divergence(rp, ["c1-weak", "c2-good", "c3-weak"]) == Divergence(
        step=0, node="t1", chosen="c1-weak", best="c1-good"
    )


def test_lessons_to_review_come_from_choices_below_zero_once_each_in_order(rp: Roleplay) -> None:
    # c1-weak (-1) -> alpha/intro; c3-weak (-1) -> beta/second; c4-meh scores 0, so its lesson is not listed
    assert lessons_to_review(rp, ["c1-weak", "c2-good", "c3-weak", "c4-meh"]) == [
        LessonRef(module="alpha", section="intro"),
        LessonRef(module="beta", section="second"),
    ]
    assert lessons_to_review(rp, BEST) == []


def test_play_puts_it_all_together(rp: Roleplay) -> None:
    result = play(rp, ["c1-weak", "c2-good", "c3-good", "c4-meh"])
    assert result.walk.nodes[-1] == "drift" and result.ended
    assert result.totals == {"listening": 0, "fit": 1}
    assert result.percent == {"listening": 0, "fit": 50}
    assert (result.score, result.best_score) == (1, 6)
    assert result.divergence == Divergence(step=0, node="t1", chosen="c1-weak", best="c1-good")
    assert result.review == [LessonRef(module="alpha", section="intro")]


def test_every_ending_of_the_real_scenarios_can_be_played_to(course) -> None:
    """Walk every path of every shipped scenario: each one ends, and scores stay within the best achievable."""
    for rp in course.roleplays.values():
        best = best_achievable(rp)
        seen_endings: set[str] = set()

        def explore(ids: list[str], rp: Roleplay = rp, best: dict = best, seen: set = seen_endings) -> None:
            node = rp.nodes[walk(rp, ids).current]
            if node.is_ending:
                result = play(rp, ids)
                assert all(result.totals[d] <= best[d] for d in rp.dimensions)
                assert result.score <= result.best_score
                seen.add(result.walk.current)
                return
            for c in node.choices:
                explore([*ids, c.id])

        explore([])
        assert seen_endings == set(rp.endings()), rp.id


def test_the_best_path_of_every_real_scenario_ends_well_with_full_marks(course) -> None:
    for rp in course.roleplays.values():
        result = play(rp, best_path(rp))
        assert result.ending is not None and result.ending.outcome == "good", rp.id
        assert set(result.percent.values()) == {100}, (rp.id, result.percent)
        assert result.divergence is None and result.review == []
