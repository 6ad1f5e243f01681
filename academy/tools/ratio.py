"""Ratio calculator: work back from the annual target to the calls needed each working day.

The chain of the prospecting module: target / deal size = deals; x prospects per deal = prospects;
x meetings per prospect = meetings; x calls per meeting = calls; / working days = calls per day.
Counts are rounded up at each step (there is no half deal to close); calls per day is kept exact and
rounded up for the plan, as the lesson does (12.5 a day, plan on 13).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field
from sqlmodel import Session, select

from academy.core.models import ToolRatioScenario, utcnow
from academy.tools.clients import Input, PersonName, ToolError, validated

MAX_AMOUNT = 1e12  # a trillion in any currency: above every real target, and the chain stays finite


class RatioInputs(Input):
    annual_target: Annotated[float, Field(gt=0, le=MAX_AMOUNT, allow_inf_nan=False)]
    # at least one unit of money a deal: a tinier one makes the number of deals overflow
    deal_size: Annotated[float, Field(ge=1, le=MAX_AMOUNT, allow_inf_nan=False)]
    # One deal from fewer than one prospect, or one meeting from fewer than one call, would be a rate above 100%.
    prospects_per_deal: Annotated[float, Field(ge=1, le=10_000, allow_inf_nan=False)]
    meetings_per_prospect: Annotated[float, Field(gt=0, le=1_000, allow_inf_nan=False)]
    calls_per_meeting: Annotated[float, Field(ge=1, le=10_000, allow_inf_nan=False)]
    working_days: Annotated[int, Field(ge=1, le=366)]


# The lesson's worked example: ERP for mid-sized manufacturers.
WORKED_EXAMPLE = RatioInputs(
    annual_target=6_000_000,
    deal_size=300_000,
    prospects_per_deal=5,
    meetings_per_prospect=3,
    calls_per_meeting=10,
    working_days=240,
)


@dataclass(frozen=True)
class RatioPlan:
    deals: int
    prospects: int
    meetings: int
    calls: int
    calls_per_day: float
    plan_per_day: int  # calls per day, rounded up
    close_rate: float  # deals per prospect, 0..1
    meeting_rate: float  # meetings per call, 0..1


def _up(x: float) -> int:
    return math.ceil(round(x, 6))  # 20.000000001 from float noise is still 20


def work_back(inputs: RatioInputs) -> RatioPlan:
    deals = _up(inputs.annual_target / inputs.deal_size)
    prospects = _up(deals * inputs.prospects_per_deal)
    meetings = _up(prospects * inputs.meetings_per_prospect)
    calls = _up(meetings * inputs.calls_per_meeting)
    per_day = calls / inputs.working_days
    return RatioPlan(
        deals=deals,
        prospects=prospects,
        meetings=meetings,
        calls=calls,
        calls_per_day=round(per_day, 2),
        plan_per_day=_up(per_day),
        close_rate=1 / inputs.prospects_per_deal,
        meeting_rate=1 / inputs.calls_per_meeting,
    )


def inputs_from(**values: object) -> RatioInputs:
    """Validated calculator inputs; a bad value raises ToolError('tool_err_<field>')."""
    return validated(RatioInputs, **values)


class ScenarioName(Input):
    name: PersonName


def save_scenario(session: Session, *, user_id: int, name: str, inputs: RatioInputs) -> ToolRatioScenario:
    """Save under a name; an existing scenario of that name is replaced."""
    clean = validated(ScenarioName, name=name).name
    row = session.exec(
        select(ToolRatioScenario).where(ToolRatioScenario.user_id == user_id, ToolRatioScenario.name == clean)
    ).first()
    if row is None:
        row = ToolRatioScenario(user_id=user_id, name=clean, **inputs.model_dump())
    else:
        for key, value in inputs.model_dump().items():
            setattr(row, key, value)
        row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return row


def list_scenarios(session: Session, *, user_id: int) -> list[ToolRatioScenario]:
    query = select(ToolRatioScenario).where(ToolRatioScenario.user_id == user_id).order_by(ToolRatioScenario.name)
    return list(session.exec(query))


def scenario_inputs(row: ToolRatioScenario) -> RatioInputs:
    return RatioInputs.model_validate({k: getattr(row, k) for k in RatioInputs.model_fields})


def delete_scenario(session: Session, *, user_id: int, scenario_id: int) -> None:
    row = session.get(ToolRatioScenario, scenario_id)
    if row is None or row.user_id != user_id:
        raise ToolError("tool_err_not_found")
    session.delete(row)
