"""Joining a live quiz under abuse: a cap on guests, no guessing codes, names without invisible tricks, NULs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from sqlmodel import Session, func, select

from academy.accounts import users
from academy.classroom import cohorts, live
from academy.content.loader import Course
from academy.core.db import session_scope
from academy.core.models import LiveParticipant, Role, User
from academy.core.settings import get_settings


@pytest.fixture
def quiz(session: Session, course: Course):
    trainer = users.register(session, username="coach", display_name="Coach", password="password-123")
    trainer.role = Role.trainer
    session.add(trainer)
    session.flush()
    question = next(q for q in course.questions() if q.type == "single")
    started = live.start_session(session, trainer=trainer, course=course, title="Quiz", question_ids=[question.id])
    session.commit()
    return started


def joined(db_url: str, code: str, nickname: str, client: str = "local", barrier: Barrier | None = None) -> str:
    if barrier is not None:
        barrier.wait()
    try:
        with session_scope(db_url) as s:
            live.join(s, code=code, nickname=nickname, client=client)
    except live.LiveError as err:
        return err.key
    return "joined"


def test_a_session_takes_no_more_guests_than_the_cap_even_all_at_once(
    db_url: str, quiz, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVE_MAX_PARTICIPANTS", "5")
    get_settings.cache_clear()
    barrier = Barrier(12)
    with ThreadPoolExecutor(12) as pool:
        outcomes = list(pool.map(lambda n: joined(db_url, quiz.code, f"guest {n}", barrier=barrier), range(12)))
    assert outcomes.count("joined") == 5, outcomes
    assert outcomes.count("cls_full") == 7
    with session_scope(db_url) as s:
        assert s.exec(select(func.count()).select_from(LiveParticipant)).one() == 5


def test_guessing_codes_is_stopped_per_address_and_a_right_code_costs_nothing(
    db_url: str, quiz, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVE_JOIN_MAX_MISSES", "4")
    get_settings.cache_clear()
    wrong = f"{(int(quiz.code) + 1) % 1_000_000:06d}"
    for n in range(3):  # right codes do not use up the allowance: a whole classroom behind one address
        assert joined(db_url, quiz.code, f"honest {n}", client="198.51.100.1") == "joined"
    outcomes = [joined(db_url, wrong, "guesser", client="198.51.100.1") for _ in range(6)]
    assert outcomes == ["cls_bad_code"] * 4 + ["cls_too_many_codes"] * 2
    assert joined(db_url, quiz.code, "late", client="198.51.100.1") == "cls_too_many_codes"
    assert joined(db_url, quiz.code, "elsewhere", client="203.0.113.5") == "joined"  # other addresses are unaffected


@pytest.mark.parametrize("code", ["12\x003456", "abc", "1234567", "", "１２３４５６"])
def test_malformed_codes_are_a_wrong_code_not_an_error(db_url: str, quiz, code: str) -> None:
    assert joined(db_url, code, "someone") == "cls_bad_code"


def test_nicknames_lose_invisible_and_direction_characters(db_url: str, quiz) -> None:
    assert joined(db_url, quiz.code, "\u202eevil\u200b name\x00") == "joined"
    assert joined(db_url, quiz.code, "\u200b\u2066\u202e") == "cls_nickname_required"  # nothing visible left
    assert joined(db_url, quiz.code, "evil name") == "cls_nickname_taken"  # the same name as shown
    with session_scope(db_url) as s:
        assert s.exec(select(LiveParticipant.nickname)).all() == ["evil name"]


def test_cohort_names_and_quiz_titles_lose_them_too(session: Session, course: Course) -> None:
    trainer = users.register(session, username="trainer2", display_name="Tr", password="password-123")
    trainer.role = Role.trainer
    cohort = cohorts.create_cohort(session, trainer=trainer, name="East\u202e tsae")
    assert cohort.name == "East tsae"
    question = next(q for q in course.questions() if q.type == "single")
    started = live.start_session(
        session, trainer=trainer, course=course, title="\u2067Q1\u2069", question_ids=[question.id]
    )
    assert started.title == "Q1"
    with pytest.raises(cohorts.CohortError, match="cls_bad_code"):
        cohorts.join_cohort(session, user=trainer, code="AB\x00CDE")


def test_a_logged_in_learner_rejoins_even_when_the_session_is_full(
    db_url: str, session: Session, quiz, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVE_MAX_PARTICIPANTS", "1")
    get_settings.cache_clear()
    ann = users.register(session, username="ann", display_name="Ann", password="password-123")
    session.commit()
    with session_scope(db_url) as s:
        first = live.join(s, code=quiz.code, user=s.get(User, ann.id)).id
    assert joined(db_url, quiz.code, "guest") == "cls_full"
    with session_scope(db_url) as s:
        assert live.join(s, code=quiz.code, user=s.get(User, ann.id)).id == first
