"""Call plan: one visit to one person, prepared from the account's decision-unit map, then reviewed.

The plan follows the checklist's preparation behaviours and the course's selling-points tool (M7
`role-selling-points`): the objective as a step of the opportunity's deal plan, the person's role and
personality, the opening, the questions, the selling points per decision role (need or motive, selling
point, value), the evidence to bring and the next step to secure.

After the visit, the review records how it went and which checklist behaviours came up and were done,
and adds them to the activity checklist in one go (`academy.checklist.log.add_counts` decides whether
they count for the week or the day). A review is added once: the plan is claimed in one statement, so a
double click or two tabs can't count a visit twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints
from sqlalchemy import update
from sqlmodel import Session, col, select

from academy.checklist.entries import ChecklistError
from academy.checklist.log import add_counts
from academy.content.frameworks import CYCLE_STEPS, PERSONALITIES, SELLING_ROLES
from academy.core.models import ToolAccount, ToolCallPlan, ToolContact, utcnow
from academy.tools.clients import Input, Note, ToolError, get_contact, validated
from academy.tools.dealplan import check_date
from academy.tools.opportunity import get_opportunity

TEMPLATE_ROLES = ("decider", "maintainer", "user")  # the rows of the course's selling-points template
OUTCOMES = ("met", "partly", "missed")
MAX_QUESTIONS = 10
Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Objective = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)]

# The checklist behaviours one visit exercises, in checklist order, and when each counts as having come up.
# "always": every visit; "points": when the plan brings selling points; "missed": when the aim was not met;
# "maybe": only if the learner says it came up.
VISIT_ITEMS: dict[str, str] = {
    "prep-know-role": "always",
    "prep-purpose-in-plan": "always",
    "prep-opening": "always",
    "prep-documents-selling-points": "always",
    "prep-questions": "always",
    "visit-confident-image": "always",
    "visit-concise-answers": "always",
    "visit-client-language": "always",
    "visit-listen-for-meaning": "always",
    "visit-ask-more": "always",
    "visit-watch-trust": "always",
    "visit-read-reactions": "always",
    "visit-next-step": "always",
    "pack-clear-solution": "maybe",
    "pack-points-per-decider": "points",
    "pack-points-to-value": "points",
    "pack-competitive-edge": "maybe",
    "pack-rehearse-presentation": "maybe",
    "pack-evidence": "points",
    "rel-real-motive": "always",
    "rel-top-level-visit": "maybe",
    "self-review-missed-aim": "missed",
    "self-clarify-vagueness": "maybe",
    "self-no-easy-promises": "maybe",
    "self-seek-breakthrough": "maybe",
    "self-confirm-next-step": "always",
}


class PointIn(Input):
    role: Literal["decider", "evaluator", "screener", "maintainer", "user"]
    need: Line = ""
    point: Line = ""
    value: Line = ""


class CallPlanIn(Input):
    visit_on: date
    step: Literal[CYCLE_STEPS] | None = None  # type: ignore[valid-type]
    objective: Objective = ""
    personality: Literal[PERSONALITIES] | None = None  # type: ignore[valid-type]
    opening: Paragraph = ""
    questions: list[Line] = Field(default_factory=list, max_length=MAX_QUESTIONS)
    points: list[PointIn] = Field(default_factory=list, max_length=len(SELLING_ROLES))
    evidence: Paragraph = ""
    next_step: Objective = ""


class ReviewIn(Input):
    outcome: Literal["met", "partly", "missed"]
    review_note: Note = ""
    miss_cause: Paragraph = ""
    agreed_next: Objective = ""


def save_call_plan(
    session: Session,
    *,
    user_id: int,
    contact_id: int,
    visit_on: date,
    plan_id: int | None = None,
    opportunity_id: int | None = None,
    step: str | None = None,
    objective: str = "",
    personality: str | None = None,
    opening: str = "",
    questions: Iterable[str] = (),
    points: Sequence[Mapping[str, str]] = (),
    evidence: str = "",
    next_step: str = "",
    today: date | None = None,
) -> ToolCallPlan:
    """Create a plan for a visit to this person, or update one (plan_id). Blank questions and empty
    selling-point rows are dropped; a role appears once."""
    contact = get_contact(session, user_id=user_id, contact_id=contact_id)
    data = validated(
        CallPlanIn,
        visit_on=visit_on,
        step=step or None,
        objective=objective,
        personality=personality or None,
        opening=opening,
        questions=[q for q in (str(q).strip() for q in questions) if q],
        points=[p for p in points if any(str(p.get(k) or "").strip() for k in ("need", "point", "value"))],
        evidence=evidence,
        next_step=next_step,
    )
    check_date(data.visit_on, today=today or date.today())
    roles = [p.role for p in data.points]
    if len(set(roles)) != len(roles):
        raise ToolError("cp_err_role_twice")
    if opportunity_id is not None:
        opp = get_opportunity(session, user_id=user_id, opportunity_id=opportunity_id)
        if opp.account_id != contact.account_id:
            raise ToolError("tool_err_not_found")
    if plan_id is None:
        plan = ToolCallPlan(user_id=user_id, account_id=contact.account_id, contact_id=contact.id, visit_on=visit_on)
    else:
        plan = get_call_plan(session, user_id=user_id, plan_id=plan_id)
        if plan.contact_id != contact.id:
            raise ToolError("tool_err_not_found")
    values = data.model_dump()
    values["points"] = [p.model_dump() for p in sorted(data.points, key=lambda p: SELLING_ROLES.index(p.role))]
    for key, value in values.items():
        setattr(plan, key, value)
    plan.opportunity_id = opportunity_id
    plan.updated_at = utcnow()
    session.add(plan)
    session.flush()
    return plan


def get_call_plan(session: Session, *, user_id: int, plan_id: int) -> ToolCallPlan:
    plan = session.get(ToolCallPlan, plan_id)
    if plan is None or plan.user_id != user_id:
        raise ToolError("tool_err_not_found")
    return plan


def list_call_plans(
    session: Session, *, user_id: int, account_id: int | None = None, opportunity_id: int | None = None
) -> list[tuple[ToolAccount, ToolContact, ToolCallPlan]]:
    """The user's plans with their account and person, the latest visit first."""
    query = (
        select(ToolAccount, ToolContact, ToolCallPlan)
        .where(ToolCallPlan.user_id == user_id)
        .where(ToolContact.id == ToolCallPlan.contact_id, ToolAccount.id == ToolCallPlan.account_id)
    )
    if account_id is not None:
        query = query.where(ToolCallPlan.account_id == account_id)
    if opportunity_id is not None:
        query = query.where(ToolCallPlan.opportunity_id == opportunity_id)
    query = query.order_by(col(ToolCallPlan.visit_on).desc(), col(ToolCallPlan.id).desc())
    return [tuple(row) for row in session.exec(query)]


