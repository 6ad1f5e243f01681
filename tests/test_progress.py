from __future__ import annotations

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.content.loader import Course
from academy.learning import progress


def _user(session: Session, name: str = "reader") -> int:
    user = users.register(session, username=name, display_name=name, password="password-123")
    session.commit()
    return user.id


def test_reading_sections_moves_module_progress(session: Session, course: Course) -> None:
    uid = _user(session)
    module = course.modules[0]
    for section in module.sections:
        progress.set_section_read(session, user_id=uid, module=module, section_id=section.id, read=True)
    progress.set_section_read(
        session, user_id=uid, module=module, section_id=module.sections[0].id, read=True
    )  # twice: no-op
    session.commit()
    first, second, *_ = progress.module_progress(course, progress.sections_read(session, user_id=uid))
    # every section read, its quiz not passed yet: not complete, and the bar says so (not full)
    assert first.fraction == len(module.sections) / (len(module.sections) + 1) and not first.complete
    assert first.next_step == "quiz"
    assert second.sections_read == 0 and not second.complete
    first, *_ = progress.module_progress(course, progress.sections_read(session, user_id=uid), {module.id: True})
    assert first.complete


def test_unmarking_a_section_and_unknown_sections(session: Session, course: Course) -> None:
    uid = _user(session)
    module = course.modules[0]
    progress.set_section_read(session, user_id=uid, module=module, section_id=module.sections[0].id, read=True)
    progress.set_section_read(session, user_id=uid, module=module, section_id=module.sections[0].id, read=False)
    session.commit()
    assert progress.sections_read(session, user_id=uid) == {}
    with pytest.raises(KeyError):
        progress.set_section_read(session, user_id=uid, module=module, section_id="not-a-section", read=True)


def test_progress_ignores_sections_no_longer_in_the_course(course: Course) -> None:
    module = course.modules[0]
    read = {module.id: {s.id for s in module.sections} | {"retired-section"}}
    assert progress.module_progress(course, read)[0].sections_read == len(module.sections)


def test_a_failed_quiz_keeps_a_read_module_incomplete(course: Course) -> None:
    module = course.modules[0]
    read = {module.id: {s.id for s in module.sections}}
    assert not progress.module_progress(course, read, passed={module.id: False})[0].complete
    assert progress.module_progress(course, read, passed={module.id: True})[0].complete


def test_reflections_are_saved_updated_cleared_and_private(session: Session, course: Course) -> None:
    me, other = _user(session, "me-user"), _user(session, "other-user")
    module = course.modules[0]
    prompt = module.reflections[0].id
    progress.save_reflection(session, user_id=me, module=module, prompt_id=prompt, text="  first  ")
    progress.save_reflection(session, user_id=me, module=module, prompt_id=progress.CASE_PROMPT, text="case answer")
    session.commit()
    progress.save_reflection(session, user_id=me, module=module, prompt_id=prompt, text="second")
    session.commit()
    mine = progress.reflections(session, user_id=me, module_id=module.id)
    assert {k: v.text for k, v in mine.items()} == {prompt: "second", "case": "case answer"}
    assert progress.reflections(session, user_id=other, module_id=module.id) == {}
    progress.save_reflection(session, user_id=me, module=module, prompt_id=prompt, text="   ")
    session.commit()
    assert prompt not in progress.reflections(session, user_id=me, module_id=module.id)
