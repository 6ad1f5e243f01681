"""The xAPI side of the outbox: events become statements (fixed once built) and wait for delivery.

`stage` builds the statement of each new event, in event order, and stores it with the delivery
state, so a resend after a failure or a restart is byte-for-byte the statement first sent (the
LRS recognises it by id and keeps one). Delivery is in event order: the oldest pending statement
goes first, and while it waits for its retry nothing behind it overtakes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, func, select

from academy.content.loader import Course
from academy.core.models import Event, User, XapiStatement
from academy.core.settings import Settings
from academy.integrations.xapi_statements import Builder, Config, Learner, StatementError
from academy.learning import question_source

PENDING, SENT, REJECTED = "pending", "sent", "rejected"


def _aware(dt: datetime | None) -> datetime | None:
    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


def config_from(settings: Settings) -> Config | None:
    """The statement configuration, or None while no base IRI can be made (nothing is built then)."""
    base = settings.xapi_base()
    if not base:
        return None
    return Config(base=base, actor=settings.xapi_actor, homepage=settings.xapi_account_homepage.strip())


def backoff(attempts: int, max_seconds: float) -> float:
    """Seconds before the next try after `attempts` failures: 1, 2, 4, 8 ... up to max_seconds."""
    return float(min(max_seconds, 2 ** min(max(attempts - 1, 0), 30)))


def stage(session: Session, *, course: Course, config: Config, limit: int) -> int:
    """Build the statements of up to `limit` events that have none yet, oldest first; returns how many."""
    new = list(
        session.exec(
            select(Event)
            .outerjoin(XapiStatement, col(XapiStatement.event_id) == Event.id)
            .where(col(XapiStatement.event_id).is_(None))
            .order_by(col(Event.id))
            .limit(limit)
        )
    )
    if not new:
        return 0
    people = {u.id: u for u in session.exec(select(User).where(col(User.id).in_({e.user_id for e in new})))}
    builder = Builder(course, config)
    rows = []
    for event in new:
        user = people[event.user_id]
        learner = Learner(user.username, user.display_name, user.email, user.language)
        question = None
        if event.kind == "live_answered":
            try:
                question = question_source.question(session, course=course, question_id=event.data["question"])
            except KeyError:
                question = None
        row = {"event_id": event.id, "state": PENDING, "attempts": 0, "last_error": ""}
        try:
            row["statement"] = builder.statement(
                event_id=event.uuid,
                kind=event.kind,
                data=event.data,
                learner=learner,
                when=event.created_at,
                question=question,
            )
        except StatementError as exc:  # kept, visible to the administrator, never sent
            row.update(statement={}, state=REJECTED, last_error=str(exc)[:500])
        rows.append(row)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    # a second sender staging the same events (a lease taken over mid-run) adds nothing
    session.connection().execute(
        dialect.insert(XapiStatement.__table__).values(rows).on_conflict_do_nothing(index_elements=["event_id"])
    )
    return len(rows)


def due(session: Session, *, now: datetime, limit: int) -> list[XapiStatement]:
    """The next batch in event order, or nothing while the oldest pending statement waits for its retry."""
    pending = list(
        session.exec(
            select(XapiStatement)
            .where(XapiStatement.state == PENDING)
            .order_by(col(XapiStatement.event_id))
            .limit(limit)
        )
    )
    if pending and (wait := _aware(pending[0].next_attempt_at)) is not None and wait > now:
        return []
    return pending


def mark_sent(session: Session, *, event_ids: list[int], now: datetime) -> None:
    session.connection().execute(
        update(XapiStatement)
        .where(col(XapiStatement.event_id).in_(event_ids), XapiStatement.state == PENDING)
        .values(state=SENT, sent_at=now, last_error="", next_attempt_at=None)
    )


def mark_failed(session: Session, *, event_ids: list[int], error: str, now: datetime, max_seconds: float) -> None:
    """Count a failed try and schedule the next one with exponential backoff."""
    for row in session.exec(select(XapiStatement).where(col(XapiStatement.event_id).in_(event_ids))):
        row.attempts += 1
        row.last_error = error[:500]
        row.next_attempt_at = now + timedelta(seconds=backoff(row.attempts, max_seconds))
        session.add(row)


def mark_rejected(session: Session, *, event_id: int, error: str) -> None:
    row = session.get(XapiStatement, event_id)
    row.state = REJECTED
    row.attempts += 1
    row.last_error = error[:500]
    session.add(row)


def retry_now(session: Session) -> int:
    """The administrator's "retry now": pending statements go on the next round, without waiting."""
    return (
        session.connection()
        .execute(update(XapiStatement).where(XapiStatement.state == PENDING).values(next_attempt_at=None))
        .rowcount
    )


# --- what the administrator sees ------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    unstaged: int  # events whose statement is not built yet
    pending: int
    sent: int
    rejected: int
    next_attempt_at: datetime | None
    last_error: str
    last_sent_at: datetime | None


def status(session: Session) -> Status:
    counts = dict(session.exec(select(XapiStatement.state, func.count()).group_by(XapiStatement.state)).all())
    unstaged = session.exec(
        select(func.count())
        .select_from(Event)
        .outerjoin(XapiStatement, col(XapiStatement.event_id) == Event.id)
        .where(col(XapiStatement.event_id).is_(None))
    ).one()
    head = session.exec(
        select(XapiStatement).where(XapiStatement.state == PENDING).order_by(col(XapiStatement.event_id))
    ).first()
    error = head.last_error if head is not None else ""
    if not error:
        latest_rejected = session.exec(
            select(XapiStatement.last_error)
            .where(XapiStatement.state == REJECTED)
            .order_by(col(XapiStatement.event_id).desc())
        ).first()
        error = latest_rejected or ""
    last_sent = session.exec(select(func.max(XapiStatement.sent_at))).one()
    return Status(
        unstaged=unstaged,
        pending=counts.get(PENDING, 0),
        sent=counts.get(SENT, 0),
        rejected=counts.get(REJECTED, 0),
        next_attempt_at=_aware(head.next_attempt_at) if head is not None else None,
        last_error=error,
        last_sent_at=_aware(last_sent),
    )


@dataclass(frozen=True)
class Row:
    event_id: int
    kind: str
    username: str
    created_at: datetime
    state: str
    attempts: int
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str
    verb: str
    activity: str


def rows(session: Session, *, state: str, limit: int = 50) -> list[Row]:
    """Statements in one state: the queue oldest first, what was sent or rejected newest first."""
    order = col(XapiStatement.event_id) if state == PENDING else col(XapiStatement.event_id).desc()
    found = session.exec(
        select(XapiStatement, Event, User.username)
        .join(Event, col(Event.id) == XapiStatement.event_id)
        .join(User, col(User.id) == Event.user_id)
        .where(XapiStatement.state == state)
        .order_by(order)
        .limit(min(limit, 500))
    )
    return [
        Row(
            event_id=st.event_id,
            kind=ev.kind,
            username=username,
            created_at=_aware(ev.created_at),
            state=st.state,
            attempts=st.attempts,
            next_attempt_at=_aware(st.next_attempt_at),
            sent_at=_aware(st.sent_at),
            last_error=st.last_error,
            verb=st.statement.get("verb", {}).get("id", "").rsplit("/", 1)[-1],
            activity=st.statement.get("object", {}).get("id", ""),
        )
        for st, ev, username in found
    ]
