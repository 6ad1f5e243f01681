"""A module's minutes come from its text (academy/content/reading.py), and the pages show that figure."""

from __future__ import annotations

import math

from academy.content.loader import Course
from academy.content.reading import CASE_MINUTES, CHARS_PER_MINUTE, QUIZ_MINUTES, lesson_characters, reading_minutes
from academy.content.schema import Module
from academy.learning.quiz import MODULE_QUIZ_SIZE
from tests.test_pages import _fresh_cache, app, make_user  # noqa: F401  (_fresh_cache is an autouse fixture)


def module(body_zh: str) -> Module:
    t = {"zh": "甲", "en": "a"}
    return Module.model_validate(
        {
            "id": "alpha",
            "title": t,
            "summary": t,
            "sections": [{"id": "s", "title": t, "body": {"zh": body_zh, "en": "text"}}],
            "takeaways": [t],
            "case": {"title": t, "scenario": t, "question": t, "discussion": t},
            "reflections": [{"id": "r", "prompt": t}],
        }
    )


def test_minutes_are_characters_over_400_plus_quiz_and_case() -> None:
    # summary, section title, takeaway and reflection are one character each: 4 + the body
    assert reading_minutes(module("字" * 796)) == 2 + 5 + 3
    assert reading_minutes(module("字" * 797)) == 3 + 5 + 3
    assert lesson_characters(module("## 标题\n\n- **要点** 一\n| 表 |")) == 4 + 7  # markup and spaces don't count


def test_the_quiz_allowance_is_half_a_minute_per_quiz_question() -> None:
    assert QUIZ_MINUTES == MODULE_QUIZ_SIZE / 2


def test_every_module_of_the_course_reads_in_its_computed_minutes(course: Course) -> None:
    total = sum(m.minutes for m in course.modules)
    formula = sum(
        math.ceil(lesson_characters(m) / CHARS_PER_MINUTE) + QUIZ_MINUTES + CASE_MINUTES for m in course.modules
    )
    assert total == formula
    assert all(m.minutes == reading_minutes(m) for m in course.modules)


def test_the_course_and_module_pages_show_the_computed_minutes(course: Course) -> None:
    at = app(make_user()).run()
    at.switch_page("views/course.py").run()
    captions = [c.value for c in at.caption]
    for m in course.modules:
        assert any(c.startswith(m.summary.en) and c.endswith(f"about {reading_minutes(m)} min") for c in captions), m.id
    first = course.modules[0]
    at.switch_page("views/module.py")
    at.query_params["m"] = first.id
    at.run()
    assert any(c.value.endswith(f"about {reading_minutes(first)} min") for c in at.caption)
