"""Deal plan: the sales strategy and plan of one opportunity, along the six-step sales cycle with dates.

The course's template (M8 `strategy-plan`): who works the deal, the sales goal, the strategy, the sales
activities and a timetable along the cycle visit -> needs made concrete -> proposal -> presentation or bid ->
price negotiation -> signing. A step has a planned date and, once it has happened, the date it was done.
Step ids are the M8 terms of kind `cycle-step` (`content.frameworks.CYCLE_STEPS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import StringConstraints
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from academy.content.frameworks import CYCLE_STEPS
from academy.core.dates import EARLIEST, LATEST
from academy.core.models import ToolAccount, ToolDealPlan, ToolOpportunity, utcnow
from academy.tools.clients import Input, Note, ToolError, validated
from academy.tools.opportunity import get_opportunity

Steps = dict[str, dict[str, str | None]]  # step id -> {"planned": ISO date | None, "done": ISO date | None}
State = Literal["done", "overdue", "due", "planned", "unplanned"]


Team = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Goal = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


class DealPlanIn(Input):
    team: Team = ""
    goal: Goal = ""
    strategy: Note = ""
    activities: Note = ""


def check_date(value: date | None, *, today: date, done: bool = False) -> date | None:
    """A date the plan can hold: within 2000..2100, and for something done, not in the future."""
    if value is None:
        return None
    if not EARLIEST <= value <= LATEST:
        raise ToolError("cp_err_date_range", first=EARLIEST.isoformat(), last=LATEST.isoformat())
    if done and value > today:
        raise ToolError("tool_err_future_date")
    return value


def check_steps(dates: Mapping[str, tuple[date | None, date | None]], *, today: date) -> Steps:
    """step -> (planned, done) checked; every step of the cycle in the result, in order.

    Planned dates follow the cycle: a step may not be planned before an earlier one.
    """
    unknown = set(dates) - set(CYCLE_STEPS)
    if unknown:
        raise ToolError("cp_err_step")
    steps: Steps = {}
    last: tuple[int, date] | None = None
    for n, step in enumerate(CYCLE_STEPS, start=1):
        planned, done = dates.get(step, (None, None))
        planned = check_date(planned, today=today)
        done = check_date(done, today=today, done=True)
        if planned is not None:
            if last is not None and planned < last[1]:
                raise ToolError("cp_err_step_order", n=n, m=last[0])
            last = (n, planned)
        steps[step] = {
            "planned": planned.isoformat() if planned else None,
            "done": done.isoformat() if done else None,
        }
    return steps


def save_deal_plan(
    session: Session,
    *,
    user_id: int,
    opportunity_id: int,
    dates: Mapping[str, tuple[date | None, date | None]],
    team: str = "",
    goal: str = "",
    strategy: str = "",
    activities: str = "",
    today: date | None = None,
) -> ToolDealPlan:
    """Create the opportunity's deal plan or replace its contents (one plan per opportunity)."""
    opp = get_opportunity(session, user_id=user_id, opportunity_id=opportunity_id)
    data = validated(DealPlanIn, team=team, goal=goal, strategy=strategy, activities=activities)
    steps = check_steps(dates, today=today or date.today())
    plan = get_deal_plan(session, user_id=user_id, opportunity_id=opp.id)
    if plan is None:
        plan = ToolDealPlan(user_id=user_id, opportunity_id=opp.id)
        try:
            with session.begin_nested():  # two first saves at once: the second finds the first's row
                session.add(plan)
        except IntegrityError:
            plan = get_deal_plan(session, user_id=user_id, opportunity_id=opp.id)
            if plan is None:
                raise
    for key, value in data.model_dump().items():
        setattr(plan, key, value)
    plan.steps = steps
    plan.updated_at = utcnow()
    session.add(plan)
    session.flush()
    return plan


def get_deal_plan(session: Session, *, user_id: int, opportunity_id: int) -> ToolDealPlan | None:
    return session.exec(
        select(ToolDealPlan).where(ToolDealPlan.user_id == user_id, ToolDealPlan.opportunity_id == opportunity_id)
    ).first()


def list_deal_plans(session: Session, *, user_id: int) -> list[tuple[ToolAccount, ToolOpportunity, ToolDealPlan]]:
    query = (
        select(ToolAccount, ToolOpportunity, ToolDealPlan)
        .where(ToolDealPlan.user_id == user_id)
        .where(ToolOpportunity.id == ToolDealPlan.opportunity_id, ToolAccount.id == ToolOpportunity.account_id)
        .order_by(ToolAccount.name, ToolOpportunity.name)
    )
    return [tuple(row) for row in session.exec(query)]


# --- pure reading of a plan ---------------------------------------------------------------------


@dataclass(frozen=True)
class StepStatus:
    step: str
    planned: date | None
    done: date | None
    state: State


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def step_status(steps: Steps, *, today: date) -> list[StepStatus]:
    """Each step of the cycle: done, overdue (planned before today, not done), due today, planned or unplanned."""
    out = []
    for step in CYCLE_STEPS:
        planned, done = _day(steps.get(step, {}).get("planned")), _day(steps.get(step, {}).get("done"))
        if done is not None:
            state: State = "done"
        elif planned is None:
            state = "unplanned"
        elif planned < today:
            state = "overdue"
        elif planned == today:
            state = "due"
        else:
            state = "planned"
        out.append(StepStatus(step, planned, done, state))
    return out


def next_step(steps: Steps) -> str | None:
    """The first step of the cycle not done yet: where the next visit should take the deal."""
    return next((s for s in CYCLE_STEPS if not steps.get(s, {}).get("done")), None)