def delete_call_plan(session: Session, *, user_id: int, plan_id: int) -> None:
    """Removes the plan; what its review added to the checklist stays there (edit the checklist to change it)."""
    session.delete(get_call_plan(session, user_id=user_id, plan_id=plan_id))


# --- prefilling from the map ------------------------------------------------------------------


def point_rows(members: Sequence[ToolContact], previous: Sequence[Mapping[str, str]] = ()) -> list[dict]:
    """The selling-points rows for a new plan: the template's three roles and every role someone on the map
    holds, in the course's order, each with who holds it; need, point and value carried over from `previous`
    (the last plan at this account), so a plan builds on the one before."""
    held = {role for m in members for role in m.roles}
    carried = {p["role"]: p for p in previous}
    return [
        {
            "role": role,
            "who": [m.name for m in members if role in m.roles],
            **{k: carried.get(role, {}).get(k, "") for k in ("need", "point", "value")},
        }
        for role in SELLING_ROLES
        if role in held or role in TEMPLATE_ROLES
    ]


def review_defaults(
    plan: ToolCallPlan, *, outcome: str | None, agreed_next: str, miss_cause: str, role_known: bool
) -> dict[str, bool]:
    """The behaviours that came up in this visit -> whether they were done, as far as the plan shows.

    Preparation is done when the plan holds it (an opening, questions, evidence...); the next step when one
    was agreed; the review of a missed aim when its cause is written down. What happened in the room (a
    confident image, asking more than telling...) only the learner knows: those start unticked.
    """
    with_points = [p for p in plan.points if p.get("point")]
    came_up = {
        item
        for item, when in VISIT_ITEMS.items()
        if when == "always"
        or (when == "points" and with_points)
        or (when == "missed" and outcome in ("partly", "missed"))
    }
    done = {
        "prep-know-role": role_known,
        "prep-purpose-in-plan": plan.step is not None,
        "prep-opening": bool(plan.opening),
        "prep-documents-selling-points": bool(with_points) and bool(plan.evidence),
        "prep-questions": bool(plan.questions),
        "visit-next-step": bool(agreed_next.strip()),
        "self-confirm-next-step": bool(agreed_next.strip()),
        "self-review-missed-aim": bool(miss_cause.strip()),
        "pack-points-per-decider": len({p["role"] for p in with_points}) > 1,
        "pack-points-to-value": bool(with_points) and all(p.get("value") for p in with_points),
        "pack-evidence": bool(plan.evidence),
    }
    return {item: done.get(item, False) for item in VISIT_ITEMS if item in came_up}


