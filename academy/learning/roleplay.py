"""A learner's plays of the branching role-plays: attempts stored choice by choice, results and history.

An attempt is the list of choice ids in the order chosen (the scenario's wording can change, ids stay stable).
It is resumed until it reaches an ending; then its ending, points per dimension and overall percentage are
stored with it, so history and charts need no replay. The scoring itself is academy.content.roleplay_play.

Both races a learner can cause are settled by the database, never by a check-then-act in Python:
- two tabs starting the same scenario: one unfinished attempt per learner and scenario (a unique constraint);
- a double tap, or two tabs choosing at the same turn: a choice is stored only while the attempt still has the
  number of steps the learner saw (a compare-and-swap UPDATE); the same choice sent twice counts once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from academy.content.loader import Course
from academy.content.roleplay import Roleplay
from academy.content.roleplay_play import InvalidChoice, Result, play
from academy.core import events
from academy.core.models import RoleplayAttempt, utcnow
from academy.learning import progress


class RoleplayError(Exception):
    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


def scenario(course: Course, roleplay_id: str) -> Roleplay:
    """The scenario by id; an unknown id (a stale link, a hand-edited address) is a user-facing error."""
    found = course.roleplays.get(roleplay_id)
    if found is None:
        raise RoleplayError("rp_unknown")
    return found


def overall_percent(score: int, best_score: int) -> int:
    """All points against the best path's total, 0..100 (a negative total shows as 0)."""
    return max(0, min(100, round(100 * score / best_score))) if best_score > 0 else 0


def roleplay_completed(session: Session, *, attempt: RoleplayAttempt, result: Result, course: Course) -> None:
    """Called exactly once when a learner's attempt reaches an ending, inside the transaction that stores it,
    so its learning records (academy.core.events) commit or roll back with the result: the role-play, and
    its module's completion if this was the module's last step."""
    started, finished = (t if t.tzinfo else t.replace(tzinfo=UTC) for t in (attempt.started_at, attempt.finished_at))
    data = {"roleplay": attempt.roleplay_id, "ending": attempt.ending, "score": result.score}
    data |= {"best": result.best_score, "seconds": max(0.0, (finished - started).total_seconds())}
    events.record(session, kind="roleplay_completed", user_id=attempt.user_id, data=data)
    module = next((m for m in course.modules if m.id == course.roleplays[attempt.roleplay_id].module), None)
    if module is not None:
        progress.record_if_complete(
            session,
            user_id=attempt.user_id,
            module=module,
            has_quiz=bool(course.questions(module.id)),
            roleplays=[r.id for r in course.roleplays_for(module.id)],
        )


def open_attempt(session: Session, *, user_id: int, roleplay_id: str) -> RoleplayAttempt | None:
    query = select(RoleplayAttempt).where(
        RoleplayAttempt.user_id == user_id,
        RoleplayAttempt.roleplay_id == roleplay_id,
        col(RoleplayAttempt.is_open).is_(True),
    )
    return session.exec(query).first()


def start(session: Session, *, user_id: int, course: Course, roleplay_id: str) -> RoleplayAttempt:
    """Resume the learner's unfinished attempt at this scenario, or begin a new one."""
    scenario(course, roleplay_id)
    current = open_attempt(session, user_id=user_id, roleplay_id=roleplay_id)
    if current is not None:
        return current
    attempt = RoleplayAttempt(user_id=user_id, roleplay_id=roleplay_id)
    try:
        with session.begin_nested():
            session.add(attempt)
    except IntegrityError:  # another tab began it a moment ago: that one is the attempt
        found = open_attempt(session, user_id=user_id, roleplay_id=roleplay_id)
        if found is None:
            raise RoleplayError("rp_try_again") from None
        return found
    return attempt


def discard_open(session: Session, *, user_id: int, roleplay_id: str) -> None:
    """Drop the unfinished attempt (the learner starts over); finished attempts are history and stay."""
    current = open_attempt(session, user_id=user_id, roleplay_id=roleplay_id)
    if current is not None:
        session.delete(current)
        session.flush()


