"""xAPI 1.0.3 statements from recorded events (pure: no database, no network).

Verbs come from the ADL vocabulary; activity ids sit under the configured base IRI; every name and
verb display is a language map with Simplified Chinese (zh-CN) and English (en). The actor is the
account's e-mail (XAPI_ACTOR=mbox, for accounts that have one) or an `account` on the configured
home page, named by the username, which never changes.

| event | verb | object (activity type) |
|---|---|---|
| module_started | initialized | module |
| module_completed | completed | module |
| section_read | experienced | lesson (a section of a module) |
| quiz_attempted | attempted | assessment (a module quiz, the final exam, a trainer's practice set) |
| quiz_finished | passed / failed | assessment, with scaled score, success, completion, duration |
| live_answered | answered | question, parent: the live session (meeting) |
| roleplay_completed | completed | simulation, with scaled score and the ending |
| self_assessed | completed | assessment (a self-assessment), with the dimension scores |
| checklist_logged | progressed | performance (one period of the checklist), with the fulfilment rate |
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from academy.content.loader import Course
from academy.content.schema import Question
from academy.core.i18n import Bilingual
from academy.learning.scoring import is_correct

ADL = "http://adlnet.gov/expapi"
PLATFORM = "Key Account Academy"
NAME_MAX = 250  # names are labels in LRS reports; a long question prompt is cut here


@dataclass(frozen=True)
class Verb:
    key: str
    zh: str
    en: str

    def as_json(self) -> dict[str, Any]:
        return {"id": f"{ADL}/verbs/{self.key}", "display": {"zh-CN": self.zh, "en": self.en}}


VERBS = {
    v.key: v
    for v in (
        Verb("initialized", "开始学习", "initialized"),
        Verb("completed", "完成", "completed"),
        Verb("experienced", "阅读", "experienced"),
        Verb("attempted", "开始作答", "attempted"),
        Verb("passed", "通过", "passed"),
        Verb("failed", "未通过", "failed"),
        Verb("answered", "回答", "answered"),
        Verb("progressed", "记录进展", "progressed"),
    )
}


@dataclass(frozen=True)
class Learner:
    """Who did it, as the statement names them (read from the account when the statement is built)."""

    username: str
    display_name: str
    email: str | None = None
    language: str = "zh"


@dataclass(frozen=True)
class Config:
    base: str  # activity ids start here (no trailing slash)
    actor: str = "account"  # "account" | "mbox"
    homepage: str = ""  # the account IRI; the base's origin if empty


class StatementError(ValueError):
    """An event that cannot become a statement (e.g. it names content no longer in the course)."""


def _names(zh: str, en: str) -> dict[str, str]:
    return {"zh-CN": zh[:NAME_MAX], "en": en[:NAME_MAX]}


def _l10n(text: Bilingual, prefix: tuple[str, str] = ("", "")) -> dict[str, str]:
    return _names(prefix[0] + text.zh, prefix[1] + text.en)


def duration(seconds: float) -> str:
    """ISO 8601 duration at the 0.01 s precision xAPI keeps, e.g. PT1H2M3.5S."""
    centis = round(max(0.0, seconds) * 100)
    hours, rest = divmod(centis, 360_000)
    minutes, rest = divmod(rest, 6_000)
    secs = f"{rest / 100:.2f}".rstrip("0").rstrip(".")
    tail = f"{secs}S" if rest or not (hours or minutes) else ""
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + tail


def actor(learner: Learner, config: Config) -> dict[str, Any]:
    if config.actor == "mbox" and learner.email:
        return {"objectType": "Agent", "name": learner.display_name, "mbox": f"mailto:{learner.email}"}
    parts = urlsplit(config.base)
    homepage = config.homepage or f"{parts.scheme}://{parts.netloc}"
    return {
        "objectType": "Agent",
        "name": learner.display_name,
        "account": {"homePage": homepage, "name": learner.username},
    }


def _activity(iri: str, kind: str, name: dict[str, str], description: dict[str, str] | None = None) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": f"{ADL}/activities/{kind}", "name": name}
    if description:
        definition["description"] = description
    return {"objectType": "Activity", "id": iri, "definition": definition}


class Builder:
    """Makes one statement per event for one course and configuration."""

    def __init__(self, course: Course, config: Config):
        self.course = course
        self.config = config
        self.base = config.base

    # --- activities ----------------------------------------------------------------------------

    def course_activity(self) -> dict[str, Any]:
        return _activity(f"{self.base}/course", "course", _l10n(self.course.manifest.title))

    def module(self, module_id: str) -> dict[str, Any]:
        m = self._module(module_id)
        return _activity(f"{self.base}/modules/{m.id}", "module", _l10n(m.title), _l10n(m.summary))

    def _module(self, module_id: str):
        try:
            return self.course.module(module_id)
        except KeyError:
            raise StatementError(f"module '{module_id}' is not in the course") from None

    def section(self, module_id: str, section_id: str) -> dict[str, Any]:
        m = self._module(module_id)
        s = next((s for s in m.sections if s.id == section_id), None)
        if s is None:
            raise StatementError(f"section '{section_id}' is not in module '{module_id}'")
        return _activity(f"{self.base}/modules/{m.id}/sections/{s.id}", "lesson", _l10n(s.title))

    def quiz(self, quiz: str, title: str | None) -> dict[str, Any]:
        if quiz == "final":
            return _activity(f"{self.base}/final-exam", "assessment", _names("结业考试", "Final exam"))
        if title is not None:  # a trainer's practice set, named by the trainer (one language)
            number = quiz.removeprefix("set-")
            return _activity(
                f"{self.base}/question-sets/{number}", "assessment", _names(f"练习：{title}", f"Practice: {title}")
            )
        m = self._module(quiz)
        return _activity(f"{self.base}/modules/{m.id}/quiz", "assessment", _l10n(m.title, ("测验：", "Quiz: ")))

    def question(self, question: Question) -> dict[str, Any]:
        return _activity(f"{self.base}/questions/{question.id}", "question", _l10n(question.prompt))

    # --- statements ----------------------------------------------------------------------------

    def statement(
        self,
        *,
        event_id: str,
        kind: str,
        data: dict[str, Any],
        learner: Learner,
        when: datetime,
        question: Question | None = None,
    ) -> dict[str, Any]:
        """The statement for one event; StatementError if its content is gone from the course."""
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        verb, obj, result, parent = self._parts(kind, data, question)
        context: dict[str, Any] = {
            "platform": PLATFORM,
            "language": "en" if learner.language == "en" else "zh-CN",
            "contextActivities": {"grouping": [self.course_activity()]},
        }
        if parent is not None:
            context["contextActivities"]["parent"] = [parent]
        if kind in ("quiz_attempted", "quiz_finished"):  # the attempt's statements share a registration
            context["registration"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.base}/attempts/{data['attempt']}"))
        statement = {
            "id": event_id,
            "actor": actor(learner, self.config),
            "verb": VERBS[verb].as_json(),
            "object": obj,
            "context": context,
            "timestamp": when.astimezone(UTC).isoformat(timespec="milliseconds"),
        }
        if result:
            statement["result"] = result
        return statement

    def _parts(self, kind: str, data: dict[str, Any], question: Question | None):
        """(verb, object, result, parent activity) for one kind of event."""
        ext = f"{self.base}/extensions"
        if kind == "module_started":
            return "initialized", self.module(data["module"]), None, None
        if kind == "module_completed":
            return "completed", self.module(data["module"]), {"completion": True}, None
        if kind == "section_read":
            return "experienced", self.section(data["module"], data["section"]), None, self.module(data["module"])
        if kind == "quiz_attempted":
            return "attempted", self.quiz(data["quiz"], data.get("title")), None, self._quiz_parent(data)
        if kind == "quiz_finished":
            result = {
                "score": {
                    "scaled": round(data["score"], 4),
                    "raw": round(data["score"] * 100, 2),
                    "min": 0,
                    "max": 100,
                },
                "success": data["passed"],
                "completion": True,
                "duration": duration(data["seconds"]),
            }
            verb = "passed" if data["passed"] else "failed"
            return verb, self.quiz(data["quiz"], data.get("title")), result, self._quiz_parent(data)
        if kind == "live_answered":
            if question is None:
                raise StatementError(f"question '{data['question']}' no longer exists")
            result = {
                "score": {"scaled": round(data["score"], 4)},
                "success": is_correct(data["score"]),
                "response": "[,]".join("" if r is None else str(r) for r in data["response"])[:500],
                "duration": duration(data["seconds"]),
            }
            title = data["title"]
            session = _activity(f"{self.base}/live-sessions/{data['session']}", "meeting", _names(title, title))
            return "answered", self.question(question), result, session
        if kind == "roleplay_completed":
            rp = self.course.roleplays.get(data["roleplay"])
            if rp is None:
                raise StatementError(f"role-play '{data['roleplay']}' is not in the course")
            obj = _activity(f"{self.base}/roleplays/{rp.id}", "simulation", _l10n(rp.title), _l10n(rp.summary))
            best = data["best"]
            score: dict[str, Any] = {"raw": data["score"]}
            if best > 0:
                score.update(scaled=round(max(-1.0, min(1.0, data["score"] / best)), 4), max=best)
            result: dict[str, Any] = {
                "score": score,
                "completion": True,
                "extensions": {f"{ext}/ending": data["ending"]},
            }
            if data.get("seconds") is not None:
                result["duration"] = duration(data["seconds"])
            return "completed", obj, result, self.module(rp.module)
        if kind == "self_assessed":
            survey = self.course.questionnaires.get(data["questionnaire"])
            if survey is None:
                raise StatementError(f"self-assessment '{data['questionnaire']}' is not in the course")
            obj = _activity(f"{self.base}/self-assessments/{survey.id}", "assessment", _l10n(survey.title))
            result = {"completion": True, "extensions": {f"{ext}/dimension-scores": data["scores"]}}
            return "completed", obj, result, self.module(survey.module)
        if kind == "checklist_logged":
            start, period = data["start"], data["period"]
            name = _names(
                f"行为清单：{start} 起的一{'周' if period == 'week' else '天'}", f"Checklist: the {period} of {start}"
            )
            obj = _activity(f"{self.base}/checklist/{period}/{start}", "performance", name)
            counts = {k: data[k] for k in ("entries", "executed", "fulfilled")}
            result = {"completion": True, "extensions": {f"{ext}/checklist-counts": counts}}
            if data["executed"]:
                result["score"] = {"scaled": round(data["fulfilled"] / data["executed"], 4)}
            return "progressed", obj, result, None
        raise StatementError(f"no statement is defined for '{kind}' events")

    def _quiz_parent(self, data: dict[str, Any]) -> dict[str, Any] | None:
        quiz = data["quiz"]
        if quiz == "final" or data.get("title") is not None:
            return None
        return self.module(quiz)
