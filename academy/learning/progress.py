"""Course progress: sections read and written reflections, per user."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from academy.content.loader import Course
from academy.content.schema import Module
from academy.core.models import ReflectionAnswer, SectionRead, utcnow

CASE_PROMPT = "case"  # the prompt id under which a learner's answer to a module's case is kept


@dataclass(frozen=True)
class ModuleProgress:
    """Where a learner is in a module. The one definition of "complete" that every page shows."""

    module_id: str
    sections_read: int
    sections_total: int
    quiz_passed: bool | None  # None when the module has no quiz

    @property
    def steps(self) -> list[tuple[str, bool]]:
        """What completing the module takes, in order: (step, done). Add a step here and every page follows."""
        steps = [("read", self.sections_read >= self.sections_total)]
        if self.quiz_passed is not None:
            steps.append(("quiz", self.quiz_passed))
        return steps

    @property
    def complete(self) -> bool:
        return all(done for _, done in self.steps)

    @property
    def fraction(self) -> float:
        """Progress towards complete: each section read counts one, a passed quiz one more."""
        units = self.sections_total + (self.quiz_passed is not None)
        done = self.sections_read + bool(self.quiz_passed)
        return done / units if units else 0.0

    @property
    def next_step(self) -> str | None:
        """The first step not yet done ("read", "quiz"), None when complete."""
        return next((step for step, done in self.steps if not done), None)


def set_section_read(session: Session, *, user_id: int, module: Module, section_id: str, read: bool) -> None:
    if section_id not in {s.id for s in module.sections}:
        raise KeyError(section_id)
    row = session.get(SectionRead, (user_id, module.id, section_id))
    if read and row is None:
        session.add(SectionRead(user_id=user_id, module_id=module.id, section_id=section_id))
    elif not read and row is not None:
        session.delete(row)


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
    course: Course, read: dict[str, set[str]], passed: dict[str, bool] | None = None
) -> list[ModuleProgress]:
    """Pure: progress of every module from the sections read and the quizzes passed.

    A module with a quiz is complete once every section is read and the quiz passed; section ids no
    longer in the course are ignored.
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
            )
        )
    return out


def save_reflection(session: Session, *, user_id: int, module: Module, prompt_id: str, text: str) -> None:
    if prompt_id != CASE_PROMPT and prompt_id not in {r.id for r in module.reflections}:
        raise KeyError(prompt_id)
    text = text.strip()
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
