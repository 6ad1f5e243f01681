"""Storing role-play attempts: start or resume, one choice at a time, the result at an ending, history, races."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session, select

from academy.accounts import users
from academy.content.loader import Course
from academy.content.roleplay_play import best_path, play
from academy.core.db import session_scope
from academy.core.models import Event, RoleplayAttempt
from academy.learning import roleplay
from tests.learning_activity import switch_on
from tests.roleplay_paths import path_to

OWL = "first-visit-owl"


def learner(session: Session, name: str) -> int:
    user = users.register(session, username=name, display_name=name.title(), password="password-123")
    session.commit()
    return user.id


def play_through(session: Session, course: Course, user_id: int, roleplay_id: str, ids: list[str]) -> RoleplayAttempt:
    attempt = roleplay.start(session, user_id=user_id, course=course, roleplay_id=roleplay_id)
    for step, choice_id in enumerate(ids):
        attempt = roleplay.choose(
            session, user_id=user_id, course=course, attempt_id=attempt.id, step=step, choice_id=choice_id
        )
    session.commit()
    return attempt


def test_an_attempt_is_resumed_until_it_ends_and_then_stores_its_result(session: Session, course: Course) -> None:
    uid = learner(session, "ann")
    rp = course.roleplays[OWL]
    best = best_path(rp)
    first = roleplay.start(session, user_id=uid, course=course, roleplay_id=OWL)
    roleplay.choose(session, user_id=uid, course=course, attempt_id=first.id, step=0, choice_id=best[0])
    session.commit()
    again = roleplay.start(session, user_id=uid, course=course, roleplay_id=OWL)  # a reload, another day
    assert again.id == first.id and again.choices == best[:1] and again.finished_at is None
    for step, choice_id in enumerate(best[1:], start=1):
        done = roleplay.choose(session, user_id=uid, course=course, attempt_id=first.id, step=step, choice_id=choice_id)
    session.commit()
    expected = play(rp, best)
    assert done.finished_at is not None and done.is_open is None
    assert (done.ending, done.outcome) == (expected.walk.current, "good")
    assert done.scores == expected.totals and done.percent == 100
    assert roleplay.open_attempt(session, user_id=uid, roleplay_id=OWL) is None
    fresh = roleplay.start(session, user_id=uid, course=course, roleplay_id=OWL)  # a replay is a new attempt
    assert fresh.id != first.id and fresh.choices == []


def test_a_bad_ending_scores_less_and_still_counts_as_played(session: Session, course: Course) -> None:
    uid = learner(session, "bob")
    rp = course.roleplays[OWL]
    bad = path_to(rp, "bad")
    done = play_through(session, course, uid, OWL, bad)
    result = play(rp, bad)
    assert done.outcome == "bad" and done.percent == roleplay.overall_percent(result.score, result.best_score)
    assert done.percent < 100
    assert roleplay.finished_scenarios(session, user_id=uid) == {OWL}


def test_a_double_tap_counts_once_and_a_different_late_choice_is_refused(session: Session, course: Course) -> None:
    uid = learner(session, "cyd")
    rp = course.roleplays[OWL]
    start = rp.nodes[rp.start]
    attempt = roleplay.start(session, user_id=uid, course=course, roleplay_id=OWL)
    roleplay.choose(session, user_id=uid, course=course, attempt_id=attempt.id, step=0, choice_id=start.choices[0].id)
    same = roleplay.choose(
        session, user_id=uid, course=course, attempt_id=attempt.id, step=0, choice_id=start.choices[0].id
    )
    assert same.steps == 1 and same.choices == [start.choices[0].id]
    with pytest.raises(roleplay.RoleplayError, match="rp_moved_on"):  # a stale tab that still shows turn 1
        roleplay.choose(
            session, user_id=uid, course=course, attempt_id=attempt.id, step=0, choice_id=start.choices[1].id
        )
    with pytest.raises(roleplay.RoleplayError, match="rp_moved_on"):  # a turn not reached yet
        roleplay.choose(session, user_id=uid, course=course, attempt_id=attempt.id, step=5, choice_id="x")


def test_bad_input_changes_nothing(session: Session, course: Course) -> None:
    uid = learner(session, "dil")
    other = learner(session, "eddy")
    with pytest.raises(roleplay.RoleplayError, match="rp_unknown"):
        roleplay.start(session, user_id=uid, course=course, roleplay_id="no-such-scenario")
    attempt = roleplay.start(session, user_id=uid, course=course, roleplay_id=OWL)
    session.commit()
    with pytest.raises(roleplay.RoleplayError, match="rp_not_a_choice"):
        roleplay.choose(session, user_id=uid, course=course, attempt_id=attempt.id, step=0, choice_id="shout")
    with pytest.raises(roleplay.RoleplayError, match="rp_not_found"):  # someone else's attempt
        roleplay.choose(session, user_id=other, course=course, attempt_id=attempt.id, step=0, choice_id="shout")
    session.rollback()
    assert roleplay.own_attempt(session, user_id=uid, attempt_id=attempt.id).choices == []
    done = play_through(session, course, uid, OWL, best_path(course.roleplays[OWL]))
    with pytest.raises(roleplay.RoleplayError, match="rp_finished"):
        roleplay.choose(session, user_id=uid, course=course, attempt_id=done.id, step=len(done.choices), choice_id="x")


def test_starting_over_discards_only_the_unfinished_attempt(session: Session, course: Course) -> None:
    uid = learner(session, "fay")
    rp = course.roleplays[OWL]
    play_through(session, course, uid, OWL, best_path(rp))
    half = play_through(session, course, uid, OWL, best_path(rp)[:2])
    roleplay.discard_open(session, user_id=uid, roleplay_id=OWL)
    session.commit()
    assert roleplay.open_attempt(session, user_id=uid, roleplay_id=OWL) is None
    assert session.get(RoleplayAttempt, half.id) is None
    assert len(roleplay.history(session, user_id=uid, roleplay_id=OWL)) == 1


def test_history_and_records_are_the_learners_own(session: Session, course: Course) -> None:
    ann, bob = learner(session, "gus"), learner(session, "hal")
    owl, call = course.roleplays[OWL], course.roleplays["cold-call"]
    play_through(session, course, ann, OWL, path_to(owl, "bad"))
    play_through(session, course, ann, OWL, best_path(owl))
    play_through(session, course, ann, "cold-call", path_to(call, "mixed"))
    play_through(session, course, ann, OWL, path_to(owl, "mixed"))
    play_through(session, course, bob, OWL, best_path(owl))
    roleplay.start(session, user_id=ann, course=course, roleplay_id="first-visit-tiger")  # unfinished: not history
    session.commit()
    assert [a.outcome for a in roleplay.history(session, user_id=ann, roleplay_id=OWL)] == ["bad", "good", "mixed"]
    assert len(roleplay.history(session, user_id=ann)) == 4
    assert roleplay.finished_scenarios(session, user_id=ann) == {OWL, "cold-call"}
    records = {r.roleplay_id: r for r in roleplay.records(session, user_id=ann)}
    mixed = play(owl, path_to(owl, "mixed"))
    assert records[OWL].plays == 3 and records[OWL].best == 100
    assert records[OWL].latest == roleplay.overall_percent(mixed.score, mixed.best_score)
    assert records[OWL].latest_outcome == "mixed"
    assert [r.roleplay_id for r in roleplay.records(session, user_id=bob)] == [OWL]


def test_overall_percent_is_bounded() -> None:
    assert roleplay.overall_percent(22, 22) == 100
    assert roleplay.overall_percent(11, 22) == 50
    assert roleplay.overall_percent(-5, 22) == 0
    assert roleplay.overall_percent(3, 0) == 0


def test_completion_is_recorded_once_at_the_ending(session: Session, course: Course, monkeypatch) -> None:
    """The learning record of a finished role-play: written once, at the ending, not on the way or on a double tap."""
    switch_on(monkeypatch)
    uid = learner(session, "ivy")
    best = best_path(course.roleplays[OWL])
    attempt = play_through(session, course, uid, OWL, best[:-1])

    def recorded() -> list[dict]:
        return list(session.exec(select(Event.data).where(Event.kind == "roleplay_completed")))

    assert recorded() == []
    for _ in range(2):
        roleplay.choose(
            session, user_id=uid, course=course, attempt_id=attempt.id, step=len(best) - 1, choice_id=best[-1]
        )
    session.commit()
    [data] = recorded()
    assert data["roleplay"] == OWL and data["ending"] == attempt.ending and data["score"] == data["best"]


def _in_parallel(n: int, work) -> list:
    barrier = threading.Barrier(n)

    def run(i: int):
        barrier.wait()
        try:
            return work(i)
        except roleplay.RoleplayError as err:
            return err.key

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def test_two_tabs_starting_at_once_share_one_attempt(db_url: str, course: Course) -> None:
    with session_scope(db_url) as s:
        uid = learner(s, "joe")

    def begin(_: int) -> int:
        with session_scope(db_url) as s:
            return roleplay.start(s, user_id=uid, course=course, roleplay_id=OWL).id

    ids = _in_parallel(6, begin)
    assert len(set(ids)) == 1
    with session_scope(db_url) as s:
        assert len(s.exec(select(RoleplayAttempt).where(RoleplayAttempt.user_id == uid)).all()) == 1


def test_different_choices_sent_at_once_for_one_turn_store_exactly_one(db_url: str, course: Course) -> None:
    rp = course.roleplays[OWL]
    offered = [c.id for c in rp.nodes[rp.start].choices]
    with session_scope(db_url) as s:
        uid = learner(s, "kit")
        attempt_id = roleplay.start(s, user_id=uid, course=course, roleplay_id=OWL).id

    def pick(i: int) -> str:
        with session_scope(db_url) as s:
            chosen = offered[i % len(offered)]
            roleplay.choose(s, user_id=uid, course=course, attempt_id=attempt_id, step=0, choice_id=chosen)
            return chosen

    outcomes = _in_parallel(6, pick)
    with session_scope(db_url) as s:
        stored = roleplay.own_attempt(s, user_id=uid, attempt_id=attempt_id)
    assert stored.steps == 1 and stored.choices[0] in offered
    # whoever sent the stored choice succeeded; everyone else was told the conversation had moved on
    assert sorted(o for o in outcomes if o != "rp_moved_on") == [c for c in sorted(outcomes) if c == stored.choices[0]]
    assert all(o in (stored.choices[0], "rp_moved_on") for o in outcomes)
