"""Trainers' own question sets: stored in the database, validated with the course's Question schema.

A set is made once (from a Moodle XML file, academy.integrations.moodle_import) and never edited, so
its parsed questions can be cached per process by id (ids are never reused). Question ids are
"set-<set id>-q<n>" and a set's practice quiz is "set-<set id>": academy.learning.question_source
resolves both next to the course bank's ids, which may not start with "set-" (the loader checks).

A set is used by its trainer in live quizzes and offered to the trainer's cohorts as a practice quiz
(academy.classroom.practice). It cannot be deleted while a live quiz from it is running.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from academy.content.loader import RESERVED_QUESTION_PREFIX
from academy.content.schema import Question
from academy.core.models import LiveSession, QuestionSet

MAX_SETS = 50  # per trainer
MAX_QUESTIONS = 500  # per set (the whole course bank fits)
NAME_MAX = 120
SECTION = "set"  # what `Question.section` says for a set's questions (they test no lesson section)

_QUESTION_ID = re.compile(rf"^{RESERVED_QUESTION_PREFIX}(\d+)-q(\d+)$")
_QUIZ_ID = re.compile(rf"^{RESERVED_QUESTION_PREFIX}(\d+)$")


class QuestionSetError(Exception):
    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


class SetQuestion(BaseModel):
    """One stored question with the name it had in Moodle (kept so an export gives the file back)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=255)
    question: Question


def quiz_id(set_id: int) -> str:
    return f"{RESERVED_QUESTION_PREFIX}{set_id}"


def set_of_quiz(quiz: str | None) -> int | None:
    """The set id of a practice quiz id ("set-12" -> 12), None for a module quiz or the final exam."""
    match = _QUIZ_ID.match(quiz or "")
    return int(match.group(1)) if match else None


def set_of_question(question_id: str) -> int | None:
    """The set id of a set's question id ("set-12-q3" -> 12), None for a course question."""
    match = _QUESTION_ID.match(question_id)
    return int(match.group(1)) if match else None


def create(
    session: Session, *, trainer_id: int, name: str, source: str, items: list[tuple[str, dict[str, Any]]]
) -> QuestionSet:
    """Store a new set from (name, question fields without id and section) pairs; all or nothing.

    The fields must already have passed the Question schema (the importer checks each and names
    the problems); a ValueError here means a bug in the caller.
    """
    name = name.strip()
    if not name or len(name) > NAME_MAX:
        raise QuestionSetError("qs_err_name", n=NAME_MAX)
    if not 1 <= len(items) <= MAX_QUESTIONS:
        raise QuestionSetError("qs_err_count", n=MAX_QUESTIONS)
    owned = session.exec(select(func.count()).where(QuestionSet.trainer_id == trainer_id)).one()
    if owned >= MAX_SETS:
        raise QuestionSetError("qs_err_too_many", n=MAX_SETS)
    row = QuestionSet(trainer_id=trainer_id, name=name, source=source.strip()[:255], questions=[])
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # the same name, maybe from a concurrent import: the unique key decides
        raise QuestionSetError("qs_err_name_taken", name=name) from None
    stored = []
    for n, (moodle_name, fields) in enumerate(items, start=1):
        question = Question.model_validate({**fields, "id": f"{quiz_id(row.id)}-q{n}", "section": SECTION})
        stored.append(SetQuestion(name=moodle_name, question=question).model_dump(mode="json", exclude_none=True))
    row.questions = stored
    session.add(row)
    session.flush()
    return row


def own_sets(session: Session, *, trainer_id: int) -> list[QuestionSet]:
    query = select(QuestionSet).where(QuestionSet.trainer_id == trainer_id)
    return list(session.exec(query.order_by(col(QuestionSet.created_at).desc(), col(QuestionSet.id).desc())))


def own_set(session: Session, *, trainer_id: int, set_id: int, lock: bool = False) -> QuestionSet:
    """The trainer's set; `lock` holds it until the transaction ends, against a delete.

    The lock is a no-op UPDATE of the row: a row lock on PostgreSQL, and on SQLite (where SELECT ... FOR
    UPDATE locks nothing) the database's write lock, so two such transactions run one after the other."""
    mine = (QuestionSet.id == set_id, QuestionSet.trainer_id == trainer_id)
    if lock:
        session.execute(update(QuestionSet).where(*mine).values(id=QuestionSet.id))
    row = session.exec(select(QuestionSet).where(*mine)).first()
    if row is None:
        raise QuestionSetError("qs_err_not_found")
    return row


def running_sessions(session: Session, *, trainer_id: int, set_id: int) -> list[LiveSession]:
    """The trainer's live quizzes that are not over and ask questions of this set."""
    prefix = f"{quiz_id(set_id)}-q"
    running = session.exec(
        select(LiveSession).where(LiveSession.trainer_id == trainer_id, LiveSession.phase != "ended")
    )
    return [live for live in running if any(str(q).startswith(prefix) for q in live.question_ids)]


def delete(session: Session, *, trainer_id: int, set_id: int) -> None:
    """Delete a set (its practice offers go with it); refused while a live quiz from it is running.

    The row lock orders this against `classroom.live.start_session`, which locks the set too: either
    the session sees the set gone, or this sees the session.
    """
    row = own_set(session, trainer_id=trainer_id, set_id=set_id, lock=True)
    busy = running_sessions(session, trainer_id=trainer_id, set_id=set_id)
    if busy:
        raise QuestionSetError("qs_err_in_use", title=busy[0].title)
    session.delete(row)
    session.flush()


def items(row: QuestionSet) -> list[SetQuestion]:
    """The set's questions with their Moodle names, in the order imported."""
    try:
        return [SetQuestion.model_validate(item) for item in row.questions]
    except ValidationError as exc:  # stored data no longer fits the schema: say which set
        raise QuestionSetError("qs_err_stored", name=row.name) from exc


# A set's questions never change, so (database, id, creation time) is a safe cache key.
_CACHE: dict[tuple[str, int, str], dict[str, Question]] = {}


def questions(session: Session, *, set_id: int) -> dict[str, Question]:
    """question id -> Question of a set that exists (empty if it does not). Parsed once per process."""
    created = session.exec(select(QuestionSet.created_at).where(QuestionSet.id == set_id)).first()
    if created is None:
        return {}
    key = (str(session.get_bind().url), set_id, str(created))
    cached = _CACHE.get(key)
    if cached is None:
        row = session.get(QuestionSet, set_id)
        cached = {item.question.id: item.question for item in items(row)}
        if len(_CACHE) > 256:  # a bound on memory: sets are small, but a process lives long
            _CACHE.clear()
        _CACHE[key] = cached
    return cached


def name_of(session: Session, *, set_id: int) -> str | None:
    """A set's name (for the learning record of a practice quiz), None if it is gone."""
    return session.exec(select(QuestionSet.name).where(QuestionSet.id == set_id)).first()
