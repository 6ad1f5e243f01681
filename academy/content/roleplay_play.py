"""Playing a role-play: pure functions from a scenario and the learner's choice ids to what the page shows.

No Streamlit, no database. An attempt is stored as the list of choice ids in the order chosen; everything here is
recomputed from that list, so a scenario whose wording changes (ids stay stable) still replays old attempts.

Scoring, as the result page explains it:
- a dimension's score is the sum of the points the chosen lines earned on it (each -2..+2);
- its percentage is that sum against the best any path through the scenario reaches on that dimension alone,
  clamped to 0..100 (a negative sum shows as 0);
- the overall score is the sum over all dimensions, against the best path's total;
- the best path is the one with the highest total, and the lessons to read again are those linked by every chosen
  line whose points add up to less than zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from academy.content.roleplay import (
    Choice,
    LessonRef,
    Node,
    Roleplay,
    best_achievable,
    best_path,
    best_steps,
    best_totals,
)

__all__ = [
    "Divergence",
    "InvalidChoice",
    "Result",
    "Walk",
    "best_achievable",
    "best_path",
    "divergence",
    "lessons_to_review",
    "percentages",
    "play",
    "totals",
    "walk",
]


class InvalidChoice(ValueError):
    """A choice id that is not on offer where the learner stands (or a choice after the conversation ended)."""


@dataclass(frozen=True)
class Walk:
    nodes: tuple[str, ...]  # node ids visited, the start first; the last is where the learner now stands
    choices: tuple[Choice, ...]  # the choices made, in order (one fewer than nodes)

    @property
    def current(self) -> str:
        return self.nodes[-1]


@dataclass(frozen=True)
class Divergence:
    """The first step at which the learner left the best path."""

    step: int  # 0-based index into the learner's choices
    node: str  # the turn where it happened
    chosen: str  # the learner's choice id
    best: str  # the best path's choice id at that turn


@dataclass(frozen=True)
class Result:
    walk: Walk
    ending: Node | None  # the ending reached, or None while the conversation is still going
    totals: dict[str, int]  # dimension id -> points, every declared dimension
    percent: dict[str, int]  # dimension id -> 0..100 against the best achievable on that dimension
    score: int  # all points together
    best_score: int  # the best path's total
    divergence: Divergence | None  # None while the learner is on the best path
    review: list[LessonRef]  # sections to read again, in the order the missteps happened

    @property
    def ended(self) -> bool:
        return self.ending is not None


def walk(rp: Roleplay, choice_ids: Sequence[str]) -> Walk:
    """Follow the choices from the start; raise InvalidChoice for a choice not offered at the node reached."""
    nodes = [rp.start]
    choices: list[Choice] = []
    for step, choice_id in enumerate(choice_ids):
        node = rp.nodes[nodes[-1]]
        if node.is_ending:
            raise InvalidChoice(f"step {step}: the conversation already ended at '{nodes[-1]}'")
        choice = next((c for c in node.choices if c.id == choice_id), None)
        if choice is None:
            offered = ", ".join(c.id for c in node.choices)
            raise InvalidChoice(f"step {step}: '{choice_id}' is not a choice at '{nodes[-1]}' ({offered})")
        choices.append(choice)
        nodes.append(choice.next)
    return Walk(nodes=tuple(nodes), choices=tuple(choices))


def totals(rp: Roleplay, choice_ids: Sequence[str]) -> dict[str, int]:
    """Points per declared dimension for the choices made so far (0 for a dimension not yet scored)."""
    result = dict.fromkeys(rp.dimensions, 0)
    for choice in walk(rp, choice_ids).choices:
        for dim, points in choice.scores.items():
            result[dim] += points
    return result


def percentages(rp: Roleplay, points: Mapping[str, int]) -> dict[str, int]:
    """Each dimension's points as 0..100 of the best achievable on it (validation makes that best positive)."""
    best = best_achievable(rp)
    return {dim: _percent(points.get(dim, 0), best[dim]) for dim in rp.dimensions}


def _percent(points: int, best: int) -> int:
    if best <= 0:
        return 0
    return max(0, min(100, round(100 * points / best)))


def divergence(rp: Roleplay, choice_ids: Sequence[str]) -> Divergence | None:
    """Where the learner first chose differently from the best path; None if they have not (yet)."""
    steps = best_steps(rp)
    for step, (choice, (node_id, best)) in enumerate(zip(walk(rp, choice_ids).choices, steps, strict=False)):
        if choice.id != best.id:
            return Divergence(step=step, node=node_id, chosen=choice.id, best=best.id)
    return None


def lessons_to_review(rp: Roleplay, choice_ids: Sequence[str]) -> list[LessonRef]:
    """The sections linked by chosen lines that scored below 0 in total, once each, in the order chosen."""
    seen: list[LessonRef] = []
    for choice in walk(rp, choice_ids).choices:
        if choice.total < 0 and choice.lesson not in seen:
            seen.append(choice.lesson)
    return seen


def play(rp: Roleplay, choice_ids: Sequence[str]) -> Result:
    """Everything the result page needs, for a finished or an unfinished attempt."""
    w = walk(rp, choice_ids)
    end = rp.nodes[w.current]
    points = totals(rp, choice_ids)
    best_score = best_totals(rp)[rp.start]
    return Result(
        walk=w,
        ending=end if end.is_ending else None,
        totals=points,
        percent=percentages(rp, points),
        score=sum(c.total for c in w.choices),
        best_score=best_score,
        divergence=divergence(rp, choice_ids),
        review=lessons_to_review(rp, choice_ids),
    )
