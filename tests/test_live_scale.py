"""The live quiz at classroom scale: the course's question index, the one-query snapshot, what one process
shares between its phones (academy/classroom/live_cache.py) and the phones' presence across processes."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from academy.accounts import users
from academy.classroom import live
from academy.classroom.live_cache import PhoneTracker, SharedSnapshots, VersionedCache
from academy.content.loader import Course
from academy.core.db import session_scope
from academy.core.models import LivePresence, Role, User, utcnow


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def trainer(session: Session) -> User:
    user = users.register(session, username="coach", display_name="Coach", password="password-123")
    user.role = Role.trainer
    session.add(user)
    session.commit()
    return user


def quiz(session: Session, course: Course, n_questions: int = 2) -> tuple[User, int]:
    coach = trainer(session)
    qids = [q.id for q in course.questions() if q.type == "single"][:n_questions]
    row = live.start_session(session, trainer=coach, course=course, title="Kickoff", question_ids=qids, time_limit=30)
    session.commit()
    return coach, row.id


# --- the course -------------------------------------------------------------------------------------


def test_every_question_and_its_module_are_found_by_id_as_a_scan_would(course: Course) -> None:
    for module in course.modules:
        for q in course.questions(module.id):
            assert course.question(q.id) is q
            assert course.module_of(q.id) is module
    with pytest.raises(KeyError):
        course.question("no-such-question")
    with pytest.raises(KeyError):
        course.module_of("no-such-question")


# --- the snapshot -------------------------------------------------------------------------------------


def test_the_snapshot_counts_people_and_answers_and_its_countdown_stays_exact(session: Session, course: Course) -> None:
    coach, live_id = quiz(session, course)
    tokens = [
        live.join(session, code=live.snapshot(session, live_id=live_id).code, nickname=f"P{i}").token for i in range(3)
    ]
    opened = utcnow()
    live.open_next(session, trainer=coach, live_id=live_id, now=opened)
    q = course.question(live.snapshot(session, live_id=live_id).question_id)
    for token in tokens[:2]:
        live.submit(session, token=token, question_index=0, response=[q.options[0].id], course=course, now=opened)
    session.commit()
    snap = live.snapshot(session, live_id=live_id, now=opened + timedelta(seconds=10))
    assert (snap.phase, snap.participants, snap.answers, snap.answers_total) == ("question", 3, 2, 2)
    assert round(snap.seconds_left) == 20
    # a snapshot read once serves later readers: the countdown is computed at the moment of reading
    assert round(snap.remaining(opened + timedelta(seconds=25))) == 5
    live.pause(session, trainer=coach, live_id=live_id, now=opened + timedelta(seconds=12))
    session.commit()
    paused = live.snapshot(session, live_id=live_id, now=opened + timedelta(seconds=12))
    assert round(paused.remaining(opened + timedelta(seconds=50))) == 18  # frozen while paused
    assert paused.version != snap.version
    live.open_next(session, trainer=coach, live_id=live_id, now=opened + timedelta(seconds=40))
    session.commit()
    second = live.snapshot(session, live_id=live_id)
    assert (second.current, second.answers, second.answers_total) == (1, 0, 2)


# --- what one process shares ------------------------------------------------------------------------


def test_one_load_per_tick_however_many_phones_ask_at_once() -> None:
    clock = Clock()
    shared = SharedSnapshots(tick_s=0.5, clock=clock)
    calls = []
    gate = threading.Barrier(50)

    def load() -> int:
        calls.append(1)
        time.sleep(0.05)  # a slow query: the others must wait for it, not run their own
        return len(calls)

    seen = []

    def phone() -> None:
        gate.wait()
        seen.append(shared.get(7, load))

    threads = [threading.Thread(target=phone) for _ in range(50)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(calls) == 1 and set(seen) == {1}
    clock.now += 0.4
    assert shared.get(7, load) == 1  # still this tick
    clock.now += 0.2
    assert shared.get(7, load) == 2  # the next tick reads the database again
    shared.invalidate(7)
    assert shared.get(7, load) == 3  # a trainer's action on this process: at once
    assert shared.get(8, lambda: "other session") == "other session"


def test_derived_views_are_computed_once_per_version() -> None:
    cache = VersionedCache(max_entries=2)
    computed = []

    def board(v):
        return lambda: computed.append(v) or f"board {v}"

    assert cache.get("s1", ("question", 0, 10), board(1)) == "board 1"
    assert cache.get("s1", ("question", 0, 10), board(2)) == "board 1"
    assert cache.get("s1", ("question", 0, 11), board(3)) == "board 3"
    assert computed == [1, 3]
    cache.get("s2", "v", board(4))  # the oldest entry goes
    assert cache.get("s1", ("question", 0, 10), board(5)) == "board 5"


def test_phones_are_current_then_behind_then_forgotten() -> None:
    clock = Clock()
    tracker = PhoneTracker(grace_s=1.5, forget_s=20, clock=clock)
    tracker.seen(1, "a", interval_s=1.0)
    tracker.seen(1, "b", interval_s=2.0)  # in the lobby: a slower poll
    clock.now += 2.6
    assert (tracker.counts(1).current, tracker.counts(1).behind) == (1, 1)  # a is 2.6 s old on a 1 s poll
    clock.now += 1.2
    assert (tracker.counts(1).current, tracker.counts(1).behind) == (0, 2)
    clock.now += 20
    assert (tracker.counts(1).current, tracker.counts(1).behind) == (0, 0)  # closed tabs are forgotten
    assert tracker.counts(2).current == 0


def test_exactly_one_phone_a_second_writes_the_counts() -> None:
    clock = Clock()
    tracker = PhoneTracker(report_every_s=1.0, clock=clock)
    gate = threading.Barrier(40)
    due = []

    def phone() -> None:
        gate.wait()
        due.append(tracker.report_due(3))

    threads = [threading.Thread(target=phone) for _ in range(40)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert due.count(True) == 1
    clock.now += 1.0
    assert tracker.report_due(3) and not tracker.report_due(3)


# --- presence across processes -----------------------------------------------------------------------


def test_the_host_adds_up_every_process_and_counts_a_silent_one_as_behind(
    session: Session, db_url: str, course: Course
) -> None:
    _, live_id = quiz(session, course)
    now = utcnow()
    live.report_presence(session, live_id=live_id, node="app-a:1", current=140, behind=0, now=now)
    live.report_presence(session, live_id=live_id, node="app-b:2", current=150, behind=10, now=now)
    live.report_presence(
        session, live_id=live_id, node="app-c:3", current=40, behind=0, now=now - timedelta(seconds=30)
    )
    session.commit()
    seen = live.presence(session, live_id=live_id, now=now + timedelta(seconds=1))
    assert (seen.current, seen.behind, seen.processes, seen.silent) == (290, 50, 2, 1)
    # a process reports again: its one row is updated, not added to
    live.report_presence(session, live_id=live_id, node="app-a:1", current=130, behind=10, now=now)
    session.commit()
    seen = live.presence(session, live_id=live_id, now=now + timedelta(seconds=1))
    assert (seen.current, seen.behind) == (280, 60)
    rows = session.exec(select(LivePresence).where(LivePresence.session_id == live_id)).all()
    assert sorted(r.node for r in rows) == ["app-a:1", "app-b:2", "app-c:3"]


def test_reports_from_parallel_threads_keep_one_row_per_process(session: Session, db_url: str, course: Course) -> None:
    _, live_id = quiz(session, course)
    gate = threading.Barrier(8)
    errors = []

    def report(n: int) -> None:
        gate.wait()
        try:
            with session_scope(db_url) as s:
                live.report_presence(s, live_id=live_id, node="app-a:1", current=n, behind=0)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=report, args=(n,)) for n in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    with session_scope(db_url) as s:
        rows = s.exec(select(LivePresence).where(LivePresence.session_id == live_id)).all()
    assert len(rows) == 1


def test_two_processes_share_nothing_but_the_database(session: Session, db_url: str, course: Course) -> None:
    """Replica A's shared snapshot shows what the trainer did through replica B within one tick."""
    coach, live_id = quiz(session, course)
    clock = Clock()
    replica_a, replica_b = SharedSnapshots(clock=clock), SharedSnapshots(clock=clock)

    def reader(replica):
        def load():
            with session_scope(db_url) as s:
                return live.snapshot(s, live_id=live_id)

        return lambda: replica.get(live_id, load)

    assert reader(replica_a)().phase == "lobby"
    with session_scope(db_url) as s:  # the trainer's screen is served by replica B
        live.open_next(s, trainer=s.get(User, coach.id), live_id=live_id)
    replica_b.invalidate(live_id)
    assert reader(replica_b)().phase == "question"
    assert reader(replica_a)().phase == "lobby"  # A's copy is at most one tick old ...
    clock.now += 0.5
    assert reader(replica_a)().phase == "question"  # ... and then it reads the database again
