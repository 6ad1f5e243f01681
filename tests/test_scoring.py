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
    ("answer", "chosen", "expected"),
    [
        (("a", "b"), ["a", "b"], 1.0),  # the key
        (("a", "b"), ["a"], 0.5),  # half of the right options' +100%
        (("a", "b"), ["a", "b", "c"], 0.5),  # 100% - 50% for one of two wrong options
        (("a", "b"), ["a", "c"], 0.0),  # +50% - 50%
        (("a", "b"), [], 0.0),
        (("a", "b"), ["a", "b", "c", "d"], 0.0),  # ticking everything earns nothing
        (("a", "b"), ["c", "d"], 0.0),  # all wrong: floored at 0
        (("a",), ["a"], 1.0),
        (("a",), ["a", "b"], pytest.approx(2 / 3)),  # one right, one of three wrong
        (("a", "b", "c"), ["a", "b", "c", "d"], 0.0),  # three of four right: ticking all still earns nothing
        (("a", "b", "c"), ["a", "b"], pytest.approx(2 / 3)),
        (("a", "b", "c"), ["a", "d"], 0.0),  # +1/3 - 100%, floored
    ],
)
def test_multiple_choice_right_options_share_plus_wrong_share_minus(answer, chosen, expected) -> None:
    assert score_response(q("multiple", answer=answer), chosen) == pytest.approx(expected)


def test_every_multiple_choice_question_of_the_bank_gives_nothing_for_all_or_none(course) -> None:
    """Ticking every box (or none) must never earn marks, whatever the mix of right options."""
    multiple = [x for x in course.questions() if x.type == "multiple"]
    assert multiple
    for question in multiple:
        every = [o.id for o in question.options]
        assert score_response(question, every) == 0.0, f"{question.id}: ticking all earns marks"
        assert score_response(question, []) == 0.0, f"{question.id}: ticking none earns marks"
        assert score_response(question, question.answer) == 1.0, question.id


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
