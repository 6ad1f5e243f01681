"""Pure scoring of quiz answers (no database, no Streamlit).

Responses are JSON lists:
- single, scenario, true_false: [chosen option id]
- multiple: the chosen option ids
- ordering: option ids in the chosen order
- matching: for each left item in content order, the index of the right item chosen (None if left blank)

Rules (also in CONTENT_GUIDE.md and shown to learners):
- multiple (as Moodle's multiple-answer questions): the right options share +100% and the wrong ones
  share -100%; the score is the sum over the ticked options, floored at 0. So the key scores 1, and
  ticking everything or nothing scores 0 whatever the mix of right and wrong options.
- matching: the share of left items matched to their right item.
- ordering: all or nothing.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from academy.content.schema import Question


def score_response(question: Question, response: Sequence[Any]) -> float:
    if question.type == "matching":
        pairs = len(question.left)
        return sum(1 for i, chosen in enumerate(list(response)[:pairs]) if chosen == i) / pairs
    if question.type == "ordering":
        return 1.0 if list(response) == [o.id for o in question.options] else 0.0
    chosen = set(response)
    if question.type == "multiple":
        right = [o.id for o in question.options if o.id in question.answer]
        wrong = [o.id for o in question.options if o.id not in question.answer]
        gained = sum(1 for o in right if o in chosen) / len(right)
        lost = sum(1 for o in wrong if o in chosen) / len(wrong) if wrong else 0.0
        return max(0.0, gained - lost)
    return 1.0 if chosen == set(question.answer) else 0.0


def is_correct(score: float) -> bool:
    return score >= 1.0 - 1e-9


def quiz_score(scores: Sequence[float], total: int) -> float:
    """Mean over all questions of the quiz; unanswered questions count as zero."""
    return sum(scores) / total if total else 0.0


def layout_for(question: Question, rng: random.Random) -> dict[str, Any]:
    """The per-attempt presentation of a question: options (or right-hand items) shuffled."""
    if question.type == "matching":
        order: list[Any] = list(range(len(question.right)))
    elif question.type == "true_false":
        return {"q": question.id, "order": [o.id for o in question.options]}  # True/False keep their order
    else:
        order = [o.id for o in question.options]
    shuffled = order[:]
    for _ in range(5):  # an ordering question must not start out already solved
        rng.shuffle(shuffled)
        if question.type != "ordering" or shuffled != order or len(order) < 2:
            break
    return {"q": question.id, "order": shuffled}


def draw_questions(questions: Sequence[Question], size: int, rng: random.Random) -> list[Question]:
    """Up to `size` questions at random, spread over the sections they test."""
    if len(questions) <= size:
        picked = list(questions)
    else:
        by_section: dict[str, list[Question]] = {}
        for q in questions:
            by_section.setdefault(q.section, []).append(q)
        for group in by_section.values():
            rng.shuffle(group)
        picked = []
        while len(picked) < size:  # round-robin over sections so every part of the lesson is tested
            for group in by_section.values():
                if group and len(picked) < size:
                    picked.append(group.pop())
    rng.shuffle(picked)
    return picked
