"""One holder per deployment for a background job, however many app processes run it.

A lease is a row (name, holder, expires_at). `acquire` takes it in one UPDATE that succeeds only
for the current holder or once the lease has expired, so two processes never both hold it: on
PostgreSQL the second UPDATE waits for the first's row lock and then re-reads the row; SQLite runs
one writer at a time. A holder that dies simply stops renewing, and another takes over after the
time to live.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from academy.core.models import WorkerLease, utcnow


def acquire(session: Session, *, name: str, holder: str, seconds: float, now: datetime | None = None) -> bool:
    """Take or renew the lease for `seconds`; False while someone else holds it."""
    now = now or utcnow()
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.connection().execute(
        dialect.insert(WorkerLease.__table__)
        .values(name=name, holder="", expires_at=now - timedelta(seconds=1))
        .on_conflict_do_nothing(index_elements=["name"])
    )
    taken = session.connection().execute(
        update(WorkerLease)
        .where(
            col(WorkerLease.name) == name,
            or_(col(WorkerLease.holder) == holder, col(WorkerLease.expires_at) < now),
        )
        .values(holder=holder, expires_at=now + timedelta(seconds=seconds))
        .returning(WorkerLease.__table__.c.name)
    )
    return taken.first() is not None


def release(session: Session, *, name: str, holder: str) -> None:
    """Give the lease up at once (a clean shutdown), so another process need not wait for it to expire."""
    session.connection().execute(
        update(WorkerLease)
        .where(col(WorkerLease.name) == name, col(WorkerLease.holder) == holder)
        .values(holder="", expires_at=utcnow() - timedelta(seconds=1))
    )


def holder_of(session: Session, *, name: str) -> WorkerLease | None:
    return session.get(WorkerLease, name)
