"""The live classroom quiz: a trainer runs it, trainees join with a code and answer from their phones.

All state is in the database (LiveSession, LiveParticipant, LiveAnswer), so several app replicas
serve one session together; pages poll it. An answer counts once (a unique constraint, not a
check-then-insert race), and an answer after the deadline is refused.

Joining is guarded: a session takes at most `live_max_participants` (counted under a lock on the
session's row), and each address may try only `live_join_max_misses` wrong codes per window
(`academy.core.throttle`), so six-digit codes cannot be guessed by trying them all.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, String, exists, func, insert, literal, null
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from academy.accounts.users import is_staff
from academy.classroom.cohorts import cohort_for
from academy.content.loader import Course
from academy.content.schema import Question
from academy.core import events, throttle
from academy.core.i18n import pick, t, tr
from academy.core.models import (
    CohortMember,
    LiveAnswer,
    LiveParticipant,
    LivePresence,
    LiveSession,
    Role,
    User,
    utcnow,
)
from academy.core.settings import Settings, get_settings
from academy.core.text import clean_name
from academy.learning import question_sets, question_source
from academy.learning.scoring import is_correct, score_response

PHASES = ("lobby", "question", "reveal", "leaderboard", "ended")
CODE_RE = re.compile(r"^[0-9]{6}$")
MAX_NICKNAME = 40
BASE_POINTS = 500  # for a correct answer ...
SPEED_POINTS = 500  # ... plus up to this much more for answering fast


class LiveError(Exception):
    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


def _aware(dt: datetime | None) -> datetime | None:
    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


def speed_points(score: float, seconds_taken: float, limit: int) -> int:
    """Points for one answer: nothing unless fully right; faster answers earn more."""
    if not is_correct(score):
        return 0
    remaining = max(0.0, min(1.0, 1 - seconds_taken / limit))
    return BASE_POINTS + round(SPEED_POINTS * remaining)


# --- the trainer's side -------------------------------------------------------------------------


def start_session(
    session: Session,
    *,
    trainer: User,
    course: Course,
    title: str,
    question_ids: list[str],
    time_limit: int = 20,
    cohort_id: int | None = None,
) -> LiveSession:
    if not is_staff(trainer):
        raise LiveError("err_not_allowed")
    if not question_ids:
        raise LiveError("cls_no_questions")
    for set_id in sorted({question_sets.set_of_question(qid) for qid in question_ids} - {None}):
        try:  # only the trainer's own sets; the lock keeps the set from being deleted under the new session
            question_sets.own_set(session, trainer_id=trainer.id, set_id=set_id, lock=True)
        except question_sets.QuestionSetError:
            raise LiveError("cls_set_gone") from None
    for qid in question_ids:
        question_source.question(session, course=course, question_id=qid)  # KeyError: a programming error
    if not 5 <= time_limit <= 600:
        raise LiveError("cls_bad_time_limit")
    if cohort_id is not None:
        cohort_for(session, viewer=trainer, cohort_id=cohort_id)
    live = LiveSession(
        trainer_id=trainer.id,
        cohort_id=cohort_id,
        code="",
        title=clean_name(title)[:120] or "Live quiz",
        question_ids=list(question_ids),
        time_limit=time_limit,
    )
    return insert_with_code(session, live=live)


def insert_with_code(session: Session, *, live: LiveSession) -> LiveSession:
    """Store a new live session under a fresh join code (a clash with a code in use draws another)."""
    for _ in range(10):
        live.code = f"{secrets.randbelow(1_000_000):06d}"  # six digits: quick to type on a phone
        try:
            with session.begin_nested():
                session.add(live)
            return live
        except IntegrityError:
            continue
    raise LiveError("cls_try_again")


def owned(session: Session, *, trainer: User, live_id: int) -> LiveSession:
    live = session.get(LiveSession, live_id)
    if live is None or not (trainer.role == Role.admin or live.trainer_id == trainer.id):
        raise LiveError("cls_not_found")
    return live


def my_sessions(session: Session, *, trainer: User) -> list[LiveSession]:
    query = select(LiveSession).order_by(LiveSession.created_at.desc())
    if trainer.role != Role.admin:
        query = query.where(LiveSession.trainer_id == trainer.id)
    return list(session.exec(query))


def open_next(session: Session, *, trainer: User, live_id: int, now: datetime | None = None) -> LiveSession:
    """Show the next question (or end the session after the last one)."""
    live = owned(session, trainer=trainer, live_id=live_id)
    if live.phase == "ended":
        raise LiveError("cls_ended")
    now = now or utcnow()
    if live.current + 1 >= len(live.question_ids):
        return end(session, trainer=trainer, live_id=live_id, now=now)
    live.current += 1
    live.phase = "question"
    live.opened_at = now
    live.deadline = now + timedelta(seconds=live.time_limit)
    live.paused_at = None
    session.add(live)
    return live


def reveal(session: Session, *, trainer: User, live_id: int, now: datetime | None = None) -> LiveSession:
    """Close answering and show the right answer with the distribution."""
    live = owned(session, trainer=trainer, live_id=live_id)
    if live.phase != "question":
        raise LiveError("cls_no_open_question")
    now = now or utcnow()
    live.phase = "reveal"
    live.deadline = min(_aware(live.deadline) or now, now)
    live.paused_at = None
    session.add(live)
    return live


def show_leaderboard(session: Session, *, trainer: User, live_id: int) -> LiveSession:
    live = owned(session, trainer=trainer, live_id=live_id)
    if live.phase not in ("reveal", "question"):
        raise LiveError("cls_no_open_question")
    if live.phase == "question":
        reveal(session, trainer=trainer, live_id=live_id)
    live.phase = "leaderboard"
    session.add(live)
    return live


def pause(session: Session, *, trainer: User, live_id: int, now: datetime | None = None) -> LiveSession:
    live = owned(session, trainer=trainer, live_id=live_id)
    if live.phase != "question" or live.paused_at is not None:
        raise LiveError("cls_no_open_question")
    live.paused_at = now or utcnow()
    session.add(live)
    return live


def resume(session: Session, *, trainer: User, live_id: int, now: datetime | None = None) -> LiveSession:
    """Continue a paused question; the time left is what it was when paused."""
    live = owned(session, trainer=trainer, live_id=live_id)
    if live.paused_at is None:
        raise LiveError("cls_not_paused")
    now = now or utcnow()
    live.deadline = _aware(live.deadline) + (now - _aware(live.paused_at))
    live.paused_at = None
    session.add(live)
    return live


def skip(session: Session, *, trainer: User, live_id: int, now: datetime | None = None) -> LiveSession:
    """Drop the current question without revealing it and move on."""
    return open_next(session, trainer=trainer, live_id=live_id, now=now)


def end(session: Session, *, trainer: User, live_id: int, now: datetime | None = None) -> LiveSession:
    live = owned(session, trainer=trainer, live_id=live_id)
    live.phase = "ended"
    live.ended_at = now or utcnow()
    live.paused_at = None
    session.add(live)
    return live


# --- the trainee's side -------------------------------------------------------------------------


def find(session: Session, *, code: str) -> LiveSession:
    code = code.strip()
    live = session.exec(select(LiveSession).where(LiveSession.code == code)).first() if CODE_RE.match(code) else None
    if live is None:
        raise LiveError("cls_bad_code")
    return live


def _code_guesses(client: str, settings: Settings) -> throttle.Rule:
    window = timedelta(minutes=settings.live_join_window_minutes)
    return throttle.Rule(throttle.key("live-join", client), window, limit=settings.live_join_max_misses)


def name_key(name: str) -> str:
    """Names that look alike fold to one key: "陈静", " 陈静 ", "ＣＨＥＮ" and "chen" (NFKC, case, spaces)."""
    return clean_name(unicodedata.normalize("NFKC", name)).casefold()


def reserved_names(session: Session, *, live: LiveSession) -> set[str]:
    """Keys of the names a guest may not take: the trainer's and, for a cohort's quiz, every member's."""
    query = select(User.display_name).where(User.id == live.trainer_id)
    if live.cohort_id is not None:
        members = select(CohortMember.user_id).where(CohortMember.cohort_id == live.cohort_id)
        query = select(User.display_name).where((User.id == live.trainer_id) | User.id.in_(members))
    return {name_key(name) for name in session.exec(query)}


