"""Quiz attempts, history, module completion and spaced review against the real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.content.loader import Course
from academy.content.schema import Question
from academy.core.models import utcnow
from academy.learning import progress, quiz, review


def right(question: Question, order: list) -> list:
    if question.type == "matching":
        return list(range(len(question.left)))
    if question.type == "ordering":
        return [o.id for o in question.options]
    return list(question.answer)


def wrong(question: Question, order: list) -> list:
    if question.type == "matching":
        return [None] * len(question.left)
    if question.type == "ordering":
        return [o.id for o in question.options][::-1]
    return [o for o in order if o not in question.answer][:1]


def user(session: Session, name: str = "quizzer") -> int:
    uid = users.register(session, username=name, display_name=name, password="password-123").id
    session.commit()
    return uid


def take(session: Session, course: Course, uid: int, module_id: str | None, n_right: int) -> quiz.QuizAttempt:
    attempt = quiz.start_attempt(session, user_id=uid, course=course, module_id=module_id, pass_mark=0.8, seed=7)
    for i, item in enumerate(attempt.layout):
        question = course.question(item["q"])
        response = right(question, item["order"]) if i < n_right else wrong(question, item["order"])
        quiz.submit_answer(
            session, user_id=uid, attempt_id=attempt.id, question_id=item["q"], response=response, course=course
        )
    done = quiz.finish_attempt(session, user_id=uid, attempt_id=attempt.id, course=course)
    session.commit()
    return done


def test_fail_then_pass_completes_the_module(session: Session, course: Course) -> None:
    uid = user(session)
    module = course.modules[0]
    for section in module.sections:
        progress.set_section_read(session, user_id=uid, module=module, section_id=section.id, read=True)
    failed = take(session, course, uid, module.id, n_right=5)
    assert failed.score == pytest.approx(0.5) and failed.passed is False
    assert quiz.passed_modules(session, user_id=uid) == {module.id: False}
    passed = take(session, course, uid, module.id, n_right=10)
    assert passed.passed is True and passed.score == 1.0
    [first, *_] = progress.module_progress(
        course,
        progress.sections_read(session, user_id=uid),
        quiz.passed_modules(session, user_id=uid),
        played={r.id for r in course.roleplays_for(module.id)},  # and its role-play played
    )
    assert first.complete
    assert [a.score for a in quiz.history(session, user_id=uid, module_id=module.id)] == [pytest.approx(0.5), 1.0]


def test_quiz_has_ten_shuffled_questions_and_resumes(session: Session, course: Course) -> None:
    uid = user(session)
    first = quiz.start_attempt(session, user_id=uid, course=course, module_id="m8-complex-sale", pass_mark=0.8)
    again = quiz.start_attempt(session, user_id=uid, course=course, module_id="m8-complex-sale", pass_mark=0.8)
    assert again.id == first.id and len(first.layout) == 10


def test_final_exam_draws_from_every_module(session: Session, course: Course) -> None:
    uid = user(session)
    attempt = quiz.start_attempt(session, user_id=uid, course=course, module_id=None, pass_mark=0.8, seed=1)
    modules = {course.module_of(item["q"]).id for item in attempt.layout}
    assert len(attempt.layout) == 30 and len(modules) == 10


def test_an_answer_sent_twice_counts_once(session: Session, course: Course) -> None:
    uid = user(session)
    attempt = quiz.start_attempt(session, user_id=uid, course=course, module_id=course.modules[0].id, pass_mark=0.8)
    item = attempt.layout[0]
    question = course.question(item["q"])
    first = quiz.submit_answer(
        session,
        user_id=uid,
        attempt_id=attempt.id,
        question_id=item["q"],
        response=right(question, item["order"]),
        course=course,
    )
    second = quiz.submit_answer(
        session,
        user_id=uid,
        attempt_id=attempt.id,
        question_id=item["q"],
        response=wrong(question, item["order"]),
        course=course,
    )
    assert second.id == first.id and second.score == 1.0
    assert len(quiz.answers(session, user_id=uid, attempt_id=attempt.id)) == 1


def test_attempts_are_private(session: Session, course: Course) -> None:
    me, other = user(session, "me-quiz"), user(session, "other-quiz")
    attempt = quiz.start_attempt(session, user_id=me, course=course, module_id=course.modules[0].id, pass_mark=0.8)
    with pytest.raises(quiz.QuizError, match="quiz_not_found"):
        quiz.answers(session, user_id=other, attempt_id=attempt.id)
    with pytest.raises(quiz.QuizError, match="quiz_not_found"):
        quiz.submit_answer(
            session,
            user_id=other,
            attempt_id=attempt.id,
            question_id=attempt.layout[0]["q"],
            response=[],
            course=course,
        )
    assert quiz.history(session, user_id=other) == []


def test_missed_questions_go_to_review_and_ratings_move_them(session: Session, course: Course) -> None:
    uid = user(session)
    take(session, course, uid, course.modules[1].id, n_right=7)
    take(session, course, uid, course.modules[2].id, n_right=8)
    missed = quiz.missed_questions(session, user_id=uid, course=course, module_id=course.modules[1].id)
    assert len(missed) == 3 and all(not m.last_correct for m in missed)
    assert {course.module_of(m.question_id).id for m in missed} == {course.modules[1].id}
    everywhere = quiz.missed_questions(session, user_id=uid, course=course)
    assert len(everywhere) == 5 and {m.question_id for m in missed} < {m.question_id for m in everywhere}
    due = review.due_cards(session, user_id=uid)
    assert {c.question_id for c in due} == {m.question_id for m in everywhere}
    due = [c for c in due if c.question_id in {m.question_id for m in missed}]

    now = utcnow()
    card = due[0]
    good = review.rate(session, user_id=uid, question_id=card.question_id, rating=3, now=now)
    session.commit()
    assert good.due > now and good.reviews == 1
    assert card.question_id not in {c.question_id for c in review.due_cards(session, user_id=uid, now=now)}
    # "Again" brings a card back sooner than "Easy" does
    again = review.rate(session, user_id=uid, question_id=due[1].question_id, rating=1, now=now)
    easy = review.rate(session, user_id=uid, question_id=due[2].question_id, rating=4, now=now)
    assert again.due < easy.due
    later = now + timedelta(days=400)
    assert len(review.due_cards(session, user_id=uid, now=later)) == 5  # both modules' misses


def test_an_unfinished_attempt_survives_a_question_bank_that_retired_some_of_its_questions(
    session: Session, course: Course
) -> None:
    """Rewriting the bank gives a changed question a new id: an attempt begun before must still open and finish."""
    uid = user(session)
    module_id = course.modules[0].id
    attempt = quiz.start_attempt(session, user_id=uid, course=course, module_id=module_id, pass_mark=0.8, seed=3)
    kept, other = attempt.layout[0], attempt.layout[1]
    quiz.submit_answer(
        session,
        user_id=uid,
        attempt_id=attempt.id,
        question_id=kept["q"],
        response=right(course.question(kept["q"]), kept["order"]),
        course=course,
    )
    changed = dict(other, order=[*other["order"], "z"])  # an option the question no longer has
    attempt.layout = [kept, {"q": "m1-retired-question", "order": ["a", "b"]}, changed, *attempt.layout[2:]]
    session.add(attempt)
    session.commit()

    resumed = quiz.open_attempt(session, user_id=uid, module_id=module_id, course=course)
    ids = [item["q"] for item in resumed.layout]
    assert "m1-retired-question" not in ids
    assert ids[0] == kept["q"] and len(ids) == len(set(ids))
    for item in resumed.layout:
        question = course.question(item["q"])
        options = [o.id for o in question.options] if question.type != "matching" else list(range(len(question.right)))
        assert sorted(item["order"], key=str) == sorted(options, key=str)
    done = quiz.finish_attempt(session, user_id=uid, attempt_id=resumed.id, course=course)
    assert done.score == pytest.approx(1 / len(resumed.layout))