def own_attempt(session: Session, *, user_id: int, attempt_id: int) -> RoleplayAttempt:
    attempt = session.get(RoleplayAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        raise RoleplayError("rp_not_found")
    return attempt


def choose(
    session: Session, *, user_id: int, course: Course, attempt_id: int, step: int, choice_id: str
) -> RoleplayAttempt:
    """Record the learner's choice at turn `step` (0-based); reaching an ending finishes the attempt.

    Sending the choice already recorded at that step again returns the attempt unchanged (a double tap);
    a different choice at a step already taken, or a choice not offered there, is refused.
    """
    attempt = own_attempt(session, user_id=user_id, attempt_id=attempt_id)
    roleplay = scenario(course, attempt.roleplay_id)
    if step < attempt.steps:
        if attempt.choices[step] == choice_id:
            return attempt
        raise RoleplayError("rp_moved_on")
    if attempt.is_open is not True:
        raise RoleplayError("rp_finished")
    if step != attempt.steps:
        raise RoleplayError("rp_moved_on")
    choices = [*attempt.choices, choice_id]
    try:
        result = play(roleplay, choices)
    except InvalidChoice:
        raise RoleplayError("rp_not_a_choice") from None
    values: dict[str, Any] = {"choices": choices, "steps": step + 1}
    if result.ended:
        values |= {
            "is_open": None,
            "ending": result.walk.current,
            "outcome": result.ending.outcome,
            "scores": result.totals,
            "percent": overall_percent(result.score, result.best_score),
            "finished_at": utcnow(),
        }
    stored = session.exec(
        update(RoleplayAttempt)
        .where(
            col(RoleplayAttempt.id) == attempt.id,
            col(RoleplayAttempt.steps) == step,
            col(RoleplayAttempt.is_open).is_(True),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.refresh(attempt)
    if stored.rowcount != 1:  # another tab or tap got there first
        if step < attempt.steps and attempt.choices[step] == choice_id:
            return attempt
        raise RoleplayError("rp_moved_on")
    if result.ended:
        roleplay_completed(session, attempt=attempt, result=result, course=course)
    return attempt


def history(session: Session, *, user_id: int, roleplay_id: str | None = None) -> list[RoleplayAttempt]:
    """Finished attempts, oldest first: of one scenario, or of all."""
    query = select(RoleplayAttempt).where(
        RoleplayAttempt.user_id == user_id, col(RoleplayAttempt.finished_at).is_not(None)
    )
    if roleplay_id is not None:
        query = query.where(RoleplayAttempt.roleplay_id == roleplay_id)
    return list(session.exec(query.order_by(RoleplayAttempt.finished_at, RoleplayAttempt.id)))


def finished_scenarios(session: Session, *, user_id: int) -> set[str]:
    """Ids of the scenarios this learner has played to an ending at least once (for module completion)."""
    query = (
        select(RoleplayAttempt.roleplay_id)
        .where(RoleplayAttempt.user_id == user_id, col(RoleplayAttempt.finished_at).is_not(None))
        .distinct()
    )
    return set(session.exec(query))


@dataclass(frozen=True)
class ScenarioRecord:
    roleplay_id: str
    plays: int
    best: int  # percent
    latest: int  # percent
    latest_outcome: str


def records(session: Session, *, user_id: int) -> list[ScenarioRecord]:
    """Per scenario played: how often, the best and the latest overall percentage; in the order first played."""
    rows = session.exec(
        select(RoleplayAttempt.roleplay_id, RoleplayAttempt.percent, RoleplayAttempt.outcome)
        .where(RoleplayAttempt.user_id == user_id, col(RoleplayAttempt.finished_at).is_not(None))
        .order_by(RoleplayAttempt.finished_at, RoleplayAttempt.id)
    )
    return summarise(list(rows))


def summarise(rows: Sequence[tuple[str, int | None, str | None]]) -> list[ScenarioRecord]:
    """Pure: (scenario id, percent, outcome) rows, oldest first -> one record per scenario."""
    seen: dict[str, list[tuple[int, str]]] = {}
    for roleplay_id, percent, outcome in rows:
        seen.setdefault(roleplay_id, []).append((percent or 0, outcome or ""))
    return [
        ScenarioRecord(
            roleplay_id=rid,
            plays=len(plays),
            best=max(p for p, _ in plays),
            latest=plays[-1][0],
            latest_outcome=plays[-1][1],
        )
        for rid, plays in seen.items()
    ]
