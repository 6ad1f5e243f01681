"""Synthetic data at a scale factor: one learner's long history and a trainer's cohort, written as the services would.

1x is one month of daily checklist logs and ten quiz attempts for the learner, and a cohort of
five trainees with thirty attempts each; 10x and 100x multiply that, up to three years of logs
(1,095 days, about 33,000 entries) and a cohort of 500 trainees. Accounts, the cohort and the live
session go through the services; the bulk rows (attempts, answers, review cards, section reads,
trainees) are inserted in one transaction as the services would write them, because calling argon2
and the ORM 150,000 times would make the benchmark about seeding rather than about the pages.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from fsrs import Card
from sqlalchemy import func, insert
from sqlmodel import Session, select

from academy.accounts import users
from academy.checklist.demo import generate_log
from academy.classroom import cohorts, live
from academy.content.loader import Course
from academy.content.schema import Question
from academy.core.db import session_scope
from academy.core.migrations import upgrade
from academy.core.models import (
    ChecklistEntry,
    CohortMember,
    LiveAnswer,
    QuizAnswer,
    QuizAttempt,
    ReviewCard,
    Role,
    SectionRead,
    SelfAssessment,
    User,
    utcnow,
)
from academy.learning import self_assessment
from academy.learning.quiz import course_layout as quiz_layout  # the exact question draw and shuffle a learner gets
from academy.learning.scoring import is_correct, quiz_score, score_response

PASSWORD = "password-123"
MAX_DAYS = 1095  # three years
MAX_TRAINEES = 500
LIVE_MAX = 300  # trainees who join the live session shown on the host page
SHARE_EVERY = 5  # every fifth trainee shares a four-week checklist log with the trainer
SHARED_DAYS = 28


@dataclass(frozen=True)
class Plan:
    """What one scale factor means, in rows a user would have made."""

    scale: int
    days: int  # of the learner's daily checklist log
    learner_attempts: int
    trainees: int
    attempts_per_trainee: int = 30

    @classmethod
    def at(cls, scale: int) -> Plan:
        return cls(
            scale=scale,
            days=min(30 * scale, MAX_DAYS),
            learner_attempts=10 * scale,
            trainees=min(5 * scale, MAX_TRAINEES),
        )


@dataclass
class Seeded:
    plan: Plan
    admin_id: int
    learner_id: int
    trainer_id: int
    cohort_id: int
    live_id: int
    counts: dict[str, int] = field(default_factory=dict)  # rows per table, as counted in the database

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- pure: realistic answers ------------------------------------------------------------------


def response_for(question: Question, item: dict[str, Any], right: bool, rng: random.Random) -> list[Any]:
    """What a learner sends for one laid-out question: the right answer, or a plausible wrong one."""
    if question.type == "matching":
        pairs = list(range(len(question.left)))
        if right:
            return pairs
        i, j = rng.sample(pairs, 2)  # two pairs swapped: partial credit, as real slips earn
        pairs[i], pairs[j] = pairs[j], pairs[i]
        return pairs
    if question.type == "ordering":
        order = [o.id for o in question.options]
        if right:
            return order
        i = rng.randrange(len(order) - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
        return order
    ids = [o.id for o in question.options]
    if question.type == "multiple":
        if right:
            return [i for i in item["order"] if i in question.answer]
        chosen = [i for i in ids if rng.random() < 0.5] or [rng.choice(ids)]
        return chosen if set(chosen) != set(question.answer) else [i for i in ids if i not in chosen] or ids
    if right:
        return list(question.answer)
    return [rng.choice([i for i in ids if i not in question.answer])]


@dataclass
class AttemptRows:
    attempts: list[dict[str, Any]] = field(default_factory=list)
    answers: list[list[dict[str, Any]]] = field(default_factory=list)  # per attempt, without attempt_id
    missed: dict[str, datetime] = field(default_factory=dict)  # question id -> first miss (its review card)


def attempt_rows(
    course: Course,
    *,
    user_id: int,
    n: int,
    rng: random.Random,
    first: datetime,
    last: datetime,
    skill: tuple[float, float],
    difficulty: dict[str, float],
    pass_mark: float,
) -> AttemptRows:
    """`n` finished attempts spread over [first, last]; the chance of a right answer grows from skill[0] to skill[1]."""
    modules = [m.id for m in course.modules if course.questions(m.id)]
    span = (last - first).total_seconds()
    starts = sorted(first + timedelta(seconds=rng.uniform(0, span)) for _ in range(n))
    out = AttemptRows()
    for k, started in enumerate(starts):
        module_id = None if rng.random() < 0.1 else rng.choice(modules)  # one in ten is the final exam
        layout = quiz_layout(course, module_id, rng)
        progress = k / max(n - 1, 1)
        base = skill[0] + (skill[1] - skill[0]) * progress
        answers, at = [], started
        for item in layout:
            question = course.question(item["q"])
            at += timedelta(seconds=rng.uniform(15, 90))
            p = min(0.98, max(0.05, base - difficulty[question.id]))
            response = response_for(question, item, rng.random() < p, rng)
            score = score_response(question, response)
            if not is_correct(score):
                out.missed.setdefault(question.id, at)
            answers.append(
                {
                    "user_id": user_id,
                    "question_id": question.id,
                    "response": response,
                    "score": score,
                    "answered_at": at,
                }
            )
        score = quiz_score([a["score"] for a in answers], len(layout))
        out.attempts.append(
            {
                "user_id": user_id,
                "module_id": module_id,
                "layout": layout,
                "pass_mark": pass_mark,
                "started_at": started,
                "finished_at": at + timedelta(seconds=5),
                "score": score,
                "passed": score >= pass_mark - 1e-9,
            }
        )
        out.answers.append(answers)
    return out


# --- writing ----------------------------------------------------------------------------------


def _insert_attempts(session: Session, rows: AttemptRows) -> None:
    """Attempts, then their answers (with the new attempt ids), then review cards for missed questions."""
    if not rows.attempts:
        return
    ids = session.scalars(
        insert(QuizAttempt).returning(QuizAttempt.id, sort_by_parameter_order=True), rows.attempts
    ).all()
    answers = [{**a, "attempt_id": aid} for aid, group in zip(ids, rows.answers, strict=True) for a in group]
    session.execute(insert(QuizAnswer), answers)
    user_id = rows.attempts[0]["user_id"]
    cards = [
        {
            "user_id": user_id,
            "question_id": qid,
            # what review.schedule_missed stores: a fresh FSRS card due at the miss (explicit id: no 1 ms sleep)
            "card": Card(card_id=int(when.timestamp() * 1000) + n, due=when).to_dict(),
            "due": when,
            "reviews": 0,
        }
        for n, (qid, when) in enumerate(rows.missed.items())
    ]
    if cards:
        session.execute(insert(ReviewCard), cards)


def _section_reads(course: Course, user_id: int, share: float, when: datetime, rng: random.Random) -> list[dict]:
    return [
        {"user_id": user_id, "module_id": m.id, "section_id": s.id, "read_at": when}
        for m in course.modules
        for s in m.sections
        if rng.random() < share
    ]


def _self_assessments(session: Session, course: Course, user_id: int, rng: random.Random) -> None:
    """A few questionnaires over time through the service (a handful, whatever the scale)."""
    for kind, subject in (("seller-profile", ""), ("character", ""), ("client-personality", "Client A")):
        survey = course.questionnaires[kind]
        for _ in range(3):
            answers = {item.id: rng.randint(1, survey.scale) for item in survey.items}
            self_assessment.save(session, user_id=user_id, questionnaire=survey, answers=answers, subject=subject)


def _trainees(session: Session, n: int, password_hash: str, when: datetime) -> list[int]:
    rows = [
        {
            "username": f"trainee{i:03d}",
            "display_name": f"Trainee {i:03d}",
            "password_hash": password_hash,  # same password for all: one argon2 hash, not 500
            "role": Role.learner.value,
            "language": "zh",
            "created_at": when,
            "share_checklist": i % SHARE_EVERY == 0,
            "checklist_target": 0.7,
        }
        for i in range(n)
    ]
    return list(session.scalars(insert(User).returning(User.id, sort_by_parameter_order=True), rows).all())


def _live_session(session: Session, course: Course, trainer: User, cohort_id: int, rng: random.Random) -> int:
    """A live quiz in its reveal phase: up to 300 cohort trainees joined and answered the first question."""
    questions = [q for q in course.questions() if q.type == "single"][:3]
    session_row = live.start_session(
        session,
        trainer=trainer,
        course=course,
        title="Bench live quiz",
        question_ids=[q.id for q in questions],
        cohort_id=cohort_id,
    )
    members = session.exec(
        select(User).join(CohortMember, CohortMember.user_id == User.id).where(CohortMember.cohort_id == cohort_id)
    ).all()
    people = [live.join(session, code=session_row.code, user=u) for u in members[:LIVE_MAX]]
    live.open_next(session, trainer=trainer, live_id=session_row.id)
    question = questions[0]
    for who in people:
        response = [rng.choice([o.id for o in question.options])]
        live.submit(session, token=who.token, question_index=0, response=response, course=course)
    live.reveal(session, trainer=trainer, live_id=session_row.id)
    return session_row.id


def _count(session: Session, model: type, user_ids: list[int]) -> int:
    return session.exec(select(func.count()).select_from(model).where(model.user_id.in_(user_ids))).one()


def seed(url: str, *, course: Course, scale: int, seed: int = 8, pass_mark: float = 0.8) -> Seeded:
    """Migrate an empty database at `url` and fill it for `scale`; returns the ids and the row counts."""
    plan = Plan.at(scale)
    rng = random.Random(seed)
    upgrade(url)
    now = utcnow().replace(microsecond=0)
    first = now - timedelta(days=plan.days)
    difficulty = {q.id: rng.uniform(-0.1, 0.3) for q in course.questions()}
    item_ids = [item for _, item in course.checklist_items()]
    with session_scope(url) as s:
        admin = users.register(s, username="bench-admin", display_name="Admin", password=PASSWORD)
        learner = users.register(s, username="bench-learner", display_name="学员", password=PASSWORD)
        trainer = users.register(s, username="bench-trainer", display_name="Trainer", password=PASSWORD)
        trainer.role = Role.trainer
        s.add(trainer)
        s.flush()

        # the learner: daily checklist log, attempts improving over the period, every section read
        generate_log(s, user_id=learner.id, days=plan.days, seed=seed, item_ids=item_ids, end=now.date())
        _insert_attempts(
            s,
            attempt_rows(
                course,
                user_id=learner.id,
                n=plan.learner_attempts,
                rng=rng,
                first=first,
                last=now,
                skill=(0.55, 0.9),
                difficulty=difficulty,
                pass_mark=pass_mark,
            ),
        )
        s.execute(insert(SectionRead), _section_reads(course, learner.id, 1.0, first, rng))
        _self_assessments(s, course, learner.id, rng)

        # the trainer's cohort: trainees of mixed skill, thirty attempts each over the last ninety days
        cohort = cohorts.create_cohort(s, trainer=trainer, name="Bench cohort")
        trainee_ids = _trainees(s, plan.trainees, learner.password_hash, first)
        s.execute(
            insert(CohortMember), [{"cohort_id": cohort.id, "user_id": u, "joined_at": first} for u in trainee_ids]
        )
        for i, uid in enumerate(trainee_ids):
            low = rng.uniform(0.3, 0.8)
            rows = attempt_rows(
                course,
                user_id=uid,
                n=plan.attempts_per_trainee,
                rng=rng,
                first=now - timedelta(days=90),
                last=now,
                skill=(low, min(0.98, low + 0.2)),
                difficulty=difficulty,
                pass_mark=pass_mark,
            )
            _insert_attempts(s, rows)
            s.execute(insert(SectionRead), _section_reads(course, uid, rng.uniform(0.2, 1.0), first, rng))
            if i % SHARE_EVERY == 0:
                generate_log(s, user_id=uid, days=SHARED_DAYS, seed=seed + uid, item_ids=item_ids, end=now.date())
        live_id = _live_session(s, course, trainer, cohort.id, rng)

        learner_only, cohort_users = [learner.id], trainee_ids
        counts = {
            "checklist_days": s.exec(
                select(func.count(func.distinct(ChecklistEntry.period_start))).where(
                    ChecklistEntry.user_id == learner.id
                )
            ).one(),
            "checklist_entries": _count(s, ChecklistEntry, learner_only),
            "learner_attempts": _count(s, QuizAttempt, learner_only),
            "learner_answers": _count(s, QuizAnswer, learner_only),
            "learner_review_cards": _count(s, ReviewCard, learner_only),
            "learner_self_assessments": _count(s, SelfAssessment, learner_only),
            "trainees": len(trainee_ids),
            "trainee_attempts": _count(s, QuizAttempt, cohort_users),
            "trainee_answers": _count(s, QuizAnswer, cohort_users),
            "trainee_checklist_entries": _count(s, ChecklistEntry, cohort_users),
            "live_answers": s.exec(select(func.count()).where(LiveAnswer.session_id == live_id)).one(),
        }
        return Seeded(
            plan=plan,
            admin_id=admin.id,
            learner_id=learner.id,
            trainer_id=trainer.id,
            cohort_id=cohort.id,
            live_id=live_id,
            counts=counts,
        )
