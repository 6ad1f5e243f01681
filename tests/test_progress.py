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
    # every section read, its quiz not passed, its role-play not played: not complete, and the bar says so
    assert course.roleplays_for(module.id)
    assert first.fraction == len(module.sections) / (len(module.sections) + 2) and not first.complete
    assert first.next_step == "quiz"
    assert second.sections_read == 0 and not second.complete
    read = progress.sections_read(session, user_id=uid)
    first, *_ = progress.module_progress(course, read, {module.id: True})  # the quiz passed: the role-play is next
    assert first.next_step == "roleplay" and not first.complete
    played = {r.id for r in course.roleplays_for(module.id)}  # its role-play played too
    first, *_ = progress.module_progress(course, read, {module.id: True}, played=played)
    assert first.complete and first.fraction == 1.0 and first.next_step is None


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
    played = {r.id for r in course.roleplays_for(module.id)}
    assert not progress.module_progress(course, read, passed={module.id: False}, played=played)[0].complete
    assert progress.module_progress(course, read, passed={module.id: True}, played=played)[0].complete


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


def test_a_reflection_longer_than_the_limit_is_refused_and_changes_nothing(session: Session, course: Course) -> None:
    me = _user(session, "long-writer")
    module = course.modules[0]
    prompt = module.reflections[0].id
    progress.save_reflection(session, user_id=me, module=module, prompt_id=prompt, text="kept")
    session.commit()
    with pytest.raises(progress.ReflectionTooLong) as refused:
        progress.save_reflection(session, user_id=me, module=module, prompt_id=prompt, text="x" * 2_000_000)
    assert refused.value.limit == progress.REFLECTION_MAX == 10_000
    session.rollback()
    assert progress.reflections(session, user_id=me, module_id=module.id)[prompt].text == "kept"
    progress.save_reflection(session, user_id=me, module=module, prompt_id=prompt, text="y" * 10_000)  # at the limit


def test_a_module_with_role_plays_needs_one_played_to_an_ending(course: Course) -> None:
    module = course.module("m6-customer-personalities")
    read = {module.id: {s.id for s in module.sections}}
    scenarios = [r.id for r in course.roleplays_for(module.id)]
    assert len(scenarios) == 4
    states = {
        "none played": progress.module_progress(course, read, {module.id: True}),
        "one played": progress.module_progress(course, read, {module.id: True}, played={scenarios[2]}),
        "another module's": progress.module_progress(course, read, {module.id: True}, played={"cold-call"}),
    }
    mine = {name: next(p for p in result if p.module_id == module.id) for name, result in states.items()}
    assert mine["none played"].roleplay_played is False and not mine["none played"].complete
    assert mine["one played"].roleplay_played is True and mine["one played"].complete
    assert not mine["another module's"].complete


def test_a_module_without_role_plays_does_not_wait_for_one(course: Course) -> None:
    module = course.module("m2-seven-elements")
    assert course.roleplays_for(module.id) == []
    read = {module.id: {s.id for s in module.sections}}
    [m2] = [p for p in progress.module_progress(course, read, {module.id: True}) if p.module_id == module.id]
    assert m2.roleplay_played is None and m2.complete
