"""Reading a Moodle XML file into a trainer's question set: all of it, or nothing with every problem named.

Supported: multichoice (one answer: single; several: multiple), truefalse, matching, ordering (qtype_ordering,
all items shown), i.e. what academy.integrations.moodle_export writes. Category entries are skipped. Any
other question type, and anything the academy cannot show or score the Moodle way, is a problem named by
question (its number in the file and its name) and field: embedded files and images, a single-answer
question with partial credit, a matching distractor (an answer without a question), an ordering question
that shows only some of its items. All problems of the file are collected before anything is stored.

Every question passes the course's Question schema (academy/content/schema.py) before it is kept.
"""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from pydantic import ValidationError
from sqlmodel import Session

from academy.accounts.users import is_staff
from academy.content.schema import Question
from academy.core.models import QuestionSet, User
from academy.integrations.moodle_text import TEXT_MAX, split_languages, to_markdown
from academy.learning import question_sets

FILE_MAX = 5 * 1024 * 1024  # bytes
OPTIONS_MAX = 12  # answers of one multiple-choice or ordering question, pairs of a matching one
SUPPORTED = ("multichoice", "truefalse", "matching", "ordering")
TRUE_FALSE = {"true": {"zh": "对", "en": "True"}, "false": {"zh": "错", "en": "False"}}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: `number` is the question's place in the file (0: the file itself)."""

    number: int
    name: str
    field: str  # the Moodle XML element (e.g. "questiontext", "answer 3", "subquestion 2")
    key: str  # i18n key of the message
    params: dict[str, Any] = field(default_factory=dict)


class MoodleImportError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


class _Question:
    """Reads one <question>, collecting problems instead of stopping at the first."""

    def __init__(self, element: ET.Element, number: int, problems: list[Problem]):
        self.element, self.number, self.problems = element, number, problems
        self.name = (element.findtext("name/text") or "").strip()

    def problem(self, where: str, key: str, **params: Any) -> None:
        self.problems.append(Problem(self.number, self.name[:80], where, key, params))

    def text(self, element: ET.Element | None, where: str, *, required: bool = True) -> dict[str, str] | None:
        """A field's zh and en Markdown; None (with a problem when required) if it is empty or unusable."""
        raw = (element.findtext("text") if element is not None else None) or ""
        if element is not None and (element.find("file") is not None or "@@PLUGINFILE@@" in raw or "<img" in raw):
            self.problem(where, "mx_err_files")
            return None
        if not raw.strip():
            if required:
                self.problem(where, "mx_err_empty")
            return None
        parts = split_languages(raw)
        if parts.zh is None and parts.en is None:
            self.problem(where, "mx_err_languages", langs=", ".join(parts.others))
            return None
        fmt = (element.get("format") or "html").lower()
        convert = (lambda s: s.strip()) if fmt == "markdown" else to_markdown
        zh = convert(parts.zh if parts.zh is not None else parts.en)
        en = convert(parts.en if parts.en is not None else parts.zh)
        if not zh or not en:
            if required:
                self.problem(where, "mx_err_empty")
            return None
        if max(len(zh), len(en)) > TEXT_MAX:
            self.problem(where, "mx_err_long", n=TEXT_MAX)
            return None
        return {"zh": zh, "en": en}

    def fraction(self, answer: ET.Element, where: str) -> float | None:
        try:
            value = float(answer.get("fraction", "0"))
        except ValueError:
            self.problem(where, "mx_err_fraction", value=answer.get("fraction", "")[:20])
            return None
        if not -100 <= value <= 100:
            self.problem(where, "mx_err_fraction", value=answer.get("fraction", "")[:20])
            return None
        return value

    def read(self) -> dict[str, Any] | None:
        """The question's fields for the Question schema (without id and section), or None."""
        kind = self.element.get("type", "")
        if not self.name:
            self.problem("name", "mx_err_empty")
        elif len(self.name) > 255:
            self.problem("name", "mx_err_long", n=255)
        if kind not in SUPPORTED:
            self.problem("type", "mx_err_type", type=kind[:40], supported=", ".join(SUPPORTED))
            return None
        prompt = self.text(self.element.find("questiontext"), "questiontext")
        feedback = self.text(self.element.find("generalfeedback"), "generalfeedback", required=False)
        fields = getattr(self, f"_{kind}")()
        if fields is None or prompt is None:
            return None
        if feedback is None:
            feedback = fields.pop("_answer_feedback", None)
            if feedback is None:
                self.problem("generalfeedback", "mx_err_no_feedback")
                return None
        fields.pop("_answer_feedback", None)
        return {**fields, "prompt": prompt, "explanation": feedback}

    def _answers(self, kind_max: int = OPTIONS_MAX) -> list[tuple[int, ET.Element]]:
        answers = list(enumerate(self.element.findall("answer"), start=1))
        if len(answers) < 2:
            self.problem("answer", "mx_err_too_few", n=2)
        if len(answers) > kind_max:
            self.problem("answer", "mx_err_too_many", n=kind_max)
        return answers

    def _right_feedback(self, answers: list[tuple[int, ET.Element]], right: list[int]) -> dict[str, str] | None:
        """The feedback of the right answers, as an explanation when the question has no general feedback."""
        texts = [self.text(a.find("feedback"), f"answer {n}", required=False) for n, a in answers if n in right]
        texts = [t for t in texts if t]
        if not texts:
            return None
        return {"zh": "\n\n".join(t["zh"] for t in texts), "en": "\n\n".join(t["en"] for t in texts)}

    def _multichoice(self) -> dict[str, Any] | None:
        single = (self.element.findtext("single") or "true").strip().lower() in ("true", "1")
        answers = self._answers()
        options, right, ok = [], [], True
        for (n, answer), letter in zip(answers, string.ascii_lowercase, strict=False):
            text = self.text(answer, f"answer {n}")
            value = self.fraction(answer, f"answer {n}")
            if text is None or value is None:
                ok = False
                continue
            options.append({"id": letter, "text": text})
            if single and 0 < value < 100:
                self.problem(f"answer {n}", "mx_err_partial", value=f"{value:g}")
                ok = False
            if value > 0:
                right.append((n, letter))
        if ok and not right:
            self.problem("answer", "mx_err_no_right")
        if ok and single and len(right) > 1:
            self.problem("answer", "mx_err_many_right", n=len(right))
        if not ok or not right or (single and len(right) != 1) or len(answers) < 2 or len(answers) > OPTIONS_MAX:
            return None
        return {
            "type": "single" if single else "multiple",
            "options": options,
            "answer": [letter for _, letter in right],
            "_answer_feedback": self._right_feedback(answers, [n for n, _ in right]),
        }

    def _truefalse(self) -> dict[str, Any] | None:
        values: dict[str, tuple[int, float]] = {}
        for n, answer in enumerate(self.element.findall("answer"), start=1):
            said = (answer.findtext("text") or "").strip().lower()
            value = self.fraction(answer, f"answer {n}")
            if said not in TRUE_FALSE:
                self.problem(f"answer {n}", "mx_err_true_false", value=said[:20])
            elif value is not None:
                values[said] = (n, value)
        right = [said for said, (_, value) in values.items() if value >= 100]
        if set(values) != {"true", "false"} or len(right) != 1:
            self.problem("answer", "mx_err_true_false_key")
            return None
        answers = list(enumerate(self.element.findall("answer"), start=1))
        return {
            "type": "true_false",
            "options": [{"id": key, "text": text} for key, text in TRUE_FALSE.items()],
            "answer": right,
            "_answer_feedback": self._right_feedback(answers, [values[right[0]][0]]),
        }

    def _matching(self) -> dict[str, Any] | None:
        subs = list(enumerate(self.element.findall("subquestion"), start=1))
        left, right, ok = [], [], True
        if len(subs) < 2:
            self.problem("subquestion", "mx_err_too_few", n=2)
        if len(subs) > OPTIONS_MAX:
            self.problem("subquestion", "mx_err_too_many", n=OPTIONS_MAX)
        for n, sub in subs:
            if not (sub.findtext("text") or "").strip():
                self.problem(f"subquestion {n}", "mx_err_distractor")
                ok = False
                continue
            question = self.text(sub, f"subquestion {n}")
            answer = self.text(sub.find("answer"), f"subquestion {n} answer")
            if question is None or answer is None:
                ok = False
                continue
            left.append(question)
            right.append(answer)
        if not ok or not 2 <= len(subs) <= OPTIONS_MAX:
            return None
        return {"type": "matching", "left": left, "right": right}

    def _ordering(self) -> dict[str, Any] | None:
        answers = self._answers()
        select = (self.element.findtext("selecttype") or "ALL").strip().upper()
        try:
            count = int((self.element.findtext("selectcount") or "0").strip())
        except ValueError:
            count = 0
        if select not in ("ALL", "EXACT") and 0 < count < len(answers):
            self.problem("selecttype", "mx_err_subset", n=count, total=len(answers))
            return None
        options, ok = [], True
        for (n, answer), letter in zip(answers, string.ascii_lowercase, strict=False):
            text = self.text(answer, f"answer {n}")
            if text is None:
                ok = False
                continue
            options.append({"id": letter, "text": text})
        if not ok or not 2 <= len(answers) <= OPTIONS_MAX:
            return None
        return {"type": "ordering", "options": options}  # the file lists the items in the right order


