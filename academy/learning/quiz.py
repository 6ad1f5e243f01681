"""Quiz attempts, answers and results; missed questions go to spaced review (academy.learning.review)."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from academy.content.loader import Course
from academy.content.schema import Question
from academy.core import events
from academy.core.models import QuizAnswer, QuizAttempt, utcnow
from academy.learning import progress, question_sets, question_source
from academy.learning.review import schedule_missed
from academy.learning.scoring import draw_questions, is_correct, layout_for, quiz_score, score_response

MODULE_QUIZ_SIZE = 10
FINAL_EXAM_PER_MODULE = 3
PRACTICE_QUIZ_SIZE = 30  # a trainer's question set: every question, up to this many
FINAL = "final"  # the quiz id of the final exam in learning records (its attempts have no module)


class QuizError(Exception):
    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


def course_layout(course: Course, module_id: str | None, rng: random.Random) -> list[dict[str, Any]]:
    """The draw and shuffle of a module quiz (or, with None, the final exam) from the course bank."""
    if module_id is not None:
        questions = draw_questions(course.questions(module_id), MODULE_QUIZ_SIZE, rng)
    else:
        questions = [
            q for m in course.modules for q in draw_questions(course.questions(m.id), FINAL_EXAM_PER_MODULE, rng)
        ]
        rng.shuffle(questions)
    return [layout_for(q, rng) for q in questions]


def _layout(session: Session, course: Course, module_id: str | None, rng: random.Random) -> list[dict[str, Any]]:
    if question_sets.set_of_quiz(module_id) is None:
        return course_layout(course, module_id, rng)
    pool = question_source.quiz_pool(session, course=course, quiz=module_id)
    return [layout_for(q, rng) for q in draw_questions(pool, PRACTICE_QUIZ_SIZE, rng)]


def _options(question: Question) -> list[Any]:
    return list(range(len(question.right))) if question.type == "matching" else [o.id for o in question.options]


def current_layout(
    session: Session, course: Course, layout: list[dict[str, Any]], rng: random.Random
) -> list[dict[str, Any]]:
    """An attempt's layout against today's questions: those retired since it began are dropped, and a
    question whose options changed is shuffled afresh (ids are stable, but a rewrite may add an option).
    A trainer's set is looked up like the bank (question_source): its questions are not retired ones."""
    fresh = []
    for item in layout:
        try:
            question = question_source.question(session, course=course, question_id=item["q"])
        except KeyError:
            continue
        same = sorted(item["order"], key=str) == sorted(_options(question), key=str)
        fresh.append(item if same else layout_for(question, rng))
    return fresh


def open_attempt(session: Session, *, user_id: int, module_id: str | None, course: Course) -> QuizAttempt | None:
    """The unfinished attempt at this quiz, brought up to date with the bank (see current_layout)."""
    query = select(QuizAttempt).where(
        QuizAttempt.user_id == user_id, QuizAttempt.module_id == module_id, QuizAttempt.finished_at.is_(None)
    )
    attempt = session.exec(query.order_by(QuizAttempt.id.desc())).first()
    if attempt is not None:
        layout = current_layout(session, course, attempt.layout, random.Random(attempt.id))
        if layout != attempt.layout:
            attempt.layout = layout
            session.add(attempt)
            session.flush()
    return attempt


def start_attempt(
    session: Session, *, user_id: int, course: Course, module_id: str | None, pass_mark: float, seed: int | None = None
) -> QuizAttempt:
    """Resume the unfinished attempt at this quiz, or start a new one with freshly shuffled questions.

    `module_id` is a module's id, None for the final exam, or a question set's practice quiz ("set-<id>",
    whose access academy.classroom.practice checks first).
    """
    if module_id is not None and not question_source.quiz_pool(session, course=course, quiz=module_id):
        raise QuizError("quiz_no_questions")
    current = open_attempt(session, user_id=user_id, module_id=module_id, course=course)
    if current is not None and current.layout:
        return current
    rng = random.Random(seed if seed is not None else secrets.randbits(64))
    attempt = QuizAttempt(
        user_id=user_id, module_id=module_id, layout=_layout(session, course, module_id, rng), pass_mark=pass_mark
    )
    session.add(attempt)
    session.flush()
    events.record(session, kind="quiz_attempted", user_id=user_id, data=_quiz_data(session, attempt))
    if module_id is not None and question_sets.set_of_quiz(module_id) is None:
        progress.record_module_started(session, user_id=user_id, module_id=module_id)
    return attempt


def _quiz_data(session: Session, attempt: QuizAttempt) -> dict[str, Any]:
    """What a learning record says about an attempt: which quiz (a set's by name too) and which sitting."""
    data: dict[str, Any] = {"quiz": attempt.module_id or FINAL, "attempt": attempt.id}
    set_id = question_sets.set_of_quiz(attempt.module_id)
    if set_id is not None:
        data["title"] = question_sets.name_of(session, set_id=set_id) or attempt.module_id
    return data


def _own_attempt(session: Session, user_id: int, attempt_id: int) -> QuizAttempt:
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.user_id != user_id:
        raise QuizError("quiz_not_found")
    return attempt