def join(
    session: Session,
    *,
    code: str,
    user: User | None = None,
    nickname: str = "",
    client: str = "local",
    settings: Settings | None = None,
    now: datetime | None = None,
) -> LiveParticipant:
    """Join by code: a logged-in learner joins as themself (again after a reload), a guest by nickname.

    A learner's name is theirs: a guest cannot take the name of a cohort member or of a learner
    already in the quiz, and a guest who took a name first never renames the learner.

    Every attempt counts against the address's allowance of wrong codes before the code is looked
    up; a right one gives its count back. A wrong code commits its count (the error that follows
    rolls back nothing else).
    """
    settings = settings or get_settings()
    guesses = _code_guesses(client, settings)
    slot = throttle.reserve(session, [guesses], now=now)
    if not slot.allowed:
        raise LiveError("cls_too_many_codes", minutes=max(1, round(slot.retry_after / 60)))
    try:
        live = find(session, code=code)
    except LiveError:
        session.commit()  # the wrong code stays counted
        raise
    throttle.give_back(session, guesses.key)
    if live.phase == "ended":
        raise LiveError("cls_ended")
    # the session's row is locked until commit, so parallel joins count each other (the cap holds)
    session.exec(select(LiveSession.id).where(LiveSession.id == live.id).with_for_update()).one()
    if user is not None:
        existing = session.exec(
            select(LiveParticipant).where(LiveParticipant.session_id == live.id, LiveParticipant.user_id == user.id)
        ).first()
        if existing is not None:
            return existing
    joined = session.exec(select(func.count()).where(LiveParticipant.session_id == live.id)).one()
    if joined >= settings.live_max_participants:
        raise LiveError("cls_full", n=settings.live_max_participants)
    if user is not None:
        return _seat_learner(session, live, user)
    name = clean_name(nickname)
    if not name or len(name) > MAX_NICKNAME:
        raise LiveError("cls_nickname_required")
    if name_key(name) in reserved_names(session, live=live):
        raise LiveError("fw_name_reserved", name=name)
    return _seat_guest(session, live, name)