def read(data: bytes) -> list[tuple[str, dict[str, Any]]]:
    """(name, question fields) for every question of a Moodle XML file; MoodleImportError lists all problems."""
    if len(data) > FILE_MAX:
        raise MoodleImportError([Problem(0, "", "file", "mx_err_file_size", {"n": FILE_MAX // (1024 * 1024)})])
    try:
        root = fromstring(data)
    except (ET.ParseError, DefusedXmlException, ValueError) as exc:
        raise MoodleImportError([Problem(0, "", "file", "mx_err_not_xml", {"error": str(exc)[:200]})]) from None
    if root.tag != "quiz":
        raise MoodleImportError([Problem(0, "", "file", "mx_err_not_moodle", {"tag": root.tag[:40]})])
    problems: list[Problem] = []
    found: list[tuple[str, dict[str, Any]]] = []
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    if not questions:
        raise MoodleImportError([Problem(0, "", "file", "mx_err_no_questions", {})])
    if len(questions) > question_sets.MAX_QUESTIONS:
        raise MoodleImportError([Problem(0, "", "file", "mx_err_count", {"n": question_sets.MAX_QUESTIONS})])
    for number, element in enumerate(questions, start=1):
        reader = _Question(element, number, problems)
        fields = reader.read()
        if fields is None:
            continue
        try:  # the course's own schema, with a stand-in id and section (the set gives the real ones)
            Question.model_validate({**fields, "id": "q", "section": question_sets.SECTION})
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(p) for p in error["loc"]) or "question"
                reader.problem(where, "mx_err_schema", message=error["msg"][:200])
            continue
        found.append((reader.name, fields))
    if problems:
        raise MoodleImportError(problems)
    return found


def import_set(session: Session, *, trainer: User, name: str, filename: str, data: bytes) -> QuestionSet:
    """A new question set of the trainer's from a Moodle XML file: all of its questions, or nothing."""
    if not is_staff(trainer):
        raise question_sets.QuestionSetError("err_not_allowed")
    items = read(data)
    return question_sets.create(session, trainer_id=trainer.id, name=name, source=filename, items=items)
