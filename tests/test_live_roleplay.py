"""A role-play played live by a class, through the functions the projector and the phones call."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.classroom import cohorts, live
from academy.classroom import live_roleplay as lrp
from academy.content.loader import Course
from academy.content.roleplay import best_choice
from academy.content.roleplay_play import best_path, walk
from academy.core.db import session_scope
from academy.core.models import LiveSession, Role, User, utcnow
from tests.roleplay_paths import path_to

OWL = "first-visit-owl"


def person(session: Session, name: str, role: Role = Role.learner) -> User:
    user = users.register(session, username=name, display_name=name.title(), password="password-123")
    user.role = role
    session.add(user)
    session.commit()
    return user


@pytest.fixture
def trainer(session: Session) -> User:
    person(session, "admin", Role.admin)  # the first account is the administrator
    return person(session, "coach", Role.trainer)


def phones(session: Session, code: str, n: int) -> list[str]:
    tokens = [live.join(session, code=code, nickname=f"phone {i}").token for i in range(n)]
    session.commit()
    return tokens


def test_majority_needs_a_clear_winner() -> None:
    assert lrp.majority({"a": 2, "b": 1}) == "a"
    assert lrp.majority({"a": 2, "b": 2, "c": 1}) is None  # a tie: the trainer picks
    assert lrp.majority({}) is None and lrp.majority({"a": 0}) is None
    assert lrp.majority({"a": 1}) == "a"


def test_a_class_plays_a_scenario_to_its_ending(session: Session, course: Course, trainer: User) -> None:
    rp = course.roleplays[OWL]
    best = best_path(rp)
    started = lrp.start(session, trainer=trainer, course=course, roleplay_id=OWL, title="Owl, live")
    session.commit()
    assert (started.kind, started.roleplay_id, started.phase) == ("roleplay", OWL, "lobby")
    assert lrp.is_roleplay(session, live_id=started.id)
    a, b, c = phones(session, started.code, 3)
    lrp.open_first(session, trainer=trainer, live_id=started.id, course=course)
    for step, right in enumerate(best):
        node = rp.nodes[walk(rp, best[:step]).current]
        wrong = next(ch.id for ch in node.choices if ch.id != right)
        for token, choice_id in ((a, right), (b, right), (c, wrong)):
            lrp.vote(session, token=token, step=step, choice_id=choice_id, course=course)
        session.commit()
        assert lrp.votes_at(session, live_id=started.id, step=step) == {right: 2, wrong: 1}
        lrp.close_vote(session, trainer=trainer, live_id=started.id, course=course, step=step)
        with pytest.raises(live.LiveError, match="cls_question_closed"):  # too late: the split is on screen
            lrp.vote(session, token=live.join(session, code=started.code, nickname=f"late {step}").token, step=step,
                     choice_id=right, course=course)  # fmt: skip
        lrp.play(session, trainer=trainer, live_id=started.id, course=course, step=step)  # the majority
        lrp.next_turn(session, trainer=trainer, live_id=started.id, course=course, step=step)
        session.commit()
    ended = session.get(LiveSession, started.id)
    session.refresh(ended)
    assert ended.phase == "ended" and ended.question_ids == best and ended.ended_at is not None
    turns = lrp.turns(session, live_id=started.id, course=course)
    assert [t.played.id for t in turns] == best and all(t.best.id == t.played.id for t in turns)
    assert not any(t.trainer_pick for t in turns)


def test_a_tie_waits_for_the_trainer_who_may_also_override(session: Session, course: Course, trainer: User) -> None:
    rp = course.roleplays[OWL]
    first = rp.nodes[rp.start].choices
    started = lrp.start(session, trainer=trainer, course=course, roleplay_id=OWL)
    a, b = phones(session, started.code, 2)
    lrp.open_first(session, trainer=trainer, live_id=started.id, course=course)
    lrp.vote(session, token=a, step=0, choice_id=first[0].id, course=course)
    lrp.vote(session, token=b, step=0, choice_id=first[1].id, course=course)
    lrp.close_vote(session, trainer=trainer, live_id=started.id, course=course, step=0)
    session.commit()
    with pytest.raises(live.LiveError, match="lrp_tie"):
        lrp.play(session, trainer=trainer, live_id=started.id, course=course, step=0)
    with pytest.raises(live.LiveError, match="rp_not_a_choice"):
        lrp.play(session, trainer=trainer, live_id=started.id, course=course, step=0, choice_id="shout")
    lrp.play(session, trainer=trainer, live_id=started.id, course=course, step=0, choice_id=first[2].id)
    session.commit()
    [turn] = lrp.turns(session, live_id=started.id, course=course)
    assert turn.played.id == first[2].id and turn.trainer_pick and turn.votes == {first[0].id: 1, first[1].id: 1}
    assert sorted(turn.letter(c.id) for c in turn.order) == ["A", "B", "C"]


def test_repeated_clicks_change_nothing_and_out_of_turn_clicks_are_refused(
    session: Session, course: Course, trainer: User
) -> None:
    rp = course.roleplays[OWL]
    best = best_path(rp)
    started = lrp.start(session, trainer=trainer, course=course, roleplay_id=OWL)
    (a,) = phones(session, started.code, 1)
    for _ in range(2):
        lrp.open_first(session, trainer=trainer, live_id=started.id, course=course)
    first = lrp.vote(session, token=a, step=0, choice_id=best[0], course=course)
    again = lrp.vote(session, token=a, step=0, choice_id=rp.nodes[rp.start].choices[-1].id, course=course)
    assert again.id == first.id and again.response == [best[0]]  # a vote counts once
    with pytest.raises(live.LiveError, match="lrp_moved_on"):  # not voting on turn 2 yet
        lrp.close_vote(session, trainer=trainer, live_id=started.id, course=course, step=1)
    for _ in range(2):
        lrp.close_vote(session, trainer=trainer, live_id=started.id, course=course, step=0)
    for _ in range(2):
        lrp.play(session, trainer=trainer, live_id=started.id, course=course, step=0)
    with pytest.raises(live.LiveError, match="lrp_moved_on"):  # turn 1 was played: no other line now
        lrp.play(session, trainer=trainer, live_id=started.id, course=course, step=0, choice_id="warm-up-chat")
    for _ in range(2):
        lrp.next_turn(session, trainer=trainer, live_id=started.id, course=course, step=0)
    session.commit()
    row = session.get(LiveSession, started.id)
    session.refresh(row)
    assert (row.phase, row.current, row.question_ids) == ("question", 1, best[:1])


def test_phones_are_refused_bad_votes(session: Session, course: Course, trainer: User) -> None:
    rp = course.roleplays[OWL]
    started = lrp.start(session, trainer=trainer, course=course, roleplay_id=OWL, time_limit=10)
    (a, b) = phones(session, started.code, 2)
    right = rp.nodes[rp.start].choices[0].id
    with pytest.raises(live.LiveError, match="cls_question_closed"):  # still in the lobby
        lrp.vote(session, token=a, step=0, choice_id=right, course=course)
    lrp.open_first(session, trainer=trainer, live_id=started.id, course=course)
    with pytest.raises(live.LiveError, match="rp_not_a_choice"):
        lrp.vote(session, token=a, step=0, choice_id="shout", course=course)
    with pytest.raises(live.LiveError, match="cls_question_closed"):
        lrp.vote(session, token=a, step=1, choice_id=right, course=course)
    with pytest.raises(live.LiveError, match="cls_not_joined"):
        lrp.vote(session, token="forged", step=0, choice_id=right, course=course)
    with pytest.raises(live.LiveError, match="cls_too_late"):
        lrp.vote(session, token=b, step=0, choice_id=right, course=course, now=utcnow() + timedelta(seconds=11))
    assert lrp.votes_at(session, live_id=started.id, step=0) == {}


def test_only_staff_start_and_only_the_owner_runs_it(session: Session, course: Course, trainer: User) -> None:
    learner = person(session, "learner")
    other = person(session, "other-coach", Role.trainer)
    with pytest.raises(live.LiveError, match="err_not_allowed"):
        lrp.start(session, trainer=learner, course=course, roleplay_id=OWL)
    with pytest.raises(live.LiveError, match="rp_unknown"):
        lrp.start(session, trainer=trainer, course=course, roleplay_id="nope")
    with pytest.raises(live.LiveError, match="cls_bad_time_limit"):
        lrp.start(session, trainer=trainer, course=course, roleplay_id=OWL, time_limit=601)
    cohort = cohorts.create_cohort(session, trainer=other, name="theirs")
    with pytest.raises(cohorts.CohortError):
        lrp.start(session, trainer=trainer, course=course, roleplay_id=OWL, cohort_id=cohort.id)
    started = lrp.start(session, trainer=trainer, course=course, roleplay_id=OWL, title="x" * 500)
    assert len(started.title) == 120
    session.commit()
    for outsider in (other, learner):
        with pytest.raises(live.LiveError, match="cls_not_found"):
            lrp.open_first(session, trainer=outsider, live_id=started.id, course=course)
        with pytest.raises(live.LiveError, match="cls_not_found"):
            lrp.results(session, trainer=outsider, live_id=started.id, course=course, lang="en")
    quiz = live.start_session(
        session, trainer=trainer, course=course, title="q", question_ids=[course.questions()[0].id]
    )
    assert not lrp.is_roleplay(session, live_id=quiz.id) and quiz.kind == "quiz"
    with pytest.raises(live.LiveError, match="rp_unknown"):  # a quiz is not driven as a role-play
        lrp.open_first(session, trainer=trainer, live_id=quiz.id, course=course)


def test_results_export_with_translated_headers(session: Session, course: Course, trainer: User) -> None:
    rp = course.roleplays[OWL]
    path = path_to(rp, "bad")
    started = lrp.start(session, trainer=trainer, course=course, roleplay_id=OWL)
    a, b = phones(session, started.code, 2)
    lrp.open_first(session, trainer=trainer, live_id=started.id, course=course)
    for step, choice_id in enumerate(path):
        lrp.vote(session, token=a, step=step, choice_id=choice_id, course=course)
        lrp.close_vote(session, trainer=trainer, live_id=started.id, course=course, step=step)
        lrp.play(session, trainer=trainer, live_id=started.id, course=course, step=step)
        lrp.next_turn(session, trainer=trainer, live_id=started.id, course=course, step=step)
    session.commit()
    frames = lrp.results(session, trainer=trainer, live_id=started.id, course=course, lang="en")
    votes, turns = frames["votes"], frames["turns"]
    assert list(votes.columns) == [
        "Trainee",
        "Turn",
        "Vote",
        "Line voted for",
        "Same as played",
        "Best line",
        "Voted at",
    ]
    assert len(votes) == len(path) and set(votes["Trainee"]) == {"phone 0"}
    assert votes["Same as played"].all()
    nodes = walk(rp, path).nodes
    assert list(votes["Best line"]) == [best_choice(rp, n).id == c for n, c in zip(nodes, path, strict=False)]
    assert not votes["Best line"].all()  # a path to a bad ending leaves the best path somewhere
    assert list(turns["Turn"]) == list(range(1, len(path) + 1))
    assert set(turns["Decided by"]) == {"Majority"}
    zh = lrp.results(session, trainer=trainer, live_id=started.id, course=course, lang="zh")
    assert list(zh["votes"].columns)[:3] == ["学员", "轮次", "投票"]
    assert b  # the second phone never voted: no row for it


def test_votes_sent_at_once_with_the_close_count_only_if_they_came_first(db_url: str, course: Course) -> None:
    """Twenty phones vote while the trainer closes the vote: whatever the split shows is what was stored."""
    rp = course.roleplays[OWL]
    right = rp.nodes[rp.start].choices[0].id
    with session_scope(db_url) as s:
        person(s, "admin", Role.admin)
        coach = person(s, "coach", Role.trainer)
        started = lrp.start(s, trainer=coach, course=course, roleplay_id=OWL)
        live_id, code = started.id, started.code
    with session_scope(db_url) as s:
        tokens = phones(s, code, 20)
        lrp.open_first(s, trainer=coach, live_id=live_id, course=course)
    barrier = threading.Barrier(21)

    def phone(token: str) -> str:
        barrier.wait()
        try:
            with session_scope(db_url) as s:
                lrp.vote(s, token=token, step=0, choice_id=right, course=course)
            return "stored"
        except live.LiveError as err:
            return err.key

    def close() -> str:
        barrier.wait()
        with session_scope(db_url) as s:
            lrp.close_vote(s, trainer=coach, live_id=live_id, course=course, step=0)
            return f"closed with {sum(lrp.votes_at(s, live_id=live_id, step=0).values())}"

    with ThreadPoolExecutor(21) as pool:
        votes = [pool.submit(phone, t) for t in tokens]
        closing = pool.submit(close)
        outcomes = [v.result() for v in votes]
        closed = closing.result()
    with session_scope(db_url) as s:
        stored = sum(lrp.votes_at(s, live_id=live_id, step=0).values())
    assert set(outcomes) <= {"stored", "cls_question_closed"}
    assert outcomes.count("stored") == stored
    assert closed == f"closed with {stored}"  # nothing slipped in after the close


def test_two_trainer_tabs_play_a_turn_once(db_url: str, course: Course) -> None:
    rp = course.roleplays[OWL]
    choices = [c.id for c in rp.nodes[rp.start].choices]
    with session_scope(db_url) as s:
        person(s, "admin", Role.admin)
        coach = person(s, "coach", Role.trainer)
        live_id = lrp.start(s, trainer=coach, course=course, roleplay_id=OWL).id
    with session_scope(db_url) as s:
        lrp.open_first(s, trainer=coach, live_id=live_id, course=course)
        lrp.close_vote(s, trainer=coach, live_id=live_id, course=course, step=0)
    barrier = threading.Barrier(len(choices))

    def pick(choice_id: str) -> str:
        barrier.wait()
        try:
            with session_scope(db_url) as s:
                lrp.play(s, trainer=coach, live_id=live_id, course=course, step=0, choice_id=choice_id)
            return choice_id
        except live.LiveError as err:
            return err.key

    with ThreadPoolExecutor(len(choices)) as pool:
        outcomes = list(pool.map(pick, choices))
    with session_scope(db_url) as s:
        path = s.get(LiveSession, live_id).question_ids
    assert len(path) == 1
    assert sorted(outcomes) == sorted([path[0]] + ["lrp_moved_on"] * (len(choices) - 1))