def _seat_learner(session: Session, live: LiveSession, user: User) -> LiveParticipant:
    base = clean_name(user.display_name)[:MAX_NICKNAME] or user.username[:MAX_NICKNAME]
    name = base
    for n in range(2, 100):
        participant = LiveParticipant(
            session_id=live.id, user_id=user.id, nickname=name, name_key=name_key(name), token=secrets.token_urlsafe(24)
        )
        try:
            with session.begin_nested():
                session.add(participant)
            return participant
        except IntegrityError:
            name = f"{base[:36]} ({n})"  # two learners with the same display name
    raise LiveError("cls_try_again")


def _seat_guest(session: Session, live: LiveSession, name: str) -> LiveParticipant:
    """One statement inserts the guest unless a learner in the quiz has the name (check and act at once)."""
    key, token, table = name_key(name), secrets.token_urlsafe(24), LiveParticipant.__table__
    learners = table.alias("learners")  # not correlated with the table inserted into
    learner_has_it = exists(
        select(learners.c.id).where(
            learners.c.session_id == live.id, learners.c.guest.is_(False), learners.c.name_key == key
        )
    )
    row = select(
        literal(live.id, Integer),
        null(),
        literal(name, String),
        literal(True, Boolean),
        literal(key, String),
        literal(token, String),
        literal(utcnow(), DateTime(timezone=True)),
    ).where(~learner_has_it)
    columns = ("session_id", "user_id", "nickname", "guest", "name_key", "token", "joined_at")
    try:
        with session.begin_nested():
            statement = insert(table).from_select([table.c[c] for c in columns], row).returning(table.c.id)
            added = session.connection().execute(statement).scalar_one_or_none()
    except IntegrityError:
        raise LiveError("cls_nickname_taken") from None
    if added is None:  # a learner in the quiz has this name
        raise LiveError("fw_name_reserved", name=name)
    return session.get(LiveParticipant, added)


