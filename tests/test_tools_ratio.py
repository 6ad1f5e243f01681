"""Ratio calculator: the lesson's worked example, rounding, validation and saved scenarios."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.tools import ratio
from academy.tools.clients import ToolError
from academy.tools.ratio import WORKED_EXAMPLE, inputs_from, work_back


def test_the_lessons_worked_example() -> None:
    plan = work_back(WORKED_EXAMPLE)
    assert (plan.deals, plan.prospects, plan.meetings, plan.calls) == (20, 100, 300, 3000)
    assert plan.calls_per_day == 12.5
    assert plan.plan_per_day == 13
    assert (plan.close_rate, plan.meeting_rate) == (0.2, 0.1)


def test_the_case_of_the_new_hire() -> None:
    """Module 9's case: 4.8M target, 400k deals, 4 prospects per deal, 3 meetings, 8 calls, 240 days."""
    plan = work_back(
        inputs_from(
            annual_target=4_800_000,
            deal_size=400_000,
            prospects_per_deal=4,
            meetings_per_prospect=3,
            calls_per_meeting=8,
            working_days=240,
        )
    )
    assert (plan.deals, plan.prospects, plan.meetings, plan.calls, plan.calls_per_day, plan.plan_per_day) == (
        12,
        48,
        144,
        1152,
        4.8,
        5,
    )


def test_counts_round_up_because_there_is_no_half_deal() -> None:
    plan = work_back(WORKED_EXAMPLE.model_copy(update={"deal_size": 350_000, "prospects_per_deal": 2.5}))
    assert plan.deals == 18  # 17.14 deals needs 18
    assert plan.prospects == 45
    assert work_back(WORKED_EXAMPLE.model_copy(update={"annual_target": 0.3 * 3 * 1_000_000})).deals == 3


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("annual_target", -1),
        ("annual_target", 0),
        ("deal_size", -300_000),
        ("prospects_per_deal", 0.5),  # would be a close rate of 200%
        ("meetings_per_prospect", -3),
        ("calls_per_meeting", 0),
        ("working_days", 0),
        ("working_days", 400),
        ("working_days", 2.5),
        ("annual_target", float("nan")),
    ],
)
def test_impossible_inputs_name_the_field(field: str, value: float) -> None:
    with pytest.raises(ToolError) as exc:
        inputs_from(**{**WORKED_EXAMPLE.model_dump(), field: value})
    assert exc.value.key == f"tool_err_{field}"


def test_scenarios_are_saved_replaced_by_name_and_private(session: Session) -> None:
    me = users.register(session, username="me1", display_name="Me", password="password-123")
    other = users.register(session, username="other", display_name="Other", password="password-123")
    ratio.save_scenario(session, user_id=me.id, name="Base", inputs=WORKED_EXAMPLE)
    sharper = WORKED_EXAMPLE.model_copy(update={"calls_per_meeting": 8})
    ratio.save_scenario(session, user_id=me.id, name="Sharper opening", inputs=sharper)
    ratio.save_scenario(
        session, user_id=me.id, name=" Base ", inputs=WORKED_EXAMPLE.model_copy(update={"working_days": 200})
    )
    session.commit()
    rows = ratio.list_scenarios(session, user_id=me.id)
    assert [(r.name, r.working_days) for r in rows] == [("Base", 200), ("Sharper opening", 240)]
    assert ratio.scenario_inputs(rows[1]) == sharper
    assert work_back(ratio.scenario_inputs(rows[0])).calls_per_day == 15
    with pytest.raises(ToolError, match="tool_err_name"):
        ratio.save_scenario(session, user_id=me.id, name="", inputs=WORKED_EXAMPLE)
    assert ratio.list_scenarios(session, user_id=other.id) == []
    with pytest.raises(ToolError, match="tool_err_not_found"):
        ratio.delete_scenario(session, user_id=other.id, scenario_id=rows[0].id)
    ratio.delete_scenario(session, user_id=me.id, scenario_id=rows[0].id)
    session.commit()
    assert [r.name for r in ratio.list_scenarios(session, user_id=me.id)] == ["Sharper opening"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("annual_target", 1e308),
        ("annual_target", 1e13),
        ("deal_size", 1e-300),
        ("deal_size", 0.5),
        ("deal_size", 1e13),
    ],
)
def test_absurd_amounts_are_refused_with_the_field_named_not_a_crash(field: str, value: float) -> None:
    values = {**WORKED_EXAMPLE.model_dump(), "annual_target": 1e12, field: value}
    try:
        plan = work_back(inputs_from(**values))
    except ToolError as exc:
        assert exc.key == f"tool_err_{field}"
    else:
        pytest.fail(f"accepted {field}={value}: {plan}")


def test_the_largest_allowed_amounts_work_back_to_finite_numbers() -> None:
    largest = inputs_from(**{**WORKED_EXAMPLE.model_dump(), "annual_target": 1e12, "deal_size": 1})
    plan = work_back(largest.model_copy(update={"prospects_per_deal": 10_000, "calls_per_meeting": 10_000}))
    assert plan.calls > 0 and plan.calls_per_day < float("inf")