def answers(session: Session, *, user_id: int, attempt_id: int) -> dict[str, QuizAnswer]:
    _own_attempt(session, user_id, attempt_id)
    rows = session.exec(select(QuizAnswer).where(QuizAnswer.attempt_id == attempt_id))
    return {a.question_id: a for a in rows}


def submit_answer(
    session: Session, *, user_id: int, attempt_id: int, question_id: str, response: list[Any], course: Course
) -> QuizAnswer:
    """Record an answer once: sending the same question again returns the first answer unchanged."""
    attempt = _own_attempt(session, user_id, attempt_id)
    if attempt.finished_at is not None:
        raise QuizError("quiz_finished")
    if question_id not in {item["q"] for item in attempt.layout}:
        raise QuizError("quiz_not_found")
    existing = session.exec(
        select(QuizAnswer).where(QuizAnswer.attempt_id == attempt_id, QuizAnswer.question_id == question_id)
    ).first()
    if existing is not None:
        return existing
    question = question_source.question(session, course=course, question_id=question_id)
    score = score_response(question, response)
    answer = QuizAnswer(
        attempt_id=attempt_id, user_id=user_id, question_id=question_id, response=list(response), score=score
    )
    session.add(answer)
    if not is_correct(score) and question_source.in_course(course, question_id):
        schedule_missed(session, user_id=user_id, question_id=question_id)  # review covers the course's questions
    session.flush()
    return answer


def finish_attempt(session: Session, *, user_id: int, attempt_id: int, course: Course) -> QuizAttempt:
    """Score the attempt once; passing a module's quiz with every section read completes the module."""
    attempt = _own_attempt(session, user_id, attempt_id)
    if attempt.finished_at is None:
        given = answers(session, user_id=user_id, attempt_id=attempt_id)
        asked = {item["q"] for item in attempt.layout}  # an answer to a question retired since does not count
        attempt.score = quiz_score([a.score for q, a in given.items() if q in asked], len(attempt.layout))
        attempt.passed = attempt.score >= attempt.pass_mark - 1e-9
        attempt.finished_at = utcnow()
        session.add(attempt)
        session.flush()
        started = attempt.started_at if attempt.started_at.tzinfo else attempt.started_at.replace(tzinfo=UTC)
        seconds = max(0.0, (attempt.finished_at - started).total_seconds())
        data = {**_quiz_data(session, attempt), "score": attempt.score, "passed": attempt.passed, "seconds": seconds}
        events.record(session, kind="quiz_finished", user_id=user_id, data=data)
        module = next((m for m in course.modules if m.id == attempt.module_id), None)
        if module is not None and attempt.passed:
            progress.record_if_complete(
                session,
                user_id=user_id,
                module=module,
                has_quiz=True,
                roleplays=[r.id for r in course.roleplays_for(module.id)],
            )
    return attempt


def history(session: Session, *, user_id: int, module_id: str | None = None, final: bool = False) -> list[QuizAttempt]:
    """Finished attempts, oldest first: of one module, of the final exam (final=True) or of everything."""
    query = select(QuizAttempt).where(QuizAttempt.user_id == user_id, QuizAttempt.finished_at.is_not(None))
    if final:
        query = query.where(QuizAttempt.module_id.is_(None))
    elif module_id is not None:
        query = query.where(QuizAttempt.module_id == module_id)
    return list(session.exec(query.order_by(QuizAttempt.finished_at)))


def passed_modules(session: Session, *, user_id: int) -> dict[str, bool]:
    """module id -> whether any finished attempt at its quiz passed (modules never attempted are absent).

    Grouped in SQL: every page shows progress, and a learner with a thousand attempts would
    otherwise load every attempt's layout on each run.
    """
    any_passed = func.max(case((col(QuizAttempt.passed), 1), else_=0))
    rows = session.exec(
        select(QuizAttempt.module_id, any_passed)
        .where(
            QuizAttempt.user_id == user_id,
            col(QuizAttempt.finished_at).is_not(None),
            col(QuizAttempt.module_id).is_not(None),
        )
        .group_by(QuizAttempt.module_id)
    )
    return {module_id: bool(passed) for module_id, passed in rows}


@dataclass(frozen=True)
class Missed:
    question_id: str
    times_missed: int
    times_answered: int
    last_correct: bool


def missed_questions(session: Session, *, user_id: int, course: Course, module_id: str | None = None) -> list[Missed]:
    """Questions the learner has got wrong at least once, worst first (still wrong last time, then most misses)."""
    wanted = {q.id for q in course.questions(module_id)}
    # two columns, not whole rows: the responses (JSON) of thousands of answers are not needed here
    query = select(QuizAnswer.question_id, QuizAnswer.score).where(QuizAnswer.user_id == user_id)
    if module_id is not None:  # one module's questions: let the database leave out the other modules' answers
        query = query.where(col(QuizAnswer.question_id).in_(sorted(wanted)))
    rows = session.exec(query.order_by(QuizAnswer.answered_at, QuizAnswer.id))
    stats: dict[str, list[bool]] = {}
    for question_id, score in rows:
        if question_id in wanted:
            stats.setdefault(question_id, []).append(is_correct(score))
    missed = [
        Missed(qid, results.count(False), len(results), results[-1])
        for qid, results in stats.items()
        if False in results
    ]
    return sorted(missed, key=lambda m: (m.last_correct, -m.times_missed, m.question_id))
