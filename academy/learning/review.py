"""Spaced review of missed questions with FSRS: due cards, and ratings that move the next due date."""

from __future__ import annotations

from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler
from sqlmodel import Session, select

from academy.core.models import ReviewCard, utcnow

# No fuzzing: the same ratings give the same dates, which learners (and tests) can rely on.
SCHEDULER = Scheduler(enable_fuzzing=False)
RATINGS = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def schedule_missed(session: Session, *, user_id: int, question_id: str, now: datetime | None = None) -> ReviewCard:
    """Put a missed question into review, due at once; a question already in review keeps its card."""
    card = session.get(ReviewCard, (user_id, question_id))
    if card is None:
        now = now or utcnow()
        fresh = Card(due=now)
        card = ReviewCard(user_id=user_id, question_id=question_id, card=fresh.to_dict(), due=now)
        session.add(card)
    return card


def due_cards(session: Session, *, user_id: int, now: datetime | None = None) -> list[ReviewCard]:
    now = now or utcnow()
    query = select(ReviewCard).where(ReviewCard.user_id == user_id, ReviewCard.due <= now).order_by(ReviewCard.due)
    return list(session.exec(query))


def all_cards(session: Session, *, user_id: int) -> list[ReviewCard]:
    return list(session.exec(select(ReviewCard).where(ReviewCard.user_id == user_id).order_by(ReviewCard.due)))


def rate(session: Session, *, user_id: int, question_id: str, rating: int, now: datetime | None = None) -> ReviewCard:
    """Apply the learner's rating (1 again, 2 hard, 3 good, 4 easy) and move the card's due date."""
    row = session.get(ReviewCard, (user_id, question_id))
    if row is None:
        raise KeyError(question_id)
    card, _log = SCHEDULER.review_card(Card.from_dict(row.card), RATINGS[rating], review_datetime=now or utcnow())
    row.card = card.to_dict()
    row.due = _aware(card.due)
    row.reviews += 1
    session.add(row)
    return row
