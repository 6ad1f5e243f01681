"""The field-tools page through the real shell (AppTest): tool selection by address, each tool's flow, privacy."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_pages import _fresh_cache, app, make_user  # noqa: F401  (fixture reused)


def _open(at: AppTest, tool: str | None = None) -> AppTest:
    at.switch_page("views/tools.py")
    if tool is not None:
        at.query_params["tool"] = tool
    return at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, at.exception


@pytest.mark.parametrize(
    ("tool", "header", "lesson"),
    [
        (None, "Relationship scorecard", "The seven elements of a working relationship"),
        ("decision-unit-map", "Decision-unit map", "The decision process and the decision unit"),
        ("opportunity-assessment", "Opportunity assessment", "Strategy and Tools for the Complex Sale"),
        ("ratio-calculator", "Ratio calculator", "Prospecting: sales is a ratio game"),
        ("no-such-tool", "Relationship scorecard", "The seven elements of a working relationship"),
    ],
)
def test_the_address_selects_the_tool_and_it_links_to_its_lesson(tool, header, lesson) -> None:
    at = _open(app(make_user()).run(), tool)
    _ok(at)
    assert at.header[0].value == header
    link = at.get("page_link")[0]
    assert link.proto.label == f"The lesson: {lesson}"
    assert "m=" in link.proto.page or link.proto.query_string.startswith("m=")


def test_choosing_a_tool_updates_the_address() -> None:
    # In Chinese: AppTest formats the options outside the app run, where the language is the default one.
    at = _open(app(make_user(), lang="zh").run())
    at.button_group(key="tool-choice").set_value("ratio-calculator").run()
    _ok(at)
    assert at.header[0].value == "比例计算器"
    assert at.query_params["tool"] == "ratio-calculator"


def test_ratio_calculator_starts_from_the_lesson_example_and_validates() -> None:
    at = _open(app(make_user(), lang="zh").run(), "ratio-calculator")
    _ok(at)
    assert [m.value for m in at.metric] == ["20", "100", "300", "3,000", "12.5"]
    assert at.success[0].value == "每个工作日打 13 通电话（精确值 12.5）。"
    at.number_input(key="rc-prospects_per_deal").set_value(0.5).run()
    assert [e.value for e in at.error] == ["成交一单需要的潜在客户数不能小于 1：成交率不可能超过 100%。"]
    at.number_input(key="rc-prospects_per_deal").set_value(4.0).run()
    at.number_input(key="rc-annual_target").set_value(-1.0).run()
    assert [e.value for e in at.error] == ["年销售目标必须大于 0，且不超过 1 万亿。"]
    at.number_input(key="rc-annual_target").set_value(4_800_000.0).run()
    at.number_input(key="rc-deal_size").set_value(400_000.0).run()
    at.number_input(key="rc-calls_per_meeting").set_value(8.0).run()
    assert at.success[0].value == "每个工作日打 5 通电话（精确值 4.8）。"
    at.text_input(key="rc-name").input("小陈")
    at.button(key="FormSubmitter:rc-save-保存场景").click().run()
    _ok(at)
    assert at.dataframe[0].value.iloc[0]["场景"] == "小陈"


def test_scorecard_flow_and_privacy() -> None:
    first = make_user("first")
    at = _open(app(first).run())
    _ok(at)
    assert at.info[0].value == "No accounts yet. Add one above first."
    at.text_input(key="sc-account-name").input("Huatuo")
    at.button(key="FormSubmitter:sc-new-account-Add").click().run()
    at.text_input(key="sc-contact-name").input("Mr *Wang*")
    at.button(key="FormSubmitter:sc-new-contact-Add").click().run()
    _ok(at)
    contact_id = at.selectbox(key="sc-contact").value
    at.slider(key=f"sc-{contact_id}-depth").set_value(1)
    at.button(key=f"FormSubmitter:sc-form-{contact_id}-Save assessment").click().run()
    _ok(at)
    shown = [m.value for m in at.markdown]
    assert "**Weakest element: Depth (1/5)**" in shown
    assert "**Rate Mr \\*Wang\\***" in shown  # the name is shown as typed, not as Markdown
    weakest = at.dataframe[-1].value
    assert weakest.iloc[0]["Key person"] == "Mr *Wang*" and weakest.iloc[0]["Weakest element"] == "Depth"

    second = _open(app(make_user("second")).run())
    _ok(second)
    assert second.info[0].value == "No accounts yet. Add one above first."
    assert not second.dataframe


def test_decision_unit_flow_shows_warnings() -> None:
    at = _open(app(make_user()).run(), "decision-unit-map")
    at.text_input(key="du-account-name").input("Huatuo")
    at.button(key="FormSubmitter:du-new-account-Add").click().run()
    account_id = at.selectbox(key="tool-account").value
    at.text_input(key=f"du-name-{account_id}-new").input("Mr Zhao")
    at.button_group(key=f"du-roles-{account_id}-new").set_value(["decider"])
    at.button(key=f"FormSubmitter:du-form-{account_id}-new-Save member").click().run()
    _ok(at)
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("You have never met Mr Zhao, a decider.") for w in warnings)
    assert any(w.startswith("There is no champion") for w in warnings)
    assert at.dataframe[0].value.iloc[0]["Role · attitude · relationship"] == "D · ? · ?"


def test_opportunity_flow_gives_a_recommendation() -> None:
    at = _open(app(make_user(), lang="zh").run(), "opportunity-assessment")  # zh: see the tool-choice test
    at.text_input(key="op-account-new").input("Company B")
    at.text_input(key="op-name-new").input("ERP")
    at.radio(key="op-new-client-maturity-budget").set_value("none")
    at.button(key="FormSubmitter:op-form-new-保存评估").click().run()
    _ok(at)
    assert at.error[0].value.startswith("建议：暂时不要重点投入")
    reasons = at.markdown[-1].value
    assert "- 客户成熟度评估：还有 5 项没有评。" in reasons  # budget answered, strategic value unticked
    assert "- 最低档：预算，还没有预算。" in reasons
    assert at.dataframe[0].value.iloc[0]["机会"] == "ERP"


def test_every_tool_string_used_in_the_code_exists_in_both_languages() -> None:
    import re

    from academy.core.i18n import STRINGS
    from academy.core.settings import ROOT

    files = [ROOT / "views" / "tools.py", *(ROOT / "academy" / "tools").glob("*.py")]
    used = {k for f in files for k in re.findall(r"[\"'](tool_[a-z_]+)[\"']", f.read_text(encoding="utf-8"))}
    assert used and used <= STRINGS.keys()
    assert all(zh and en for key, (zh, en) in STRINGS.items() if key.startswith("tool_"))