def participant(session: Session, *, token: str) -> LiveParticipant | None:
    return session.exec(select(LiveParticipant).where(LiveParticipant.token == token)).first()


def submit(
    session: Session,
    *,
    token: str,
    question_index: int,
    response: list[Any],
    course: Course,
    now: datetime | None = None,
) -> LiveAnswer:
    """Record a trainee's answer to the open question. Sending it again returns the first answer."""
    now = now or utcnow()
    who = participant(session, token=token)
    if who is None:
        raise LiveError("cls_not_joined")
    live = session.get(LiveSession, who.session_id)
    existing = session.exec(
        select(LiveAnswer).where(LiveAnswer.participant_id == who.id, LiveAnswer.question_index == question_index)
    ).first()
    if existing is not None:
        return existing
    if live.phase != "question" or question_index != live.current:
        raise LiveError("cls_question_closed")
    if live.paused_at is not None:
        raise LiveError("cls_paused")
    if now > _aware(live.deadline):
        raise LiveError("cls_too_late")
    question_id = live.question_ids[question_index]
    score = score_response(question_source.question(session, course=course, question_id=question_id), response)
    taken = (now - _aware(live.opened_at)).total_seconds()
    answer = LiveAnswer(
        session_id=live.id,
        participant_id=who.id,
        question_index=question_index,
        question_id=question_id,
        response=list(response),
        score=score,
        points=speed_points(score, taken, live.time_limit),
        answered_at=now,
    )
    try:
        with session.begin_nested():
            session.add(answer)
    except IntegrityError:  # the same answer arrived twice at once: the first one stands
        return session.exec(
            select(LiveAnswer).where(LiveAnswer.participant_id == who.id, LiveAnswer.question_index == question_index)
        ).one()
    if who.user_id is not None:  # a guest has no account to name in a learning record
        data = {
            "session": live.id,
            "title": live.title,
            "index": question_index,
            "question": question_id,
            "response": list(response),
            "score": score,
            "seconds": max(0.0, taken),
        }
        events.record(session, kind="live_answered", user_id=who.user_id, data=data)
    return answer


# --- what everyone sees -------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    id: int
    title: str
    code: str
    phase: str
    current: int
    total: int
    question_id: str | None
    deadline: datetime | None
    paused: bool
    seconds_left: float | None  # when the snapshot was read; remaining() for a later moment
    participants: int
    answers: int  # to the current question
    time_limit: int
    answers_total: int = 0  # to every question: what the leaderboard is computed from
    paused_at: datetime | None = None

    def remaining(self, now: datetime | None = None) -> float | None:
        """Seconds left to answer at `now` (frozen while paused): a shared snapshot stays exact for every reader."""
        if self.deadline is None:
            return None
        since = self.paused_at if self.paused_at is not None else (now or utcnow())
        return max(0.0, (self.deadline - since).total_seconds())

    @property
    def version(self) -> tuple[Any, ...]:
        """Everything a screen derives from: equal versions show the same thing (bar the countdown)."""
        return (self.phase, self.current, self.paused, self.deadline, self.participants, self.answers_total)


def snapshot(session: Session, *, live_id: int, now: datetime | None = None) -> Snapshot:
    """The session's state and its counts in one query (every screen reads it every second)."""
    people = select(func.count()).where(LiveParticipant.session_id == live_id).scalar_subquery()
    current = (
        select(func.count())
        .where(LiveAnswer.session_id == live_id, LiveAnswer.question_index == LiveSession.current)
        .scalar_subquery()
    )
    total = select(func.count()).where(LiveAnswer.session_id == live_id).scalar_subquery()
    row = session.exec(select(LiveSession, people, current, total).where(LiveSession.id == live_id)).first()
    if row is None:
        raise LiveError("cls_not_found")
    live, n_people, n_answers, n_total = row
    deadline, paused_at = _aware(live.deadline), _aware(live.paused_at)
    snap = Snapshot(
        id=live.id,
        title=live.title,
        code=live.code,
        phase=live.phase,
        current=live.current,
        total=len(live.question_ids),
        question_id=live.question_ids[live.current] if 0 <= live.current < len(live.question_ids) else None,
        deadline=deadline,
        paused=paused_at is not None,
        seconds_left=None,
        participants=n_people,
        answers=n_answers,
        time_limit=live.time_limit,
        answers_total=n_total,
        paused_at=paused_at,
    )
    return replace(snap, seconds_left=snap.remaining(now))


