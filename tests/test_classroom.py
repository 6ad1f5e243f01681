"""Cohorts and the live classroom quiz, through the same service functions the pages call."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.classroom import cohorts, live
from academy.content.loader import Course
from academy.core.models import Role, User, utcnow


def person(session: Session, name: str, role: Role = Role.learner) -> User:
    user = users.register(session, username=name, display_name=name.title(), password="password-123")
    user.role = role
    session.add(user)
    session.commit()
    return user


@pytest.fixture
def people(session: Session) -> dict[str, User]:
    return {
        "admin": person(session, "admin", Role.admin),
        "trainer": person(session, "trainer", Role.trainer),
        "other_trainer": person(session, "other-trainer", Role.trainer),
        "ann": person(session, "ann"),
        "bob": person(session, "bob"),
    }


def test_cohort_join_leave_and_visibility(session: Session, people) -> None:
    cohort = cohorts.create_cohort(session, trainer=people["trainer"], name="2026 Q4 new hires, East")
    session.commit()
    assert len(cohort.join_code) == 6 and set(cohort.join_code) <= set(cohorts.CODE_ALPHABET)
    cohorts.join_cohort(session, user=people["ann"], code=cohort.join_code.lower())
    cohorts.join_cohort(session, user=people["ann"], code=cohort.join_code)  # twice: still one membership
    cohorts.join_cohort(session, user=people["bob"], code=cohort.join_code)
    session.commit()
    assert [u.username for u in cohorts.members(session, viewer=people["trainer"], cohort_id=cohort.id)] == [
        "ann",
        "bob",
    ]
    assert [c.id for c in cohorts.visible_cohorts(session, viewer=people["admin"])] == [cohort.id]
    assert cohorts.visible_cohorts(session, viewer=people["other_trainer"]) == []
    assert cohorts.visible_cohorts(session, viewer=people["ann"]) == []
    for outsider in (people["other_trainer"], people["ann"]):
        with pytest.raises(cohorts.CohortError, match="cls_not_found"):
            cohorts.members(session, viewer=outsider, cohort_id=cohort.id)
    assert cohorts.trains(session, viewer=people["trainer"], learner_id=people["ann"].id)
    assert not cohorts.trains(session, viewer=people["other_trainer"], learner_id=people["ann"].id)
    cohorts.leave_cohort(session, user=people["ann"], cohort_id=cohort.id)
    session.commit()
    assert cohorts.my_cohorts(session, user=people["ann"]) == []
    assert not cohorts.trains(session, viewer=people["trainer"], learner_id=people["ann"].id)


def test_learners_cannot_create_cohorts_and_bad_codes_are_refused(session: Session, people) -> None:
    with pytest.raises(cohorts.CohortError, match="err_not_allowed"):
        cohorts.create_cohort(session, trainer=people["ann"], name="Mine")
    with pytest.raises(cohorts.CohortError, match="cls_bad_code"):
        cohorts.join_cohort(session, user=people["ann"], code="NOPE42")


def _questions(course: Course) -> list[str]:
    return [q.id for q in course.questions(course.modules[0].id)[:3]]


def _right(course: Course, qid: str) -> list:
    q = course.question(qid)
    if q.type == "matching":
        return list(range(len(q.left)))
    if q.type == "ordering":
        return [o.id for o in q.options]
    return list(q.answer)


def test_a_whole_live_quiz(session: Session, people, course: Course) -> None:
    trainer = people["trainer"]
    qids = _questions(course)
    session_ = live.start_session(
        session, trainer=trainer, course=course, title="Module 1 check", question_ids=qids, time_limit=20
    )
    session.commit()
    ann = live.join(session, code=session_.code, user=people["ann"])
    again = live.join(session, code=session_.code, user=people["ann"])  # a reload rejoins, not a second seat
    guest = live.join(session, code=session_.code, nickname="Visitor")
    with pytest.raises(live.LiveError, match="cls_nickname_taken"):
        live.join(session, code=session_.code, nickname="Visitor")
    session.commit()
    assert again.id == ann.id
    assert live.snapshot(session, live_id=session_.id).participants == 2

    t0 = utcnow()
    live.open_next(session, trainer=trainer, live_id=session_.id, now=t0)
    session.commit()
    fast = live.submit(
        session,
        token=ann.token,
        question_index=0,
        response=_right(course, qids[0]),
        course=course,
        now=t0 + timedelta(seconds=2),
    )
    twice = live.submit(
        session, token=ann.token, question_index=0, response=[], course=course, now=t0 + timedelta(seconds=3)
    )
    assert twice.id == fast.id and fast.points == 500 + round(500 * 0.9)
    with pytest.raises(live.LiveError, match="cls_too_late"):
        live.submit(
            session,
            token=guest.token,
            question_index=0,
            response=_right(course, qids[0]),
            course=course,
            now=t0 + timedelta(seconds=21),
        )
    session.commit()
    snap = live.snapshot(session, live_id=session_.id, now=t0 + timedelta(seconds=5))
    assert (snap.phase, snap.answers, round(snap.seconds_left)) == ("question", 1, 15)

    live.reveal(session, trainer=trainer, live_id=session_.id, now=t0 + timedelta(seconds=6))
    session.commit()
    with pytest.raises(live.LiveError, match="cls_question_closed"):
        live.submit(session, token=guest.token, question_index=0, response=[], course=course)
    assert len(live.distribution(session, live_id=session_.id, question_index=0)) == 1

    # second question: paused time does not count against the trainees
    t1 = t0 + timedelta(minutes=1)
    live.open_next(session, trainer=trainer, live_id=session_.id, now=t1)
    live.pause(session, trainer=trainer, live_id=session_.id, now=t1 + timedelta(seconds=5))
    session.commit()
    with pytest.raises(live.LiveError, match="cls_paused"):
        live.submit(
            session, token=guest.token, question_index=1, response=[], course=course, now=t1 + timedelta(seconds=6)
        )
    live.resume(session, trainer=trainer, live_id=session_.id, now=t1 + timedelta(seconds=65))
    session.commit()
    live.submit(
        session,
        token=guest.token,
        question_index=1,
        response=_right(course, qids[1]),
        course=course,
        now=t1 + timedelta(seconds=70),
    )
    live.show_leaderboard(session, trainer=trainer, live_id=session_.id)
    session.commit()
    board = live.leaderboard(session, live_id=session_.id)
    assert [(s.nickname, s.guest, s.correct, s.score, s.rank) for s in board] == [
        ("Ann", False, 1, 1.0, 1),
        ("Visitor", True, 1, 1.0, 2),  # the same score: more speed points rank higher
    ]
    assert board[0].points > board[1].points

    live.skip(session, trainer=trainer, live_id=session_.id)  # third question skipped
    live.end(session, trainer=trainer, live_id=session_.id)
    session.commit()
    rows = live.results(session, trainer=trainer, live_id=session_.id, course=course, lang="en")
    assert [(r["trainee"], r["guest"], r["question_no"], r["correct"]) for r in rows] == [
        ("Ann", "no", 1, "yes"),
        ("Visitor", "yes", 2, "yes"),
    ]
    with pytest.raises(live.LiveError, match="cls_ended"):
        live.join(session, code=session_.code, nickname="Late")


def test_only_the_owner_controls_a_session(session: Session, people, course: Course) -> None:
    s = live.start_session(
        session, trainer=people["trainer"], course=course, title="x", question_ids=_questions(course)
    )
    session.commit()
    for intruder in (people["other_trainer"], people["ann"]):
        with pytest.raises(live.LiveError, match="cls_not_found"):
            live.open_next(session, trainer=intruder, live_id=s.id)
        with pytest.raises(live.LiveError, match="cls_not_found"):
            live.results(session, trainer=intruder, live_id=s.id, course=course, lang="zh")
    with pytest.raises(live.LiveError, match="err_not_allowed"):
        live.start_session(session, trainer=people["ann"], course=course, title="x", question_ids=_questions(course))
    live.open_next(session, trainer=people["admin"], live_id=s.id)  # administrators may step in


def test_speed_points() -> None:
    assert live.speed_points(1.0, 0, 20) == 1000
    assert live.speed_points(1.0, 20, 20) == 500
    assert live.speed_points(1.0, 30, 20) == 500
    assert live.speed_points(0.5, 1, 20) == 0


def test_guest_names_fold_and_never_take_a_learners(session: Session, people, course: Course) -> None:
    cohort = cohorts.create_cohort(session, trainer=people["trainer"], name="c")
    cohorts.join_cohort(session, user=people["ann"], code=cohort.join_code)
    quiz = live.start_session(
        session,
        trainer=people["trainer"],
        course=course,
        title="x",
        question_ids=_questions(course),
        cohort_id=cohort.id,
    )
    session.commit()
    for taken in ("Ann", " ａｎｎ ", "A\u200bnn", "Trainer"):  # a member's or the trainer's name, however typed
        with pytest.raises(live.LiveError, match="fw_name_reserved"):
            live.join(session, code=quiz.code, nickname=taken)
    bob = live.join(session, code=quiz.code, user=people["bob"])  # not a member: joins, but his name is now his
    session.commit()
    with pytest.raises(live.LiveError, match="fw_name_reserved"):
        live.join(session, code=quiz.code, nickname="BOB")
    guest = live.join(session, code=quiz.code, nickname="Sam  Lee")
    with pytest.raises(live.LiveError, match="cls_nickname_taken"):
        live.join(session, code=quiz.code, nickname="sam lee")
    session.commit()
    assert (guest.nickname, guest.guest, bob.guest) == ("Sam Lee", True, False)


def test_a_learner_is_never_renamed_by_a_guest_who_came_first(session: Session, people, course: Course) -> None:
    quiz = live.start_session(
        session, trainer=people["trainer"], course=course, title="x", question_ids=_questions(course)
    )
    session.commit()
    live.join(session, code=quiz.code, nickname="Ann")  # no cohort: a guest may use the name, marked as a guest
    ann = live.join(session, code=quiz.code, user=people["ann"])
    people["bob"].display_name = "Ann"
    twin = live.join(session, code=quiz.code, user=people["bob"])  # two learners called Ann: numbered
    session.commit()
    assert (ann.nickname, twin.nickname) == ("Ann", "Ann (2)")


def test_guests_racing_for_one_name_get_one_seat(db_url: str, people, course: Course) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from academy.core.db import session_scope

    with session_scope(db_url) as s:
        code = live.start_session(
            s, trainer=s.get(User, people["trainer"].id), course=course, title="x", question_ids=_questions(course)
        ).code

    def attempt(name: str) -> str:
        try:
            with session_scope(db_url) as s:
                live.join(s, code=code, nickname=name)
            return "in"
        except live.LiveError as err:
            return err.key

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(attempt, ["Kim"] * 4 + ["KIM"] * 4))
    assert sorted(outcomes) == ["cls_nickname_taken"] * 7 + ["in"]
