"""A learner doing one of everything that makes a learning record, through the functions the pages call."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.checklist import log as checklist
from academy.classroom import live
from academy.content.loader import Course
from academy.content.roleplay import best_path
from academy.content.schema import Question
from academy.core.models import Role, User
from academy.core.settings import get_settings
from academy.learning import progress, quiz, roleplay
from academy.learning import self_assessment as sa


def switch_on(monkeypatch: pytest.MonkeyPatch, endpoint: str = "http://127.0.0.1:9/xAPI/", **more: str) -> None:
    """Configure an LRS (the default endpoint refuses connections): events are recorded from now on."""
    env = {"XAPI_ENDPOINT": endpoint, "XAPI_BASE_IRI": "https://academy.test/xapi", **more}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()


def right(question: Question) -> list:
    if question.type == "matching":
        return list(range(len(question.left)))
    if question.type == "ordering":
        return [o.id for o in question.options]
    return list(question.answer)


def person(session: Session, name: str, role: Role = Role.learner) -> User:
    user = users.register(session, username=name, display_name=name.title(), password="password-123")
    user.role = role
    session.add(user)
    session.commit()
    return user


def expected_kinds(course: Course) -> list[str]:
    """The events `do_everything` makes, in order."""
    n = len(course.modules[0].sections)
    return [
        "section_read",
        "module_started",
        *["section_read"] * (n - 1),
        *["quiz_attempted", "quiz_finished"],  # the module's quiz, passed (the module has a role-play still to play)
        *["quiz_attempted", "quiz_finished"],  # the final exam, failed
        *["self_assessed", "checklist_logged", "live_answered"],
        *["roleplay_completed", "module_completed"],  # the module's role-play played: the module is complete
    ]


def do_everything(session: Session, course: Course, learner: User, trainer: User) -> None:
    """Read a module, pass its quiz, fail the final exam, self-assess, log a week, answer live, finish the
    module's role-play."""
    module = course.modules[0]
    for section in module.sections:
        progress.set_section_read(session, user_id=learner.id, module=module, section_id=section.id, read=True)
        session.commit()
    attempt = quiz.start_attempt(session, user_id=learner.id, course=course, module_id=module.id, pass_mark=0.8, seed=3)
    session.commit()
    for item in attempt.layout:
        question = course.question(item["q"])
        quiz.submit_answer(
            session, user_id=learner.id, attempt_id=attempt.id, question_id=item["q"], response=right(question),
            course=course,
        )  # fmt: skip
    quiz.finish_attempt(session, user_id=learner.id, attempt_id=attempt.id, course=course)
    session.commit()
    final = quiz.start_attempt(session, user_id=learner.id, course=course, module_id=None, pass_mark=0.8, seed=4)
    session.commit()
    quiz.finish_attempt(session, user_id=learner.id, attempt_id=final.id, course=course)  # nothing answered: failed
    session.commit()
    survey = course.questionnaires["seller-profile"]
    sa.save(session, user_id=learner.id, questionnaire=survey, answers={i.id: 4 for i in survey.items})
    session.commit()
    items = {i for _, i in course.checklist_items()}
    first = sorted(items)[0]
    checklist.save_period(
        session,
        user_id=learner.id,
        period="week",
        start=date(2026, 11, 2),
        rows={first: {"executed": 4, "fulfilled": 3, "note": ""}},
        item_ids=items,
    )
    session.commit()
    qid = course.questions(module.id)[0].id
    run = live.start_session(session, trainer=trainer, course=course, title="Monday warm-up", question_ids=[qid])
    session.commit()
    live.open_next(session, trainer=trainer, live_id=run.id)
    seat = live.join(session, code=run.code, user=learner)
    session.commit()
    live.submit(session, token=seat.token, question_index=0, response=right(course.question(qid)), course=course)
    session.commit()
    rp = course.roleplays_for(module.id)[0]  # played along its best path to an ending
    played = roleplay.start(session, user_id=learner.id, course=course, roleplay_id=rp.id)
    for step, choice in enumerate(best_path(rp)):
        roleplay.choose(session, user_id=learner.id, course=course, attempt_id=played.id, step=step, choice_id=choice)
    session.commit()