def participants(session: Session, *, live_id: int) -> list[LiveParticipant]:
    query = select(LiveParticipant).where(LiveParticipant.session_id == live_id).order_by(LiveParticipant.joined_at)
    return list(session.exec(query))


def my_answer(session: Session, *, token: str, question_index: int) -> LiveAnswer | None:
    who = participant(session, token=token)
    if who is None:
        return None
    return session.exec(
        select(LiveAnswer).where(LiveAnswer.participant_id == who.id, LiveAnswer.question_index == question_index)
    ).first()


def answer_of(session: Session, *, participant_id: int, question_index: int) -> LiveAnswer | None:
    """A trainee's answer to one question (by participant id: one indexed lookup)."""
    return session.exec(
        select(LiveAnswer).where(
            LiveAnswer.participant_id == participant_id, LiveAnswer.question_index == question_index
        )
    ).first()


def distribution(session: Session, *, live_id: int, question_index: int) -> list[list[Any]]:
    """The responses given to one question (for the bar chart)."""
    rows = session.exec(
        select(LiveAnswer.response).where(LiveAnswer.session_id == live_id, LiveAnswer.question_index == question_index)
    )
    return list(rows)


@dataclass(frozen=True)
class Standing:
    participant_id: int
    nickname: str
    guest: bool
    score: float  # the sum of the credit earned, partly right answers in part, as shown (one decimal)
    correct: int  # answers fully right
    points: int  # speed points: fully right answers, more for faster ones
    rank: int  # 1 = best; trainees equal on score and points share a rank


def leaderboard(session: Session, *, live_id: int) -> list[Standing]:
    """Best first: by the score shown (partial credit counts), then speed points; equal on both share a rank."""
    answered = (
        select(
            LiveAnswer.participant_id,
            func.sum(LiveAnswer.score).label("score"),
            func.sum(LiveAnswer.points).label("points"),
            func.sum(func.floor(LiveAnswer.score + 1e-9)).label("correct"),
        )
        .where(LiveAnswer.session_id == live_id)
        .group_by(LiveAnswer.participant_id)
        .subquery()
    )
    rows = session.exec(
        select(
            LiveParticipant.id,
            LiveParticipant.nickname,
            LiveParticipant.guest,
            answered.c.score,
            answered.c.correct,
            answered.c.points,
        )
        .select_from(LiveParticipant)
        .join(answered, answered.c.participant_id == LiveParticipant.id, isouter=True)
        .where(LiveParticipant.session_id == live_id)
    )
    # ranked on the rounded score, so the order never disagrees with what the screen shows
    people = [
        (pid, name, guest, round(float(sc or 0), 1), int(c or 0), int(p or 0)) for pid, name, guest, sc, c, p in rows
    ]
    people.sort(key=lambda r: (-r[3], -r[5], r[1]))
    board: list[Standing] = []
    for i, (pid, name, guest, score, correct, points) in enumerate(people):
        tied = board and (board[-1].score, board[-1].points) == (score, points)
        board.append(Standing(pid, name, bool(guest), score, correct, points, board[-1].rank if tied else i + 1))
    return board


def response_text(question: Question, response: list[Any], lang: str) -> str:
    """A trainee's answer in words: the options' text in the order given (matching: left -> right)."""
    if question.type == "matching":
        rights = [tr(right, lang) for right in question.right]
        chosen = [rights[j] if isinstance(j, int) and 0 <= j < len(rights) else "—" for j in response]
        chosen += ["—"] * (len(question.left) - len(chosen))
        parts = [f"{tr(left, lang)} → {right}" for left, right in zip(question.left, chosen, strict=False)]
    else:
        options = {o.id: tr(o.text, lang) for o in question.options}
        parts = [options.get(str(r), str(r)) for r in response]
    return (" → " if question.type == "ordering" else pick("；", "; ", lang)).join(parts)