# --- the review -------------------------------------------------------------------------------


def save_review(
    session: Session,
    *,
    user_id: int,
    plan_id: int,
    outcome: str,
    behaviours: Mapping[str, bool],
    item_ids: set[str],
    review_note: str = "",
    miss_cause: str = "",
    agreed_next: str = "",
    today: date | None = None,
) -> tuple[ToolCallPlan, tuple[str, date] | None]:
    """Record the visit's review and add its behaviours to the checklist, once.

    `behaviours`: the checklist items that came up -> done. Returns the plan and where the counts went
    ((period, start)), or None when this plan's review was already in the checklist: re-saving a review
    updates the review only.
    """
    plan = get_call_plan(session, user_id=user_id, plan_id=plan_id)
    if plan.visit_on > (today or date.today()):
        raise ToolError("cp_err_review_future", day=plan.visit_on.isoformat())
    data = validated(ReviewIn, outcome=outcome, review_note=review_note, miss_cause=miss_cause, agreed_next=agreed_next)
    unknown = set(behaviours) - (set(VISIT_ITEMS) & item_ids)
    if unknown:
        raise ToolError("cp_err_behaviour")
    if not behaviours:
        raise ToolError("cp_err_no_behaviours")
    # claim the plan in one statement: of two clicks, only one finds it not yet logged
    claimed = session.exec(
        update(ToolCallPlan)
        .where(col(ToolCallPlan.id) == plan.id, col(ToolCallPlan.logged_at).is_(None))
        .values(logged_at=utcnow())
    ).rowcount
    where = None
    if claimed:
        counts = {item: (1, int(bool(done))) for item, done in behaviours.items()}
        try:
            where = add_counts(session, user_id=user_id, day=plan.visit_on, counts=counts, item_ids=item_ids)
        except ChecklistError as err:
            raise ToolError(err.key, **err.params) from None
    session.refresh(plan)  # logged_at as the claim left it
    for key, value in data.model_dump().items():
        setattr(plan, key, value)
    plan.behaviours = {item: bool(done) for item, done in behaviours.items()}
    plan.reviewed_on = today or date.today()
    if where is not None:
        plan.logged_period, plan.logged_start = where
    session.add(plan)
    session.flush()
    return plan, where
