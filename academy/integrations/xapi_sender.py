"""The background sender: one per deployment, delivering statements in order with retry and backoff.

Every app process may run a Sender thread; each round it tries to take (or renew) a lease in the
database, and only the holder stages and sends, so several replicas behind a proxy still send each
statement from one place, in order. An LRS that is down costs nothing but time: the statements stay
pending, the next try waits 1, 2, 4 ... up to XAPI_RETRY_MAX_SECONDS, and a process that dies before
the LRS acknowledged a batch leaves it pending for whoever holds the lease next (resending is safe:
the LRS keeps one statement per id).

A batch the LRS refuses as a whole (400, 409, 413, 422) is sent again one statement at a time, so a
single bad statement is set aside (rejected, with the LRS's answer) and the rest go through.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from academy.content.loader import Course
from academy.core import leases
from academy.core.db import session_scope
from academy.core.models import utcnow
from academy.core.settings import Settings
from academy.integrations import xapi_client, xapi_outbox

LEASE = "xapi-sender"
LEASE_SECONDS = 60.0  # longer than one round can take (a batch POST times out after 15 s)
POLL_SECONDS = 2.0

log = logging.getLogger(__name__)


def holder_name() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class Round:
    held: bool = False
    staged: int = 0
    sent: int = 0
    rejected: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_once(url: str, *, course: Course, settings: Settings, holder: str, now: datetime | None = None) -> Round:
    """One round: take the lease, build new statements, send the next due batch. Never raises for the LRS."""
    now = now or utcnow()
    result = Round()
    config = xapi_outbox.config_from(settings)
    if not settings.records_events or config is None:
        return result
    with session_scope(url) as s:
        result.held = leases.acquire(s, name=LEASE, holder=holder, seconds=LEASE_SECONDS, now=now)
    if not result.held:
        return result
    with session_scope(url) as s:
        result.staged = xapi_outbox.stage(s, course=course, config=config, limit=settings.xapi_batch_size * 4)
    with session_scope(url) as s:
        batch = [(row.event_id, row.statement) for row in xapi_outbox.due(s, now=now, limit=settings.xapi_batch_size)]
    if batch:
        _send(url, settings, batch, now, result)
    return result


def _send(url: str, settings: Settings, batch: list[tuple[int, dict]], now: datetime, result: Round) -> None:
    reply = xapi_client.post(settings, [statement for _, statement in batch])
    if reply.ok:
        with session_scope(url) as s:
            xapi_outbox.mark_sent(s, event_ids=[eid for eid, _ in batch], now=now)
        result.sent += len(batch)
        return
    if reply.rejected and len(batch) > 1:
        for one in batch:  # find the statement the LRS objects to; stop at the first failure that may pass later
            _send(url, settings, [one], now, result)
            if result.failed:
                return
        return
    if reply.rejected:
        with session_scope(url) as s:
            xapi_outbox.mark_rejected(s, event_id=batch[0][0], error=reply.message)
        result.rejected += 1
        result.errors.append(reply.message)
        return
    with session_scope(url) as s:
        xapi_outbox.mark_failed(
            s,
            event_ids=[eid for eid, _ in batch],
            error=reply.message,
            now=now,
            max_seconds=settings.xapi_retry_max_seconds,
        )
    result.failed += len(batch)
    result.errors.append(reply.message)


class Sender(threading.Thread):
    """Runs `deliver_once` every POLL_SECONDS (at once again while there is more to send) until stopped."""

    def __init__(self, url: str, *, course: Course, settings: Settings, poll: float = POLL_SECONDS):
        super().__init__(name="xapi-sender", daemon=True)
        self.url, self.course, self.settings, self.poll = url, course, settings, poll
        self.holder = holder_name()
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            busy = False
            try:
                done = deliver_once(self.url, course=self.course, settings=self.settings, holder=self.holder)
                busy = done.sent > 0 or done.staged > 0
            except Exception:  # the database may be away for a moment; the next round tries again
                log.exception("xAPI sender round failed")
            if not busy:
                self.stopping.wait(self.poll)

    def stop(self, timeout: float = 30) -> None:
        self.stopping.set()
        self.join(timeout)
        try:
            with session_scope(self.url) as s:
                leases.release(s, name=LEASE, holder=self.holder)
        except Exception:
            log.exception("could not release the xAPI sender lease")


def current_sender(url: str, *, now: datetime | None = None) -> str | None:
    """The process that holds the lease now (for the administrator's page), None if none does."""
    now = now or utcnow()
    with session_scope(url) as s:
        lease = leases.holder_of(s, name=LEASE)
        if lease is None or not lease.holder:
            return None
        expires = lease.expires_at if lease.expires_at.tzinfo else lease.expires_at.replace(tzinfo=UTC)
        return lease.holder if expires > now else None
