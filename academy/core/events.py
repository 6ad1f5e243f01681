"""The event outbox: what learners do, recorded in the same transaction as the change itself.

A capability calls `record(session, kind=..., user_id=..., data=...)` inside its own transaction, so
the event exists exactly when the change does (a rollback takes both away). `academy.integrations`
turns events into xAPI statements and delivers them; nothing here knows about xAPI, and imports
stay one-way (capabilities -> core <- integrations).

Events are kept only while something consumes them (`Settings.records_events`: an LRS is
configured); otherwise `record` does nothing, so an installation without an LRS stores none.

Each kind has a payload schema below; `record` validates the payload, so a caller that sends the
wrong fields fails in its tests, not in the LRS.

Hook for the role-play page (branch rpui): when a learner reaches an ending, call, in the same
transaction that stores the attempt,

    events.record(session, kind="roleplay_completed", user_id=user.id,
                  data={"roleplay": rp.id, "ending": result.ending.id, "score": result.score,
                        "best": result.best_score, "seconds": seconds_taken})
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from academy.core.models import Event, utcnow
from academy.core.settings import get_settings

Id = str  # a content id (module, section, question...): validated by the content schema where it is defined


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModulePayload(Payload):
    module: Id = Field(max_length=64)


class SectionPayload(Payload):
    module: Id = Field(max_length=64)
    section: Id = Field(max_length=64)


class QuizAttempted(Payload):
    quiz: str = Field(max_length=64)  # a module id, "final", or a trainer's set "set-<id>"
    attempt: int
    title: str | None = Field(default=None, max_length=120)  # a question set's name (modules are named by the course)


class QuizFinished(QuizAttempted):
    score: float = Field(ge=0, le=1)
    passed: bool
    seconds: float = Field(ge=0)


class LiveAnswered(Payload):
    session: int
    title: str = Field(max_length=120)
    index: int = Field(ge=0)
    question: str = Field(max_length=64)
    response: list[Any] = Field(max_length=50)
    score: float = Field(ge=0, le=1)
    seconds: float = Field(ge=0)


class RoleplayCompleted(Payload):
    roleplay: Id = Field(max_length=64)
    ending: Id = Field(max_length=64)
    score: int
    best: int
    seconds: float | None = Field(default=None, ge=0)


class SelfAssessed(Payload):
    questionnaire: Id = Field(max_length=64)
    scores: dict[str, float]  # dimension id -> 0..100


class ChecklistLogged(Payload):
    period: str = Field(pattern="^(week|day)$")
    start: date
    entries: int = Field(ge=0)
    executed: int = Field(ge=0)
    fulfilled: int = Field(ge=0)


KINDS: dict[str, type[Payload]] = {
    "module_started": ModulePayload,
    "module_completed": ModulePayload,
    "section_read": SectionPayload,
    "quiz_attempted": QuizAttempted,
    "quiz_finished": QuizFinished,
    "live_answered": LiveAnswered,
    "roleplay_completed": RoleplayCompleted,
    "self_assessed": SelfAssessed,
    "checklist_logged": ChecklistLogged,
}


def record(session: Session, *, kind: str, user_id: int, data: dict[str, Any], once: str | None = None) -> bool:
    """Add an event to the caller's transaction; True if one was added.

    `once` names an event that may happen only once (e.g. "module_completed:7:m2-seven-elements"):
    a second one, even from a concurrent transaction, is dropped by the unique constraint.
    """
    payload = KINDS[kind].model_validate(data)  # KeyError for an unknown kind: a programming error
    if not get_settings().records_events:
        return False
    row = {
        "uuid": str(uuid.uuid4()),
        "kind": kind,
        "user_id": user_id,
        "data": payload.model_dump(mode="json", exclude_none=True),
        "once": once,
        "created_at": utcnow(),
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(Event.__table__).values(**row)
    if once is not None:
        statement = statement.on_conflict_do_nothing(index_elements=["once"])
    # RETURNING says whether a row went in (rowcount is not reliable for every driver)
    return session.connection().execute(statement.returning(Event.__table__.c.id)).first() is not None
