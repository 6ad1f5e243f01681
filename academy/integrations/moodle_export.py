"""Questions as Moodle XML (Moodle's question bank "Import > Moodle XML format").

| academy | Moodle question type |
|---|---|
| single, scenario | multichoice, `<single>true</single>`: the key 100%, the others 0% |
| multiple | multichoice, `<single>false</single>`: the keys share +100%, the others share -100% (our scoring) |
| true_false | truefalse |
| matching | matching: one `<subquestion>` per pair (the right-hand item as its plain-text answer) |
| ordering | ordering (qtype_ordering: a plugin, standard since Moodle 4.4): items in the right order, all shown |

Every question's explanation is its `<generalfeedback>`. Languages: both in each field as the spans of
Moodle's multi-language content filter (`lang="multilang"`), or one language per file (`lang="zh"` /
`"en"`). Ordering is graded all-or-nothing, as in the academy. Question names are the academy's question
ids (a trainer's set keeps the names it was imported with), so an exported file imported and exported
again gives the same questions.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Literal

from academy.content.loader import Course
from academy.content.schema import L10n, Question
from academy.integrations.moodle_text import multilang, to_html
from academy.learning.question_sets import SetQuestion

Lang = Literal["multilang", "zh", "en"]
LANGS: tuple[Lang, ...] = ("multilang", "zh", "en")


def _fraction(value: float) -> str:
    """As Moodle writes fractions: up to seven decimals, no trailing zeros."""
    text = f"{value:.7f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(value: L10n, lang: Lang, *, html: bool = True) -> str:
    convert = to_html if html else (lambda s: s)
    if lang == "multilang":
        return multilang(convert(value.zh), convert(value.en))
    return convert(value.zh if lang == "zh" else value.en)


def _field(parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(element, "text").text = text
    return element


def _answer(parent: ET.Element, fraction: float, text: str, fmt: str = "html") -> None:
    answer = _field(parent, "answer", text, fmt, fraction=_fraction(fraction))
    _field(answer, "feedback", "")


def question_element(name: str, question: Question, lang: Lang) -> ET.Element:
    kind = {
        "single": "multichoice",
        "scenario": "multichoice",
        "multiple": "multichoice",
        "true_false": "truefalse",
        "matching": "matching",
        "ordering": "ordering",
    }[question.type]
    q = ET.Element("question", {"type": kind})
    ET.SubElement(ET.SubElement(q, "name"), "text").text = name
    _field(q, "questiontext", _text(question.prompt, lang))
    _field(q, "generalfeedback", _text(question.explanation, lang))
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0"
    ET.SubElement(q, "hidden").text = "0"
    if kind == "multichoice":
        single = question.type != "multiple"
        ET.SubElement(q, "single").text = "true" if single else "false"
        ET.SubElement(q, "shuffleanswers").text = "true"
        ET.SubElement(q, "answernumbering").text = "none"
        right = [o for o in question.options if o.id in question.answer]
        wrong = len(question.options) - len(right)
        for option in question.options:
            if option.id in question.answer:
                fraction = 100.0 if single else 100.0 / len(right)
            else:
                fraction = 0.0 if single or not wrong else -100.0 / wrong
            _answer(q, fraction, _text(option.text, lang))
    elif kind == "truefalse":
        for value in ("true", "false"):
            _answer(q, 100.0 if question.answer == [value] else 0.0, value, "moodle_auto_format")
    elif kind == "matching":
        ET.SubElement(q, "shuffleanswers").text = "true"
        for left, right_item in zip(question.left, question.right, strict=True):
            sub = _field(q, "subquestion", _text(left, lang))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = _text(right_item, lang, html=False)
    else:  # ordering (qtype_ordering)
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ALL_OR_NOTHING"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            ET.SubElement(q, tag).text = value
        for position, option in enumerate(question.options, start=1):
            _answer(q, float(position), _text(option.text, lang))
    return q


def export(groups: Iterable[tuple[str, Iterable[tuple[str, Question]]]], *, lang: Lang = "multilang") -> bytes:
    """A Moodle XML file: per group a category (its name) and its (name, question) pairs."""
    quiz = ET.Element("quiz")
    for category, items in groups:
        cat = ET.SubElement(quiz, "question", {"type": "category"})
        ET.SubElement(ET.SubElement(cat, "category"), "text").text = f"$course$/top/{category}"
        for name, question in items:
            quiz.append(question_element(name, question, lang))
    ET.indent(quiz, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"


def course_groups(course: Course, module_id: str | None = None) -> list[tuple[str, list[tuple[str, Question]]]]:
    """One module's questions, or the whole bank (a category per module), named by question id."""
    modules = [course.module(module_id)] if module_id else course.modules
    return [(m.title.en, [(q.id, q) for q in course.questions(m.id)]) for m in modules if course.questions(m.id)]


def set_groups(name: str, items: list[SetQuestion]) -> list[tuple[str, list[tuple[str, Question]]]]:
    """A trainer's set, each question under the name it was imported with."""
    return [(name, [(item.name, item.question) for item in items])]
