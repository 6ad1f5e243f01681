"""Self-assessments: pure scoring of the questionnaires, and storing results over time.

Scoring (explained to learners on the page and in the lessons):
- each item is rated 1..scale; a reverse item counts as (scale + 1 - rating);
- a dimension's score is the mean of its items, rescaled to 0..100;
- seller profile: a soul counts as developed at DEVELOPED (70) or more; top level needs all three
  souls, senior attack and control, intermediate attack; the weakest soul(s) get advice, and a tie
  names every tied soul;
- client personality: control and sensitivity are placed on -1..1 around the scale's middle; the
  quadrant gives the style, and the distance from the nearer axis says how sure the placement is;
  a reading exactly on an axis is reported as between the two neighbouring styles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from academy.content.frameworks import SOULS
from academy.content.schema import Questionnaire
from academy.core import events
from academy.core.models import SelfAssessment

DEVELOPED = 70.0


class AssessmentError(Exception):
    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


def dimension_scores(questionnaire: Questionnaire, answers: dict[str, int]) -> dict[str, float]:
    missing = [i.id for i in questionnaire.items if i.id not in answers]
    if missing:
        raise AssessmentError("sa_missing_answers", n=len(missing))
    top = questionnaire.scale
    totals: dict[str, list[float]] = {d.id: [] for d in questionnaire.dimensions}
    for item in questionnaire.items:
        value = int(answers[item.id])
        if not 1 <= value <= top:
            raise AssessmentError("sa_out_of_range", low=1, high=top)
        totals[item.dimension].append(top + 1 - value if item.reverse else value)
    return {dim: round((sum(v) / len(v) - 1) / (top - 1) * 100, 1) for dim, v in totals.items()}


def weakest(scores: dict[str, float]) -> list[str]:
    low = min(scores.values())
    return [dim for dim, value in scores.items() if abs(value - low) < 1e-9]


def seller_level(scores: dict[str, float]) -> str:
    """intermediate = attack; senior = attack + control; top = all three; otherwise developing."""
    strong = {soul for soul in SOULS if scores.get(soul, 0) >= DEVELOPED}
    if strong >= {"attack", "control", "support"}:
        return "top"
    if strong >= {"attack", "control"}:
        return "senior"
    if "attack" in strong:
        return "intermediate"
    return "developing"


@dataclass(frozen=True)
class Placement:
    x: float  # sensitivity, -1 (low) .. 1 (high)
    y: float  # control, -1 (low) .. 1 (high)
    styles: tuple[str, ...]  # one style, or the two (or four) it lies between
    confidence: str  # "clear" | "moderate" | "borderline"


STYLE_AT = {(True, False): "tiger", (True, True): "peacock", (False, True): "koala", (False, False): "owl"}


def place_personality(scores: dict[str, float]) -> Placement:
    x = round((scores["sensitivity"] - 50) / 50, 3)
    y = round((scores["control"] - 50) / 50, 3)
    highs_control = [True, False] if y == 0 else [y > 0]
    highs_sensitivity = [True, False] if x == 0 else [x > 0]
    styles = tuple(STYLE_AT[(c, s)] for c in highs_control for s in highs_sensitivity)
    margin = min(abs(x), abs(y))
    confidence = "clear" if margin >= 0.4 else "moderate" if margin >= 0.15 else "borderline"
    return Placement(x=x, y=y, styles=styles, confidence=confidence)


def result_for(questionnaire: Questionnaire, answers: dict[str, int]) -> dict[str, Any]:
    scores = dimension_scores(questionnaire, answers)
    result: dict[str, Any] = {"scores": scores, "weakest": weakest(scores)}
    if questionnaire.id == "seller-profile":
        result["level"] = seller_level(scores)
    if questionnaire.id == "client-personality":
        p = place_personality(scores)
        result.update(x=p.x, y=p.y, styles=list(p.styles), confidence=p.confidence)
    return result


def save(
    session: Session, *, user_id: int, questionnaire: Questionnaire, answers: dict[str, int], subject: str = ""
) -> SelfAssessment:
    subject = subject.strip()
    if questionnaire.id == "client-personality" and not subject:
        raise AssessmentError("sa_subject_required")
    if len(subject) > 80:
        raise AssessmentError("sa_subject_long")
    row = SelfAssessment(
        user_id=user_id,
        kind=questionnaire.id,
        subject=subject,
        answers=dict(answers),
        result=result_for(questionnaire, answers),
    )
    session.add(row)
    session.flush()
    data = {"questionnaire": questionnaire.id, "scores": row.result["scores"]}  # never the client's name
    events.record(session, kind="self_assessed", user_id=user_id, data=data)
    return row


def history(session: Session, *, user_id: int, kind: str, subject: str | None = None) -> list[SelfAssessment]:
    query = select(SelfAssessment).where(SelfAssessment.user_id == user_id, SelfAssessment.kind == kind)
    if subject is not None:
        query = query.where(SelfAssessment.subject == subject)
    return list(session.exec(query.order_by(SelfAssessment.created_at, SelfAssessment.id)))


def subjects(session: Session, *, user_id: int, kind: str = "client-personality") -> list[str]:
    """The client contacts this user has assessed, for reassessment."""
    rows = session.exec(
        select(SelfAssessment.subject).where(SelfAssessment.user_id == user_id, SelfAssessment.kind == kind).distinct()
    )
    return sorted(rows)
