"""Course progress: sections read, quizzes passed, role-plays played and written reflections, per user."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from academy.content.loader import Course
from academy.content.schema import Module
from academy.core import events
from academy.core.models import QuizAttempt, ReflectionAnswer, RoleplayAttempt, SectionRead, utcnow
from academy.core.settings import get_settings

CASE_PROMPT = "case"  # the prompt id under which a learner's answer to a module's case is kept


@dataclass(frozen=True)
class ModuleProgress:
    """Where a learner is in a module. The one definition of "complete" that every page shows."""

    module_id: str
    sections_read: int
    sections_total: int
    quiz_passed: bool | None  # None when the module has no quiz
    roleplay_played: bool | None = None  # one of its role-plays played to an ending; None when it has none

    @property
    def steps(self) -> list[tuple[str, bool]]:
        """What completing the module takes, in order: (step, done). Add a step here and every page follows."""
        steps = [("read", self.sections_read >= self.sections_total)]
        if self.quiz_passed is not None:
            steps.append(("quiz", self.quiz_passed))
        if self.roleplay_played is not None:  # any ending: the practice counts, the quiz tests mastery
            steps.append(("roleplay", self.roleplay_played))
        return steps

    @property
    def complete(self) -> bool:
        return all(done for _, done in self.steps)

    @property
    def fraction(self) -> float:
        """Progress towards complete: each section read counts one, a passed quiz one, a role-play played one."""
        units = self.sections_total + (self.quiz_passed is not None) + (self.roleplay_played is not None)
        done = self.sections_read + bool(self.quiz_passed) + bool(self.roleplay_played)
        return done / units if units else 0.0

    @property
    def next_step(self) -> str | None:
        """The first step not yet done ("read", "quiz", "roleplay"), None when complete."""
        return next((step for step, done in self.steps if not done), None)


def set_section_read(
    session: Session,
    *,
    user_id: int,
    module: Module,
    section_id: str,
    read: bool,
    has_quiz: bool = True,
    roleplays: Collection[str] = (),
) -> None:
    """Mark a section read or unread; the first read starts the module and the last one may complete it.

    `has_quiz`: whether the module has a quiz, which must be passed too before the module is complete;
    `roleplays`: the module's scenarios, one of which must have been played (see ModuleProgress.complete).
    """
    if section_id not in {s.id for s in module.sections}:
        raise KeyError(section_id)
    row = session.get(SectionRead, (user_id, module.id, section_id))
    if read and row is None:
        session.add(SectionRead(user_id=user_id, module_id=module.id, section_id=section_id))
        events.record(session, kind="section_read", user_id=user_id, data={"module": module.id, "section": section_id})
        record_module_started(session, user_id=user_id, module_id=module.id)
        record_if_complete(session, user_id=user_id, module=module, has_quiz=has_quiz, roleplays=roleplays)
    elif not read and row is not None:
        session.delete(row)


def record_module_started(session: Session, *, user_id: int, module_id: str) -> None:
    """The learning record of a module's start: the first section read or quiz begun, once per learner."""
    events.record(
        session,
        kind="module_started",
        user_id=user_id,
        data={"module": module_id},
        once=f"module_started:{user_id}:{module_id}",
    )


def record_if_complete(
    session: Session, *, user_id: int, module: Module, has_quiz: bool, roleplays: Collection[str] = ()
) -> None:
    """The learning record of a module's completion, once per learner, by the same rule as
    ModuleProgress.complete: every section read, the quiz passed, one of `roleplays` (if any) played."""
    if not get_settings().records_events:
        return  # the two queries below serve only the record
    ids = [s.id for s in module.sections]
    read = session.exec(
        select(func.count()).where(
            SectionRead.user_id == user_id, SectionRead.module_id == module.id, col(SectionRead.section_id).in_(ids)
        )
    ).one()
    passed = (
        not has_quiz
        or session.exec(
            select(QuizAttempt.id).where(
                QuizAttempt.user_id == user_id, QuizAttempt.module_id == module.id, col(QuizAttempt.passed).is_(True)
            )
        ).first()
        is not None
    )
    played = not roleplays or (
        session.exec(
            select(RoleplayAttempt.id).where(
                RoleplayAttempt.user_id == user_id,
                col(RoleplayAttempt.roleplay_id).in_(list(roleplays)),
                col(RoleplayAttempt.finished_at).is_not(None),
            )
        ).first()
        is not None
    )
    if read == len(ids) and passed and played:
        events.record(
            session,
            kind="module_completed",
            user_id=user_id,
            data={"module": module.id},
            once=f"module_completed:{user_id}:{module.id}",
        )


def sections_read(session: Session, *, user_id: int, module_id: str | None = None) -> dict[str, set[str]]:
    """module id -> ids of the sections this user has marked read."""
    query = select(SectionRead.module_id, SectionRead.section_id).where(SectionRead.user_id == user_id)
    if module_id is not None:
        query = query.where(SectionRead.module_id == module_id)
    read: dict[str, set[str]] = {}
    for mid, sid in session.exec(query):
        read.setdefault(mid, set()).add(sid)
    return read


def module_progress(
    course: Course,
    read: dict[str, set[str]],
    passed: dict[str, bool] | None = None,
    played: Collection[str] = (),
) -> list[ModuleProgress]:
    """Pure: progress of every module from the sections read, the quizzes passed and the role-plays played.

    A module is complete once every section is read, its quiz (if it has one) passed and, if it has
    role-plays, one of them played to an ending, whichever ending: the practice is what counts, the quiz is
    the test of mastery. `played` is the ids of the scenarios finished (academy.learning.roleplay); section
    and scenario ids no longer in the course are ignored.
    """
    passed = passed or {}
    out = []
    for m in course.modules:
        ids = {s.id for s in m.sections}
        out.append(
            ModuleProgress(
                module_id=m.id,
                sections_read=len(read.get(m.id, set()) & ids),
                sections_total=len(ids),
                quiz_passed=passed.get(m.id, False) if course.questions(m.id) else None,
                roleplay_played=any(r.id in played for r in scenarios)
                if (scenarios := course.roleplays_for(m.id))
                else None,
            )
        )
    return out


REFLECTION_MAX = 10_000  # characters: ReflectionAnswer.text's declared length


class ReflectionTooLong(ValueError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"a reflection has at most {limit} characters")
        self.limit = limit


def save_reflection(session: Session, *, user_id: int, module: Module, prompt_id: str, text: str) -> None:
    if prompt_id != CASE_PROMPT and prompt_id not in {r.id for r in module.reflections}:
        raise KeyError(prompt_id)
    text = text.strip()
    if len(text) > REFLECTION_MAX:  # the form caps it too; a crafted request must not store more
        raise ReflectionTooLong(REFLECTION_MAX)
    row = session.get(ReflectionAnswer, (user_id, module.id, prompt_id))
    if not text:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = ReflectionAnswer(user_id=user_id, module_id=module.id, prompt_id=prompt_id, text=text)
    else:
        row.text = text
        row.updated_at = utcnow()
    session.add(row)


def reflections(session: Session, *, user_id: int, module_id: str) -> dict[str, ReflectionAnswer]:
    rows = session.exec(
        select(ReflectionAnswer).where(ReflectionAnswer.user_id == user_id, ReflectionAnswer.module_id == module_id)
    )
    return {r.prompt_id: r for r in rows}
