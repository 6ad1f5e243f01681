"""Pure quiz scoring: every question type, partial credit, shuffling."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from academy.content.schema import L10n, Option, Question
from academy.learning.scoring import draw_questions, is_correct, layout_for, quiz_score, score_response

T = L10n(zh="文", en="text")


def q(type_: str, options=("a", "b", "c", "d"), answer=("a",), left=0) -> Question:
    return Question(
        id="q",
        type=type_,
        section="s",
        prompt=T,
        explanation=T,
        options=[Option(id=o, text=T) for o in options] if type_ != "matching" else [],
        answer=list(answer) if type_ not in ("matching", "ordering") else [],
        left=[T] * left,
        right=[T] * left,
    )


@pytest.mark.parametrize("type_", ["single", "scenario"])
def test_single_answer_types(type_: str) -> None:
    question = q(type_)
    assert score_response(question, ["a"]) == 1.0
    assert score_response(question, ["b"]) == 0.0
    assert score_response(question, []) == 0.0


def test_true_false() -> None:
    question = q("true_false", options=("true", "false"), answer=("false",))
    assert score_response(question, ["false"]) == 1.0
    assert score_response(question, ["true"]) == 0.0


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (["a", "b"], 1.0),  # exactly right
        (["a"], 0.5),  # 3 judged right, 1 wrong: (3 - 1) / 4
        (["a", "b", "c"], 0.5),
        ([], 0.0),  # (2 - 2) / 4
        (["a", "b", "c", "d"], 0.0),  # ticking everything earns nothing
        (["c", "d"], 0.0),  # all wrong: floored at 0
    ],
)
def test_multiple_choice_partial_credit(chosen, expected) -> None:
    assert score_response(q("multiple", answer=("a", "b")), chosen) == pytest.approx(expected)


def test_matching_counts_the_share_of_pairs_right() -> None:
    question = q("matching", left=4)
    assert score_response(question, [0, 1, 2, 3]) == 1.0
    assert score_response(question, [1, 0, 2, 3]) == 0.5
    assert score_response(question, [None, None, None, None]) == 0.0


def test_ordering_is_all_or_nothing() -> None:
    question = q("ordering")
    assert score_response(question, ["a", "b", "c", "d"]) == 1.0
    assert score_response(question, ["a", "b", "d", "c"]) == 0.0


@given(st.lists(st.sampled_from("abcdef"), unique=True), st.sets(st.sampled_from("abcdef"), min_size=1))
def test_multiple_choice_score_is_a_fraction_and_only_exact_is_full(chosen, answer) -> None:
    question = q("multiple", options=tuple("abcdef"), answer=tuple(sorted(answer)))
    score = score_response(question, chosen)
    assert 0.0 <= score <= 1.0
    assert is_correct(score) == (set(chosen) == answer)


@given(st.permutations(range(5)))
def test_matching_score_counts_fixed_points(perm) -> None:
    fixed = sum(1 for i, j in enumerate(perm) if i == j)
    assert score_response(q("matching", left=5), list(perm)) == pytest.approx(fixed / 5)


def test_quiz_score_counts_unanswered_as_zero() -> None:
    assert quiz_score([1.0, 0.5], total=4) == pytest.approx(0.375)
    assert quiz_score([], total=0) == 0.0


def test_layout_shuffles_but_never_presents_an_ordering_question_solved() -> None:
    question = q("ordering")
    for seed in range(50):
        item = layout_for(question, random.Random(seed))
        assert sorted(item["order"]) == ["a", "b", "c", "d"]
        assert item["order"] != ["a", "b", "c", "d"]
    orders = {tuple(layout_for(q("single"), random.Random(seed))["order"]) for seed in range(20)}
    assert len(orders) > 1  # options really are shuffled per attempt


def test_true_false_keeps_true_before_false() -> None:
    item = layout_for(q("true_false", options=("true", "false"), answer=("true",)), random.Random(1))
    assert item["order"] == ["true", "false"]


def test_draw_spreads_over_sections(course) -> None:
    questions = course.questions("m8-complex-sale")
    drawn = draw_questions(questions, 10, random.Random(3))
    assert len(drawn) == 10 == len({x.id for x in drawn})
    sections = {x.section for x in questions}
    assert len({x.section for x in drawn}) == min(10, len(sections))
