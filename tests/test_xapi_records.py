"""Learning records without an LRS: events written with the change they record, statements built from them,
one sender per deployment, and delivery order and backoff kept in the database.

The real LRS (Ralph) receives them in tests/test_xapi_lrs.py.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from academy.content.loader import Course
from academy.core import events, leases
from academy.core.db import get_engine, session_scope
from academy.core.models import Event, XapiStatement
from academy.core.settings import get_settings
from academy.integrations import xapi_outbox, xapi_sender
from academy.integrations.xapi_statements import Builder, Config, Learner, duration
from academy.learning import progress
from tests.learning_activity import do_everything, expected_kinds, person, switch_on

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def kinds(session: Session) -> list[str]:
    return list(session.exec(select(Event.kind).order_by(Event.id)))


def test_without_an_lrs_nothing_is_recorded(session: Session, course: Course) -> None:
    ann = person(session, "ann")
    module = course.modules[0]
    progress.set_section_read(session, user_id=ann.id, module=module, section_id=module.sections[0].id, read=True)
    session.commit()
    assert kinds(session) == []


def test_every_action_records_its_event_in_order(
    session: Session, course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    switch_on(monkeypatch)
    ann, trainer = person(session, "ann"), person(session, "trainer", role="trainer")
    do_everything(session, course, ann, trainer)
    assert kinds(session) == expected_kinds(course)
    finished = session.exec(select(Event).where(Event.kind == "quiz_finished").order_by(Event.id)).all()
    assert [(e.data["quiz"], e.data["passed"]) for e in finished] == [(course.modules[0].id, True), ("final", False)]
    assessed = session.exec(select(Event).where(Event.kind == "self_assessed")).one()
    assert set(assessed.data) == {"questionnaire", "scores"}  # never the name of a client contact


def test_an_action_rolled_back_leaves_no_event(session: Session, course: Course, monkeypatch) -> None:
    switch_on(monkeypatch)
    ann = person(session, "ann")
    module = course.modules[0]
    progress.set_section_read(session, user_id=ann.id, module=module, section_id=module.sections[0].id, read=True)
    session.rollback()
    assert kinds(session) == []


def test_a_module_starts_and_completes_once(session: Session, course: Course, monkeypatch) -> None:
    switch_on(monkeypatch)
    ann = person(session, "ann")
    module = course.modules[-1]
    first = module.sections[0].id
    for read in (True, False, True):  # unmarking and marking again: read twice, started once
        progress.set_section_read(session, user_id=ann.id, module=module, section_id=first, read=read, has_quiz=False)
        session.commit()  # each toggle is a run of the page
    assert kinds(session) == ["section_read", "module_started", "section_read"]


def test_a_once_event_from_parallel_transactions_is_kept_once(db_url: str, monkeypatch) -> None:
    switch_on(monkeypatch)
    with session_scope(db_url) as s:
        uid = person(s, "ann").id
    barrier = threading.Barrier(6)
    added: list[bool] = []

    def complete() -> None:
        barrier.wait()
        with session_scope(db_url) as s:
            added.append(
                events.record(s, kind="module_completed", user_id=uid, data={"module": "m1"}, once=f"done:{uid}:m1")
            )

    threads = [threading.Thread(target=complete) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(added) == [False] * 5 + [True]
    with Session(get_engine(db_url)) as s:
        assert s.exec(select(func.count()).select_from(Event)).one() == 1


def test_a_payload_with_wrong_fields_is_refused(session: Session, monkeypatch) -> None:
    switch_on(monkeypatch)
    ann = person(session, "ann")
    with pytest.raises(ValueError, match="ending"):
        events.record(session, kind="roleplay_completed", user_id=ann.id, data={"roleplay": "x", "score": 1, "best": 2})


def test_one_sender_holds_the_lease_among_parallel_processes(db_url: str) -> None:
    barrier = threading.Barrier(8)
    held: list[str] = []

    def take(n: int) -> None:
        barrier.wait()
        with session_scope(db_url) as s:
            if leases.acquire(s, name="job", holder=f"p{n}", seconds=60, now=T0):
                held.append(f"p{n}")

    threads = [threading.Thread(target=take, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(held) == 1
    with session_scope(db_url) as s:
        assert leases.acquire(s, name="job", holder=held[0], seconds=60, now=T0 + timedelta(seconds=30))  # renewed
        assert not leases.acquire(s, name="job", holder="other", seconds=60, now=T0 + timedelta(seconds=80))
        # the holder died: once its lease runs out, another process takes over
        assert leases.acquire(s, name="job", holder="other", seconds=60, now=T0 + timedelta(seconds=91))


def test_backoff_doubles_up_to_the_limit() -> None:
    assert [xapi_outbox.backoff(n, 600) for n in (1, 2, 3, 4, 10, 11, 50)] == [1, 2, 4, 8, 512, 600, 600]


def test_statements_name_the_learner_and_speak_both_languages(course: Course) -> None:
    builder = Builder(course, Config(base="https://academy.test/xapi"))
    module = course.modules[0]
    learner = Learner("ann", "Ann Li", "ann@example.com", "zh")
    made = builder.statement(
        event_id="0b6c4c39-61d3-4c4f-bf7c-33b5b0a0a5a1",
        kind="quiz_finished",
        data={"quiz": module.id, "attempt": 5, "score": 0.9, "passed": True, "seconds": 3723.456},
        learner=learner,
        when=T0,
    )
    assert made["verb"] == {
        "id": "http://adlnet.gov/expapi/verbs/passed",
        "display": {"zh-CN": "通过", "en": "passed"},
    }
    assert made["actor"] == {
        "objectType": "Agent",
        "name": "Ann Li",
        "account": {"homePage": "https://academy.test", "name": "ann"},
    }
    assert made["object"]["id"] == f"https://academy.test/xapi/modules/{module.id}/quiz"
    name = made["object"]["definition"]["name"]
    assert name == {"zh-CN": f"测验：{module.title.zh}", "en": f"Quiz: {module.title.en}"}
    assert made["result"] == {
        "score": {"scaled": 0.9, "raw": 90.0, "min": 0, "max": 100},
        "success": True,
        "completion": True,
        "duration": "PT1H2M3.46S",
    }
    assert made["context"]["contextActivities"]["parent"][0]["id"] == f"https://academy.test/xapi/modules/{module.id}"
    assert made["timestamp"] == "2026-12-01T09:00:00.000+00:00"
    by_mail = Builder(course, Config(base="https://academy.test/xapi", actor="mbox")).statement(
        event_id="x", kind="module_started", data={"module": module.id}, learner=learner, when=T0
    )
    assert by_mail["actor"]["mbox"] == "mailto:ann@example.com"
    no_mail = Learner("bob", "Bob", None)  # an account without an e-mail is named by its account
    assert (
        "account"
        in Builder(course, Config(base="https://a.test/x", actor="mbox")).statement(
            event_id="y", kind="module_started", data={"module": module.id}, learner=no_mail, when=T0
        )["actor"]
    )


def test_durations_are_iso_8601() -> None:
    assert [duration(s) for s in (0, 5, 59.999, 61, 3600, 90061.5)] == [
        "PT0S",
        "PT5S",
        "PT1M",
        "PT1M1S",
        "PT1H",
        "PT25H1M1.5S",
    ]


def test_an_event_naming_content_that_is_gone_is_set_aside(session: Session, course: Course, monkeypatch) -> None:
    switch_on(monkeypatch)
    ann = person(session, "ann")
    events.record(session, kind="module_started", user_id=ann.id, data={"module": "m99-retired"})
    events.record(session, kind="module_started", user_id=ann.id, data={"module": course.modules[0].id})
    session.commit()
    config = xapi_outbox.config_from(get_settings())
    assert xapi_outbox.stage(session, course=course, config=config, limit=10) == 2
    session.commit()
    states = session.exec(select(XapiStatement.state).order_by(XapiStatement.event_id)).all()
    assert states == ["rejected", "pending"]  # the retired module does not hold up the queue
    assert "m99-retired" in xapi_outbox.status(session).last_error or xapi_outbox.status(session).pending == 1


def test_an_lrs_that_cannot_be_reached_keeps_everything_pending(db_url: str, course: Course, monkeypatch) -> None:
    switch_on(monkeypatch, XAPI_RETRY_MAX_SECONDS="4")
    with session_scope(db_url) as s:
        ann = person(s, "ann")
        for section in course.modules[0].sections[:2]:
            progress.set_section_read(s, user_id=ann.id, module=course.modules[0], section_id=section.id, read=True)
    settings = get_settings()
    first = xapi_sender.deliver_once(db_url, course=course, settings=settings, holder="a", now=T0)
    assert (first.held, first.staged, first.sent, first.failed) == (True, 3, 0, 3)
    with session_scope(db_url) as s:
        status = xapi_outbox.status(s)
        assert status.pending == 3 and status.sent == 0
        assert "ConnectionError" in status.last_error
        assert status.next_attempt_at == T0 + timedelta(seconds=1)
    # before the next try is due nothing is sent; then the waits double up to the limit
    assert xapi_sender.deliver_once(db_url, course=course, settings=settings, holder="a", now=T0).failed == 0
    waits = []
    now = T0
    for _ in range(4):
        with session_scope(db_url) as s:
            now = xapi_outbox.status(s).next_attempt_at
        xapi_sender.deliver_once(db_url, course=course, settings=settings, holder="a", now=now)
        with session_scope(db_url) as s:
            waits.append((xapi_outbox.status(s).next_attempt_at - now).total_seconds())
    assert waits == [2, 4, 4, 4]
    # another process sees the lease held and does nothing
    assert not xapi_sender.deliver_once(db_url, course=course, settings=settings, holder="b", now=now).held
