"""The loaded course as plain data in one language, for trainers who print or reuse it."""

from __future__ import annotations

from typing import Any

from academy.content.loader import Course
from academy.content.schema import Question
from academy.core.i18n import tr


def _question(q: Question, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": q.id, "type": q.type, "section": q.section, "prompt": tr(q.prompt, lang)}
    if q.type == "matching":
        out["pairs"] = [
            {"left": tr(left, lang), "right": tr(right, lang)} for left, right in zip(q.left, q.right, strict=True)
        ]
    else:
        out["options"] = [{"id": o.id, "text": tr(o.text, lang)} for o in q.options]
        if q.type == "ordering":
            out["correct_order"] = [o.id for o in q.options]
        else:
            out["answer"] = list(q.answer)
    out["explanation"] = tr(q.explanation, lang)
    return out


def course_as_dict(course: Course, lang: str) -> dict[str, Any]:
    return {
        "title": tr(course.manifest.title, lang),
        "language": lang,
        "modules": [
            {
                "id": m.id,
                "title": tr(m.title, lang),
                "summary": tr(m.summary, lang),
                "minutes": m.minutes,
                "sections": [{"id": s.id, "title": tr(s.title, lang), "body": tr(s.body, lang)} for s in m.sections],
                "takeaways": [tr(p, lang) for p in m.takeaways],
                "terms": [
                    {"id": t.id, "name": tr(t.name, lang), "definition": tr(t.definition, lang)} for t in m.terms
                ],
                "case": {k: tr(getattr(m.case, k), lang) for k in ("title", "scenario", "question", "discussion")},
                "reflections": [{"id": r.id, "prompt": tr(r.prompt, lang)} for r in m.reflections],
                "questions": [_question(q, lang) for q in course.questions(m.id)],
            }
            for m in course.modules
        ],
        "checklist": [
            {"id": g.id, "title": tr(g.title, lang), "items": [{"id": i.id, "text": tr(i.text, lang)} for i in g.items]}
            for g in course.checklist.groups
        ],
    }
