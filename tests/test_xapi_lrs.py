"""Learning records reach a real learning record store: Ralph (ralph-malph, file-system backend), started by the
harness like PostgreSQL. Statements arrive once each, pass Ralph's strict xAPI 1.0.3 models, and nothing is lost
while the LRS is stopped for a while; a restart resends what the LRS had not acknowledged.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from academy.content.loader import Course
from academy.core import leases
from academy.core.db import get_engine, session_scope
from academy.core.models import Event, Role, XapiStatement
from academy.core.settings import get_settings
from academy.integrations import xapi_client, xapi_outbox, xapi_sender
from academy.learning import progress
from tests.learning_activity import do_everything, expected_kinds, person, switch_on
from tests.servers import Lrs

pytestmark = pytest.mark.lrs


@pytest.fixture
def on(lrs: Lrs, monkeypatch: pytest.MonkeyPatch) -> Lrs:
    switch_on(
        monkeypatch,
        endpoint=lrs.endpoint,
        XAPI_USERNAME=lrs.username,
        XAPI_PASSWORD=lrs.password,
        XAPI_RETRY_MAX_SECONDS="8",
    )
    return lrs


def recorded(url: str) -> list[Event]:
    with Session(get_engine(url)) as s:
        return list(s.exec(select(Event).order_by(Event.id)))


def arrived(lrs: Lrs, ids: list[str]) -> Counter:
    """How many times the LRS holds each of these statement ids."""
    wanted = set(ids)
    return Counter(st["id"] for st in lrs.statements() if st["id"] in wanted)


def drain(url: str, course: Course, holder: str = "p1", now: datetime | None = None) -> xapi_sender.Round:
    """Rounds until the queue is empty (or a round fails); the totals."""
    total = xapi_sender.Round()
    for _ in range(50):
        done = xapi_sender.deliver_once(url, course=course, settings=get_settings(), holder=holder, now=now)
        total.staged += done.staged
        total.sent += done.sent
        total.failed += done.failed
        total.rejected += done.rejected
        total.errors += done.errors
        if done.failed or not (done.sent or done.staged):
            return total
    raise AssertionError("the queue did not drain")


def test_every_kind_of_record_arrives_once_and_validates(db_url: str, course: Course, on: Lrs) -> None:
    with session_scope(db_url) as s:
        ann, trainer = person(s, "ann-lrs"), person(s, "trainer-lrs", Role.trainer)
        ann.email = "ann@example.com"
        s.add(ann)
    with session_scope(db_url) as s:
        do_everything(s, course, s.get(type(ann), ann.id), s.get(type(trainer), trainer.id))
    events = recorded(db_url)
    assert [e.kind for e in events] == expected_kinds(course)

    done = drain(db_url, course)
    assert (done.sent, done.failed, done.rejected) == (len(events), 0, 0), done.errors
    ids = [e.uuid for e in events]
    assert arrived(on, ids) == Counter(ids)  # each exactly once
    ours = [st for st in on.statements() if st["id"] in set(ids)]
    assert on.invalid(ours) == []
    verbs = Counter(st["verb"]["id"].rsplit("/", 1)[-1] for st in ours)
    assert verbs == Counter(
        experienced=len(course.modules[0].sections),
        initialized=1,
        attempted=2,
        passed=1,
        failed=1,
        completed=3,  # the module, the self-assessment and the role-play
        progressed=1,
        answered=1,
    )
    passed = next(st for st in ours if st["verb"]["id"].endswith("/passed"))
    assert passed["result"]["score"]["scaled"] == 1.0 and passed["result"]["duration"].startswith("PT")
    assert passed["actor"]["account"] == {"homePage": "https://academy.test", "name": "ann-lrs"}
    assert set(passed["object"]["definition"]["name"]) == {"zh-CN", "en"}
    with session_scope(db_url) as s:
        assert xapi_outbox.status(s).sent == len(events)


def test_an_lrs_stopped_for_a_while_loses_nothing(db_url: str, course: Course, on: Lrs) -> None:
    module = course.modules[1]
    with session_scope(db_url) as s:
        uid = person(s, "bo-down").id
        progress.set_section_read(s, user_id=uid, module=module, section_id=module.sections[0].id, read=True)
    now = datetime.now(UTC)
    on.stop()
    try:
        down = drain(db_url, course, now=now)
        assert (down.sent, down.failed) == (0, 2)
        with session_scope(db_url) as s:  # what the administrator's page shows
            status = xapi_outbox.status(s)
            assert (status.pending, status.sent) == (2, 0) and "ConnectionError" in status.last_error
        # learners carry on while it is down; their records queue up behind the first ones
        with session_scope(db_url) as s:
            for section in module.sections[1:3]:
                progress.set_section_read(s, user_id=uid, module=module, section_id=section.id, read=True)
        again = drain(db_url, course, now=now + timedelta(seconds=1))
        assert again.sent == 0 and again.staged == 2
    finally:
        on.start()
    back = drain(db_url, course, now=now + timedelta(seconds=30))
    assert (back.sent, back.failed) == (4, 0), back.errors
    events = recorded(db_url)
    ids = [e.uuid for e in events]
    assert arrived(on, ids) == Counter(ids)
    with Session(get_engine(db_url)) as s:
        rows = s.exec(select(XapiStatement).order_by(XapiStatement.sent_at, XapiStatement.event_id))
        sent_order = [row.event_id for row in rows]
    assert sent_order == [e.id for e in events]


def test_a_restart_resends_what_the_lrs_never_acknowledged(db_url: str, course: Course, on: Lrs) -> None:
    module = course.modules[2]
    with session_scope(db_url) as s:
        uid = person(s, "cy-crash").id
        for section in module.sections[:3]:
            progress.set_section_read(s, user_id=uid, module=module, section_id=section.id, read=True)
    settings = get_settings()
    now = datetime.now(UTC)
    # a process takes the lease, builds the statements, POSTs a batch and dies before marking it sent
    with session_scope(db_url) as s:
        assert leases.acquire(s, name=xapi_sender.LEASE, holder="dead", seconds=xapi_sender.LEASE_SECONDS, now=now)
        xapi_outbox.stage(s, course=course, config=xapi_outbox.config_from(settings), limit=50)
    with session_scope(db_url) as s:
        batch = [row.statement for row in xapi_outbox.due(s, now=now, limit=2)]
    assert xapi_client.post(settings, batch).ok
    # the restarted process waits for the dead one's lease to expire, then resends all of it
    early = xapi_sender.deliver_once(db_url, course=course, settings=settings, holder="new", now=now)
    assert not early.held
    later = drain(db_url, course, holder="new", now=now + timedelta(seconds=xapi_sender.LEASE_SECONDS + 1))
    assert later.sent == 4
    ids = [e.uuid for e in recorded(db_url)]
    assert arrived(on, ids) == Counter(ids)  # resent, yet stored once each


def test_parallel_senders_send_each_statement_once(db_url: str, course: Course, on: Lrs) -> None:
    module = course.modules[3]
    with session_scope(db_url) as s:
        uid = person(s, "di-parallel").id
        for section in module.sections:
            progress.set_section_read(s, user_id=uid, module=module, section_id=section.id, read=True)
    barrier = threading.Barrier(4)
    totals: dict[str, int] = {}

    def replica(n: int) -> None:
        barrier.wait()
        totals[f"p{n}"] = drain(db_url, course, holder=f"p{n}").sent

    threads = [threading.Thread(target=replica, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    events = recorded(db_url)
    assert sum(totals.values()) == len(events)  # no statement went out twice
    assert sorted(totals.values())[:-1] == [0, 0, 0]  # one replica did all the sending


def test_the_background_sender_delivers_on_its_own(db_url: str, course: Course, on: Lrs) -> None:
    sender = xapi_sender.Sender(db_url, course=course, settings=get_settings(), poll=0.2)
    sender.start()
    try:
        module = course.modules[4]
        with session_scope(db_url) as s:
            uid = person(s, "ed-thread").id
            progress.set_section_read(s, user_id=uid, module=module, section_id=module.sections[0].id, read=True)
        ids = [e.uuid for e in recorded(db_url)]
        deadline = time.monotonic() + 120
        while arrived(on, ids) != Counter(ids):
            assert time.monotonic() < deadline, "the background sender did not deliver"
            time.sleep(0.5)
    finally:
        sender.stop()
