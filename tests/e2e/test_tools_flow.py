"""The four field tools end to end in Chromium, in Chinese and in English, and private to their owner."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from academy.content.loader import Course
from tests.e2e.conftest import choose_language, new_user, register, wait_ready

pytestmark = pytest.mark.browser
WAIT = 30_000


def _form(page: Page, widget_key: str) -> Locator:
    """The Streamlit form holding the widget whose key starts with `widget_key`."""
    return page.get_by_test_id("stForm").filter(has=page.locator(f"[class*='st-key-{widget_key}']"))


def _settled(page: Page) -> None:
    """The run is over: nothing on the page is left over from an earlier run (Streamlit marks those stale)."""
    wait_ready(page)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=WAIT)


def _choose(page: Page, scope: Locator, label: str, option: str) -> None:
    _settled(page)
    box = scope.get_by_role("combobox", name=label)
    expect(box).to_have_count(1, timeout=WAIT)
    box.click()
    if box.get_attribute("aria-expanded") != "true":  # a click sometimes only focuses it; the keyboard opens it
        box.press("ArrowDown")
    page.get_by_role("option", name=option, exact=True).click()


def _tool(page: Page, name: str, param: str) -> None:
    _settled(page)
    page.get_by_role("radiogroup").get_by_role("radio", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=WAIT)
    page.wait_for_url(re.compile(rf"tool={param}"), timeout=WAIT)


def _set_slider(page: Page, label: str, key: str) -> None:
    """Move a slider to its lowest value with the keyboard, as a user can."""
    page.get_by_test_id("stSlider").filter(has_text=label).get_by_role("slider").press(key)


def _new_account(page: Page, prefix: str, name: str, expander: str, field: str, add: str, label: str) -> None:
    page.get_by_text(expander, exact=True).click()
    form = _form(page, f"{prefix}-account-name")
    form.get_by_role("textbox", name=field).fill(name)
    form.get_by_role("button", name=add).click()
    expect(page.get_by_role("combobox", name=label, exact=True)).to_have_value(name, timeout=WAIT)


def test_every_tool_in_chinese(page: Page, app_url: str, course: Course) -> None:
    page.goto(app_url)
    expect(page.get_by_role("tab", name="注册")).to_be_visible(timeout=WAIT)
    _settled(page)
    register(page, new_user("zhou"), "小周")
    expect(page.get_by_role("heading", name="你好，小周")).to_be_visible(timeout=WAIT)
    page.goto(f"{app_url}/tools")
    wait_ready(page)

    # relationship scorecard: an account, a key person, an assessment with depth as the weak spot
    expect(page.get_by_role("heading", name="关系记分卡", exact=True)).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("link", name="对应课程：关系经营七要素")).to_be_visible()
    _new_account(page, "sc", "华拓精密", "新建客户", "客户名称", "添加", "客户")
    contact_form = _form(page, "sc-contact-name")
    contact_form.get_by_role("textbox", name="姓名").fill("王总")
    contact_form.get_by_role("textbox", name="职务").fill("信息化负责人")
    contact_form.get_by_role("button", name="添加").click()
    expect(page.get_by_text("给 王总 打分")).to_be_visible(timeout=WAIT)
    _settled(page)
    _set_slider(page, "深度", "Home")
    page.get_by_role("button", name="保存评估").click()
    expect(page.get_by_text("最弱的要素：深度（1/5）")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("heading", name="按最弱要素排列的关键人")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(1)  # the radar

    # decision-unit map: the decider nobody has met, then a champion
    _tool(page, "决策单元图", "decision-unit-map")
    expect(page.get_by_role("link", name="对应课程：决策流程与决策单元")).to_be_visible()
    member = _form(page, "du-name-")
    member.get_by_role("textbox", name="姓名").fill("赵总")
    member.get_by_role("button", name="决策者（D）").click()
    member.get_by_role("button", name="保存成员").click()
    expect(page.get_by_text("你还没有见过决策者 赵总")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("决策单元里没有啦啦队员")).to_be_visible()
    _settled(page)
    member.get_by_role("textbox", name="姓名").fill("刘经理")
    member.get_by_role("button", name="过滤者（S）").click()
    _choose(page, member, "与我方的关系", "啦啦队员（C）")
    member.get_by_role("button", name="保存成员").click()
    ties = _form(page, "du-tie-a")
    expect(ties.get_by_role("button", name="添加关系")).to_be_visible(timeout=WAIT)  # two members now
    expect(page.get_by_text("决策单元里没有啦啦队员")).to_have_count(0)
    _choose(page, ties, "关系类型", "竞争")
    ties.get_by_role("button", name="添加关系").click()
    expect(page.get_by_text("要删除的关系", exact=True)).to_be_attached(timeout=WAIT)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(1)  # the map

    # opportunity assessment: no budget puts it at the bottom
    _tool(page, "机会评估", "opportunity-assessment")
    form = _form(page, "op-name-")
    form.get_by_role("textbox", name="客户名称").fill("华拓精密")
    form.get_by_role("textbox", name="机会名称").fill("ERP 项目")
    form.get_by_text("还没有预算", exact=True).click()
    form.get_by_text("已经有成功示范", exact=True).click()
    form.get_by_role("button", name="保存评估").click()
    expect(page.get_by_text("建议：暂时不要重点投入")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("最低档：预算，还没有预算。")).to_be_visible()
    expect(page.get_by_role("heading", name="比较所有机会")).to_be_visible()

    # ratio calculator: the lesson's example, a refused rate, a saved scenario
    _tool(page, "比例计算器", "ratio-calculator")
    expect(page.get_by_text("每个工作日打 13 通电话（精确值 12.5）。")).to_be_visible(timeout=WAIT)
    ratio = page.get_by_role("spinbutton", name="成交一单需要的潜在客户数")
    ratio.fill("0.5")
    ratio.press("Enter")
    expect(page.get_by_text("成交一单需要的潜在客户数不能小于 1：成交率不可能超过 100%。")).to_be_visible(timeout=WAIT)
    ratio.fill("4")
    ratio.press("Enter")
    expect(page.get_by_text("每个工作日打 10 通电话（精确值 10）。")).to_be_visible(timeout=WAIT)
    _settled(page)
    save = _form(page, "rc-name")
    save.get_by_role("textbox", name="场景名称").fill("筛得更准")
    save.get_by_role("button", name="保存场景").click()
    expect(page.get_by_role("heading", name="比较场景")).to_be_visible(timeout=WAIT)

    # the address keeps the tool across a reload, and the lesson link leads to the module
    page.reload()
    expect(page.get_by_role("heading", name="比例计算器", exact=True)).to_be_visible(timeout=WAIT)
    page.get_by_role("link", name="对应课程：客户开发：销售是一场比例游戏").click()
    expect(page.get_by_role("heading", name=course.module("m9-prospecting").title.zh)).to_be_visible(timeout=WAIT)


def test_every_tool_in_english_with_export_and_privacy(page: Page, app_url: str, browser: Browser) -> None:
    page.goto(app_url)
    expect(page.get_by_role("tab", name="注册")).to_be_visible(timeout=WAIT)
    _settled(page)
    choose_language(page, "English")
    expect(page.get_by_role("tab", name="Create account")).to_be_visible(timeout=WAIT)
    _settled(page)
    register(page, new_user("chen"), "Chen", tab="Create account")
    expect(page.get_by_role("heading", name="Hello, Chen")).to_be_visible(timeout=WAIT)

    page.goto(f"{app_url}/tools?tool=ratio-calculator")
    expect(page.get_by_text("Plan on 13 calls each working day (12.5 exactly).")).to_be_visible(timeout=WAIT)
    days = page.get_by_role("spinbutton", name="Working days a year")
    days.fill("-5")
    days.press("Enter")
    expect(page.get_by_text("Working days must be a whole number from 1 to 366.")).to_be_visible(timeout=WAIT)

    _tool(page, "Relationship scorecard", "relationship-scorecard")
    _new_account(page, "sc", "Acme <Hospital>", "New account", "Account name", "Add", "Account")
    contact_form = _form(page, "sc-contact-name")
    contact_form.get_by_role("textbox", name="Name").fill("Ms [Chen](http://x)")
    contact_form.get_by_role("button", name="Add").click()
    # the name as text, not a link (plain() puts a word joiner after "http:" so no address becomes a link)
    expect(page.get_by_text(re.compile(r"^Rate Ms \[Chen\]\(http:\u2060?//x\)$"))).to_be_visible(timeout=WAIT)
    _settled(page)
    _set_slider(page, "Frequency", "Home")
    page.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_text("Weakest element: Frequency (1/5)")).to_be_visible(timeout=WAIT)
    # the advice is shown as a paragraph (the sorted list also repeats it in a table cell)
    expect(page.get_by_role("paragraph").filter(has_text="Set a contact rhythm for this person")).to_be_visible()

    _tool(page, "Decision-unit map", "decision-unit-map")
    member = _form(page, "du-name-")
    member.get_by_role("textbox", name="Name", exact=True).fill("Mr Wang")
    member.get_by_role("button", name="Decider (D)").click()
    _choose(page, member, "Relationship to us", "Blocker (B)")
    member.get_by_role("checkbox", name="Met in person").locator("xpath=ancestor::label").click()
    member.get_by_role("button", name="Save member").click()
    expect(page.get_by_text("Mr Wang is a decider and is against us.")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Nobody is mapped as User (U).")).to_be_visible()

    _tool(page, "Opportunity assessment", "opportunity-assessment")
    form = _form(page, "op-name-")
    form.get_by_role("textbox", name="Account name").fill("Acme <Hospital>")
    form.get_by_role("textbox", name="Opportunity name").fill("Network upgrade")
    form.get_by_text("Growing fast", exact=True).click()
    form.get_by_role("button", name="Save assessment").click()
    expect(page.get_by_text("Recommendation: not yet.")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Target-market opportunity assessment: 3 criteria still open.")).to_be_visible()

    page.get_by_text("Download my field-tool data").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))  # path has no suffix
    assert book.sheetnames == [
        "Contacts",
        "Ties",
        "Scorecards",
        "Opportunities",
        "Ratio scenarios",
        "Deal plans",
        "Call plans",
    ]
    assert [c.value for c in book["Contacts"]["B"]] == ["Name", "Mr Wang", "Ms [Chen](http://x)"]

    # another salesperson sees none of it
    other = browser.new_page(locale="en-US")
    other.goto(app_url)
    expect(other.get_by_role("tab", name="Create account")).to_be_visible(timeout=WAIT)
    _settled(other)
    register(other, new_user("rival"), "Rival", tab="Create account")
    expect(other.get_by_role("heading", name="Hello, Rival")).to_be_visible(timeout=WAIT)
    other.goto(f"{app_url}/tools?tool=opportunity-assessment")
    expect(other.get_by_role("heading", name="Opportunity assessment", exact=True)).to_be_visible(timeout=WAIT)
    expect(other.get_by_role("button", name="Save assessment")).to_be_visible(timeout=WAIT)
    expect(other.get_by_role("heading", name="All opportunities compared")).to_have_count(0)
    expect(other.get_by_text("Acme <Hospital>")).to_have_count(0)
    other.goto(f"{app_url}/tools?tool=decision-unit-map")
    expect(other.get_by_text("No accounts yet. Add one above first.")).to_be_visible(timeout=WAIT)
    other.close()
