"""The call plan and deal plan tools through the real shell (AppTest): prefilled from the map, saved, reviewed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from academy.checklist import log as ck
from academy.core.db import session_scope
from academy.core.settings import get_settings
from academy.tools import clients, decision_unit
from tests.test_pages import _fresh_cache, app, make_user  # noqa: F401  (fixture reused)


def _open(at: AppTest, tool: str) -> AppTest:
    at.switch_page("views/tools.py")
    at.query_params["tool"] = tool
    return at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, at.exception


def _mapped(user_id: int) -> int:
    with session_scope(get_settings().database_url) as s:
        account = clients.ensure_account(s, user_id=user_id, name="Huatuo")
        decision_unit.save_member(s, user_id=user_id, account_id=account.id, name="Zhao", title="GM", roles=["decider"])
        decision_unit.save_member(
            s, user_id=user_id, account_id=account.id, name="Liu", roles=["evaluator", "user"], relationship="champion"
        )
        return account.id


@pytest.mark.parametrize(
    ("tool", "header", "lesson"),
    [
        (
            "deal-plan",
            "Deal plan",
            "Strategy and Tools for the Complex Sale · From needs to strategy to the sales plan",
        ),
        (
            "call-plan",
            "Call plan",
            "The decision process and the decision unit · Different selling points for different decision roles",
        ),
    ],
)
def test_the_two_templates_link_to_their_lesson_sections(tool, header, lesson) -> None:
    at = _open(app(make_user()).run(), tool)
    _ok(at)
    assert at.header[0].value == header
    assert at.get("page_link")[0].proto.label == f"The lesson: {lesson}"


def test_a_call_plan_without_a_map_sends_the_learner_to_the_map() -> None:
    user = make_user()
    with session_scope(get_settings().database_url) as s:
        clients.ensure_account(s, user_id=user[0].id, name="Empty")
    at = _open(app(user).run(), "call-plan")
    _ok(at)
    assert "decision-unit map" in at.info[0].value
    assert at.get("page_link")[1].proto.label == "Open the decision-unit map"


def test_a_call_plan_prefills_the_roles_saves_and_its_review_lands_in_the_checklist() -> None:
    user = make_user()
    _mapped(user[0].id)
    at = _open(app(user).run(), "call-plan")
    _ok(at)
    assert at.selectbox(key="cp-contact-1").value == 1  # Zhao, first on the map
    assert any(m.value.startswith("**Zhao** (GM): role Decider (D)") for m in at.markdown)
    shown = [m.value for m in at.markdown]
    assert "**Decider (D)** · On your map: Zhao" in shown
    assert "**Evaluator (E)** · On your map: Liu" in shown
    assert "**Maintainer** · Nobody on your map in this role yet" in shown
    assert "**User (U)** · On your map: Liu" in shown
    at.text_input(key="cp-need-new-1-decider").input("No outage in the news")
    at.text_input(key="cp-pt-new-1-decider").input("Redundant core")
    yesterday = date.today() - timedelta(days=1)
    at.date_input(key="cp-day-new-1").set_value(yesterday)
    at.button(key="FormSubmitter:cp-form-new-1-None-Save the call plan").click().run()
    _ok(at)
    plan_id = at.selectbox(key="cp-plan-1").value
    assert plan_id is not None  # the new plan is open, with its review
    assert at.subheader[0].value == "After the visit: review"
    at.radio(key=f"cp-rv-{plan_id}-outcome").set_value("met").run()
    at.text_input(key=f"cp-rv-{plan_id}-next").input("Tuesday with IT").run()
    at.button(key=f"cp-rv-{plan_id}-save").click().run()
    _ok(at)
    assert at.success[0].value.startswith("Logged ") and "in your checklist" in at.success[0].value
    with session_scope(get_settings().database_url) as s:
        week = ck.period_totals(
            s, user_id=user[0].id, period="week", start=yesterday - timedelta(days=yesterday.weekday())
        )
    assert week["prep-know-role"] == (1, 1) and week["visit-next-step"] == (1, 1) and week["prep-opening"] == (1, 0)
    assert "already in your checklist" in at.info[0].value


def test_a_deal_plan_refuses_dates_out_of_order_and_saves_in_order() -> None:
    user = make_user()
    _mapped(user[0].id)
    at = _open(app(user).run(), "deal-plan")
    _ok(at)
    assert at.info[0].value.startswith("This account has no opportunity yet")
    at.text_input(key="dp-opp-name-1").input("ERP")
    at.button(key="FormSubmitter:dp-new-opp-1-Create").click().run()
    _ok(at)
    opp = at.selectbox(key="dp-opp-1").value
    first = date.today() + timedelta(days=10)
    at.date_input(key=f"dp-planned-{opp}-cycle-proposal").set_value(first)
    at.date_input(key=f"dp-planned-{opp}-cycle-presentation").set_value(first - timedelta(days=3))
    at.button(key=f"FormSubmitter:dp-form-{opp}-Save the deal plan").click().run()
    assert [e.value for e in at.error] == [
        "Planned dates must follow the sales cycle: step 4 is planned before step 3."
    ]
    at.date_input(key=f"dp-planned-{opp}-cycle-presentation").set_value(first + timedelta(days=3))
    at.button(key=f"FormSubmitter:dp-form-{opp}-Save the deal plan").click().run()
    _ok(at)
    assert not at.error
    assert at.info[0].value == "Next step: Visit, not dated yet."
    assert len(at.get("plotly_chart")) == 1
