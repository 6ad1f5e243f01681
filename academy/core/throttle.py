"""Counting attempts in the database, so parallel sessions and app replicas share one count.

A rule allows `limit` attempts per `window` under one key (say, an account tried from one
client) and can space attempts apart (`spacing`: seconds to wait after the n-th attempt).
`reserve` counts an attempt *before* the slow or risky work it guards: it locks the rows,
checks every rule and counts the attempt under all of them, or under none. Twenty parallel
guesses therefore get twenty different counts, and only the first `limit` go ahead.

Keys are SHA-256 digests: what they count (a typed user name, an address) is never stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from academy.core.models import Throttle, aware, utcnow


def key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Rule:
    key: str
    window: timedelta
    limit: int | None = None  # attempts per window; None: no limit, only spacing
    spacing: Callable[[int], float] | None = None  # seconds before the next attempt, after the n-th


@dataclass(frozen=True)
class Slot:
    """The outcome of `reserve`: allowed with each rule's count, or refused with why and for how long."""

    allowed: bool
    counts: dict[str, int] = field(default_factory=dict)
    refused_by: str | None = None  # "limit" (locked until the window ends) or "spacing" (wait a moment)
    retry_after: float = 0.0  # seconds


def _lock(session: Session, keys: list[str], now: datetime) -> dict[str, Throttle]:
    """Create missing rows and lock them for the rest of the transaction."""
    table = Throttle.__table__
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    fresh = [{"key": k, "count": 0, "window_start": now, "expires_at": now} for k in keys]
    # On SQLite this write also takes the database's write lock, which serialises the check below;
    # on PostgreSQL the SELECT ... FOR UPDATE does it, row by row in key order (no deadlock).
    session.execute(insert(table).values(fresh).on_conflict_do_nothing(index_elements=["key"]))
    query = select(Throttle).where(col(Throttle.key).in_(keys)).order_by(Throttle.key).with_for_update()
    return {row.key: row for row in session.exec(query.execution_options(populate_existing=True))}


def reserve(session: Session, rules: Sequence[Rule], *, now: datetime | None = None) -> Slot:
    """Count one attempt under every rule, or refuse it without counting. Commit before the guarded work."""
    now = now or utcnow()
    rows = _lock(session, sorted({r.key for r in rules}), now)
    for rule in rules:
        row = rows[rule.key]
        if aware(row.window_start) + rule.window <= now:  # a new window starts
            row.count, row.window_start = 0, now
    for rule in rules:
        row = rows[rule.key]
        if rule.limit is not None and row.count >= rule.limit:
            left = (aware(row.window_start) + rule.window - now).total_seconds()
            return Slot(False, refused_by="limit", retry_after=max(left, 1.0))
    for rule in rules:
        row = rows[rule.key]
        if row.next_at is not None and aware(row.next_at) > now:
            return Slot(False, refused_by="spacing", retry_after=(aware(row.next_at) - now).total_seconds())
    counts = {}
    for rule in rules:
        row = rows[rule.key]
        row.count += 1
        wait = rule.spacing(row.count) if rule.spacing else 0.0
        row.next_at = now + timedelta(seconds=wait) if wait else None
        row.expires_at = max(aware(row.window_start) + rule.window, now + timedelta(seconds=wait))
        counts[rule.key] = row.count
        session.add(row)
    session.flush()
    return Slot(True, counts=counts)


def clear(session: Session, keys: Sequence[str]) -> None:
    """Forget the attempts under these keys (after a success that proves the attempts were honest)."""
    session.exec(delete(Throttle).where(col(Throttle.key).in_(list(keys))))


def give_back(session: Session, key_: str) -> None:
    """Uncount one attempt under this key (a success should not use up a shared allowance)."""
    session.exec(update(Throttle).where(Throttle.key == key_, Throttle.count > 0).values(count=Throttle.count - 1))


def purge(session: Session, *, now: datetime | None = None) -> int:
    """Delete the rows whose window and spacing have both passed; returns how many."""
    result = session.exec(delete(Throttle).where(Throttle.expires_at < (now or utcnow())))
    return result.rowcount or 0