RESULT_COLUMNS = (
    "trainee",
    "guest",
    "question_no",
    "question_id",
    "question",
    "response",
    "score",
    "correct",
    "points",
    "answered_at",
)


def results(session: Session, *, trainer: User, live_id: int, course: Course, lang: str) -> list[dict[str, Any]]:
    """Every answer, one row per trainee per question, for export (the session's owner only).

    Keys are RESULT_COLUMNS; texts (the question, the answer given, yes/no) are in `lang`.
    """
    owned(session, trainer=trainer, live_id=live_id)
    rows = session.exec(
        select(LiveParticipant.nickname, LiveParticipant.guest, LiveAnswer)
        .join(LiveAnswer, LiveAnswer.participant_id == LiveParticipant.id)
        .where(LiveAnswer.session_id == live_id)
        .order_by(LiveParticipant.nickname, LiveParticipant.guest, LiveAnswer.question_index)
    )
    yes, no = t("fw_yes", lang), t("fw_no", lang)
    out = []
    for name, guest, a in rows:
        try:
            question = question_source.question(session, course=course, question_id=a.question_id)
        except KeyError:  # a question since removed (from the course, or its set deleted): its id and the raw answer
            question = Question.model_construct(id=a.question_id, type="single", prompt=None, options=[])
        out.append(
            {
                "trainee": name,
                "guest": yes if guest else no,
                "question_no": a.question_index + 1,
                "question_id": a.question_id,
                "question": tr(question.prompt, lang).strip() if question.prompt else question.id,
                "response": response_text(question, a.response, lang),
                "score": round(a.score, 3),
                "correct": yes if is_correct(a.score) else no,
                "points": a.points,
                "answered_at": _aware(a.answered_at).strftime("%Y-%m-%d %H:%M:%S UTC"),
            }
        )
    return out


def result_headers(lang: str) -> dict[str, str]:
    """The export's column names in the reader's language."""
    return {column: t(f"fw_col_{column}", lang) for column in RESULT_COLUMNS}


# --- how current the phones are -----------------------------------------------------------------


@dataclass(frozen=True)
class Presence:
    current: int  # phones whose screen updated within their poll interval + 1.5 s
    behind: int  # phones that have not had an update for longer (their server is overloaded)
    processes: int  # app processes that reported lately
    silent: int  # app processes whose last report is older than `stale_s`: their phones count as behind


def report_presence(
    session: Session, *, live_id: int, node: str, current: int, behind: int, now: datetime | None = None
) -> None:
    """One app process's counts for a session (an upsert: one row per process)."""
    now = now or utcnow()
    values = {"current": max(0, int(current)), "behind": max(0, int(behind)), "updated_at": now}
    row = session.exec(
        select(LivePresence).where(LivePresence.session_id == live_id, LivePresence.node == node[:120])
    ).first()
    if row is not None:
        for key, value in values.items():
            setattr(row, key, value)
        session.add(row)
        return
    try:
        with session.begin_nested():
            session.add(LivePresence(session_id=live_id, node=node[:120], **values))
    except IntegrityError:  # another thread of the same process reported first: this one is as good
        pass


def presence(session: Session, *, live_id: int, now: datetime | None = None, stale_s: float = 5.0) -> Presence:
    """The phones of a session over every app process that serves some of them."""
    now = now or utcnow()
    rows = session.exec(
        select(LivePresence).where(
            LivePresence.session_id == live_id, LivePresence.updated_at >= now - timedelta(minutes=10)
        )
    ).all()
    fresh = [r for r in rows if (now - _aware(r.updated_at)).total_seconds() <= stale_s]
    stale = [r for r in rows if r not in fresh]
    return Presence(
        current=sum(r.current for r in fresh),
        behind=sum(r.behind for r in fresh) + sum(r.current + r.behind for r in stale),
        processes=len(fresh),
        silent=len(stale),
    )
