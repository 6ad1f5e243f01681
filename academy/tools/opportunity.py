"""Opportunity assessment: the complex-sale module's three scored checklists, saved per opportunity.

Scoring follows the course's reading of the source (which gives criteria and levels but no weights):
every criterion counts equally, from 1 at its most favourable level to 0 at its least (for a list of
checks, the share that holds); a tool scores the mean x 100 and passes at the rubric's pass mark; any
criterion at its bottom level is a flag to talk through with a manager before committing resources.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlmodel import Session, select

from academy.content.rubrics import Criterion, OpportunityRubric
from academy.core.i18n import t, tr
from academy.core.models import ToolAccount, ToolOpportunity, utcnow
from academy.tools.clients import AccountName, Input, Note, ToolError, get_account, validated

Ratings = dict[str, dict[str, str | list[str]]]  # assessment id -> criterion id -> level id | checked ids
Verdict = Literal["go", "review", "not_yet", "incomplete"]
Overall = Literal["pursue", "discuss", "not_yet"]


class OpportunityIn(Input):
    name: AccountName
    note: Note = ""


def clean_ratings(rubric: OpportunityRubric, ratings: Ratings) -> Ratings:
    """Keep only answers the rubric knows; an unknown assessment, criterion or choice is an error."""
    clean: Ratings = {}
    for assessment_id, answers in ratings.items():
        try:
            assessment = rubric.assessment(assessment_id)
        except StopIteration:
            raise ToolError("tool_err_rating") from None
        for criterion_id, answer in answers.items():
            try:
                criterion = assessment.criterion(criterion_id)
            except StopIteration:
                raise ToolError("tool_err_rating") from None
            ids = {c.id for c in criterion.choices}
            if criterion.levels:
                if answer is None:
                    continue  # not answered yet
                if not isinstance(answer, str) or answer not in ids:
                    raise ToolError("tool_err_rating")
                clean.setdefault(assessment_id, {})[criterion_id] = answer
            else:
                if not isinstance(answer, list | tuple) or not set(answer) <= ids:
                    raise ToolError("tool_err_rating")
                clean.setdefault(assessment_id, {})[criterion_id] = [c.id for c in criterion.checks if c.id in answer]
    return clean


def save_opportunity(
    session: Session,
    *,
    user_id: int,
    account_id: int,
    name: str,
    rubric: OpportunityRubric,
    ratings: Ratings,
    note: str = "",
    opportunity_id: int | None = None,
) -> ToolOpportunity:
    """Create an opportunity, or update one (opportunity_id); re-saving replaces its answers."""
    account = get_account(session, user_id=user_id, account_id=account_id)
    data = validated(OpportunityIn, name=name, note=note)
    if opportunity_id is None:
        opp = ToolOpportunity(user_id=user_id, account_id=account.id, name=data.name)
    else:
        opp = get_opportunity(session, user_id=user_id, opportunity_id=opportunity_id)
    clash = session.exec(
        select(ToolOpportunity).where(ToolOpportunity.account_id == account.id, ToolOpportunity.name == data.name)
    ).first()
    if clash is not None and clash.id != opp.id:
        raise ToolError("tool_err_opportunity_exists", name=data.name)
    opp.account_id, opp.name, opp.note = account.id, data.name, data.note
    opp.ratings = clean_ratings(rubric, ratings)
    opp.updated_at = utcnow()
    session.add(opp)
    session.flush()
    return opp


def get_opportunity(session: Session, *, user_id: int, opportunity_id: int) -> ToolOpportunity:
    opp = session.get(ToolOpportunity, opportunity_id)
    if opp is None or opp.user_id != user_id:
        raise ToolError("tool_err_not_found")
    return opp


def list_opportunities(session: Session, *, user_id: int) -> list[tuple[ToolAccount, ToolOpportunity]]:
    query = (
        select(ToolAccount, ToolOpportunity)
        .where(ToolOpportunity.user_id == user_id, ToolAccount.id == ToolOpportunity.account_id)
        .order_by(ToolAccount.name, ToolOpportunity.name)
    )
    return [tuple(row) for row in session.exec(query)]


def delete_opportunity(session: Session, *, user_id: int, opportunity_id: int) -> None:
    session.delete(get_opportunity(session, user_id=user_id, opportunity_id=opportunity_id))


# --- pure scoring -----------------------------------------------------------------------------


def criterion_score(criterion: Criterion, answer: str | list[str] | None) -> float | None:
    """1.0 at the most favourable level, 0.0 at the least; for checks the share that holds; None if unanswered."""
    if criterion.checks:
        return None if answer is None else len(answer) / len(criterion.checks)
    if answer is None:
        return None
    index = [c.id for c in criterion.levels].index(answer)
    return 1 - index / (len(criterion.levels) - 1)


@dataclass(frozen=True)
class AssessmentResult:
    assessment_id: str
    score: int | None  # 0..100 over the criteria answered so far
    answered: int
    total: int
    flags: list[str] = field(default_factory=list)  # criteria at their bottom level
    verdict: Verdict = "incomplete"


@dataclass(frozen=True)
class OpportunityResult:
    assessments: list[AssessmentResult]
    overall: Overall

    def result(self, assessment_id: str) -> AssessmentResult:
        return next(a for a in self.assessments if a.assessment_id == assessment_id)


def score_opportunity(rubric: OpportunityRubric, ratings: Ratings) -> OpportunityResult:
    results = []
    for assessment in rubric.assessments:
        answers = ratings.get(assessment.id, {})
        scores = {c.id: criterion_score(c, answers.get(c.id)) for c in assessment.criteria}
        done = [s for s in scores.values() if s is not None]
        score = round(100 * sum(done) / len(done)) if done else None
        flags = [cid for cid, s in scores.items() if s == 0]
        if len(done) < len(scores):
            verdict: Verdict = "incomplete"
        elif score < rubric.pass_mark:
            verdict = "not_yet"
        else:
            verdict = "review" if flags else "go"
        results.append(AssessmentResult(assessment.id, score, len(done), len(scores), flags, verdict))
    verdicts = {r.verdict for r in results}
    overall: Overall = (
        "not_yet" if verdicts & {"not_yet", "incomplete"} else "discuss" if "review" in verdicts else "pursue"
    )
    return OpportunityResult(results, overall)


def reasons(
    result: OpportunityResult, rubric: OpportunityRubric, assessment_names: dict[str, str], lang: str
) -> list[str]:
    """One plain sentence per tool, then one per flagged criterion, in the given language."""
    out = []
    for r in result.assessments:
        assessment = rubric.assessment(r.assessment_id)
        name = assessment_names.get(r.assessment_id, r.assessment_id)
        params = {"tool": name, "score": r.score, "mark": rubric.pass_mark, "go": tr(assessment.go, lang)}
        if r.verdict == "incomplete":
            out.append(t("tool_reason_incomplete", lang, tool=name, open=r.total - r.answered))
        else:
            out.append(t(f"tool_reason_{r.verdict}", lang, **params))
    for r in result.assessments:
        assessment = rubric.assessment(r.assessment_id)
        for cid in r.flags:
            criterion = assessment.criterion(cid)
            bottom = tr(criterion.levels[-1].text, lang) if criterion.levels else t("tool_none_hold", lang)
            out.append(t("tool_reason_flag", lang, criterion=tr(criterion.name, lang), level=bottom))
    return out
