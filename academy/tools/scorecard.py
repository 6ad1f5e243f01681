"""Relationship scorecard: rate a contact on the seven elements over time, and find the weakest element."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from academy.content.rubrics import ScorecardRubric
from academy.core.models import ToolAccount, ToolContact, ToolScorecard
from academy.tools.clients import Input, Note, ToolError, get_contact, validated


class ScorecardIn(Input):
    assessed_on: date
    note: Note = ""


def check_scores(rubric: ScorecardRubric, scores: dict[str, int]) -> dict[str, int]:
    """Every element of the rubric scored once, each a whole number on the rubric's 1..scale."""
    expected = [e.element for e in rubric.elements]
    if set(scores) != set(expected):
        raise ToolError("tool_err_scores", scale=rubric.scale)
    clean: dict[str, int] = {}
    for element in expected:
        value = scores[element]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= rubric.scale:
            raise ToolError("tool_err_scores", scale=rubric.scale)
        clean[element] = value
    return clean


def save_scorecard(
    session: Session,
    *,
    user_id: int,
    contact_id: int,
    rubric: ScorecardRubric,
    assessed_on: date,
    scores: dict[str, int],
    note: str = "",
    today: date | None = None,
) -> ToolScorecard:
    contact = get_contact(session, user_id=user_id, contact_id=contact_id)
    data = validated(ScorecardIn, assessed_on=assessed_on, note=note)
    if data.assessed_on > (today or date.today()):
        raise ToolError("tool_err_future_date")
    row = ToolScorecard(
        user_id=user_id,
        contact_id=contact.id,
        assessed_on=data.assessed_on,
        scores=check_scores(rubric, scores),
        note=data.note,
    )
    session.add(row)
    session.flush()
    return row


def history(session: Session, *, user_id: int, contact_id: int) -> list[ToolScorecard]:
    """A contact's assessments, oldest first."""
    contact = get_contact(session, user_id=user_id, contact_id=contact_id)
    query = (
        select(ToolScorecard)
        .where(ToolScorecard.user_id == user_id, ToolScorecard.contact_id == contact.id)
        .order_by(ToolScorecard.assessed_on, ToolScorecard.id)
    )
    return list(session.exec(query))


def delete_scorecard(session: Session, *, user_id: int, scorecard_id: int) -> None:
    row = session.get(ToolScorecard, scorecard_id)
    if row is None or row.user_id != user_id:
        raise ToolError("tool_err_not_found")
    session.delete(row)


def all_scorecards(session: Session, *, user_id: int) -> list[tuple[ToolAccount, ToolContact, ToolScorecard]]:
    """Every assessment of the user's contacts with its person and account, oldest first."""
    query = (
        select(ToolAccount, ToolContact, ToolScorecard)
        .where(ToolScorecard.user_id == user_id)
        .where(ToolContact.id == ToolScorecard.contact_id, ToolAccount.id == ToolContact.account_id)
        .order_by(ToolScorecard.assessed_on, ToolScorecard.id)
    )
    return [tuple(row) for row in session.exec(query)]


# --- pure scoring -----------------------------------------------------------------------------


def latest_pair(rows: Sequence[ToolScorecard]) -> tuple[ToolScorecard | None, ToolScorecard | None]:
    """(latest, previous) of a contact's assessments given oldest first."""
    latest = rows[-1] if rows else None
    previous = rows[-2] if len(rows) > 1 else None
    return latest, previous


def weakest(scores: dict[str, int], order: Sequence[str]) -> tuple[str, int]:
    """The lowest-scored element; on a tie, the one the lesson lists first (elements no longer taught are ignored)."""
    scored = [e for e in order if e in scores]
    element = min(scored, key=lambda e: (scores[e], scored.index(e)))
    return element, scores[element]


def average(scores: dict[str, int]) -> float:
    return sum(scores.values()) / len(scores)


@dataclass(frozen=True)
class WeakSpot:
    account: str
    contact: str
    contact_id: int
    assessed_on: date
    element: str
    score: int
    average: float


def weakest_first(
    rows: Sequence[tuple[ToolAccount, ToolContact, ToolScorecard]], order: Sequence[str]
) -> list[WeakSpot]:
    """Each contact's latest assessment, the contacts with the weakest element first (then the lowest average)."""
    latest: dict[int, tuple[ToolAccount, ToolContact, ToolScorecard]] = {}
    for account, contact, card in rows:  # rows come oldest first, so the last one per contact wins
        latest[contact.id] = (account, contact, card)
    spots = []
    for account, contact, card in latest.values():
        element, score = weakest(card.scores, order)
        spots.append(
            WeakSpot(
                account=account.name,
                contact=contact.name,
                contact_id=contact.id,
                assessed_on=card.assessed_on,
                element=element,
                score=score,
                average=round(average(card.scores), 2),
            )
        )
    return sorted(spots, key=lambda s: (s.score, s.average, s.account, s.contact))
