"""How long a module takes, derived from its text so the figure can't drift from the content.

minutes = ceil(lesson characters / 400) + 5 for the module quiz + 3 for the case, where the lesson
characters are the non-space characters of the Chinese summary, section titles and bodies,
takeaways, term names and definitions and reflection prompts (Markdown markup not counted).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from academy.content.schema import Module

CHARS_PER_MINUTE = 400  # an unhurried reading speed for Chinese business prose
QUIZ_MINUTES = 5  # the module quiz: ten questions (academy.learning.quiz.MODULE_QUIZ_SIZE), half a minute each
CASE_MINUTES = 3  # reading the case and writing an answer before the model discussion
_MARKUP = set("*#|>`_")


def _lesson_texts(module: Module) -> Iterator[str]:
    yield module.summary.zh
    for s in module.sections:
        yield s.title.zh
        yield s.body.zh
    yield from (t.zh for t in module.takeaways)
    for term in module.terms:
        yield term.name.zh
        yield term.definition.zh
    yield from (r.prompt.zh for r in module.reflections)


def lesson_characters(module: Module) -> int:
    return sum(1 for text in _lesson_texts(module) for ch in text if not ch.isspace() and ch not in _MARKUP)


def reading_minutes(module: Module) -> int:
    return math.ceil(lesson_characters(module) / CHARS_PER_MINUTE) + QUIZ_MINUTES + CASE_MINUTES
