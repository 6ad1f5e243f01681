from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from academy.content.loader import Course
from tests.e2e.conftest import new_user, register, wait_ready

pytestmark = pytest.mark.browser


def fill(page: Page, survey, rating_for) -> None:
    for item in survey.items:
        group = page.get_by_role("radiogroup", name=item.text.zh)
        group.locator("label").filter(has_text=re.compile(rf"^{rating_for(item)}$")).click()


def test_each_self_assessment_is_stored_and_charted(page: Page, app_url: str, course: Course) -> None:
    page.goto(app_url)
    register(page, new_user("self"), "Self")

    # seller profile: strong attack and control, weak support -> senior; twice, so the trend shows
    survey = course.questionnaires["seller-profile"]
    page.goto(f"{app_url}/self_assessment?kind=seller-profile")
    wait_ready(page)
    for support in (1, 2):
        fill(
            page,
            survey,
            lambda i, s=support: (
                (6 - (s if i.dimension == "support" else 5)) if i.reverse else (s if i.dimension == "support" else 5)
            ),
        )
        page.get_by_role("button", name="提交评估").click()
        expect(page.get_by_text("对应级别：高级（强攻 + 控制）")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("最需要加强：辅助")).to_be_visible()
    expect(page.get_by_role("heading", name="历次结果")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(2)

    # client personality: a named contact placed as a tiger, kept for reassessment
    survey = course.questionnaires["client-personality"]
    page.goto(f"{app_url}/self_assessment?kind=client-personality")
    wait_ready(page)
    page.get_by_role("textbox", name="客户联系人（姓名或代称）").fill("王总 <img src=x onerror=alert(1)>")
    page.keyboard.press("Tab")
    wait_ready(page)
    fill(
        page,
        survey,
        lambda i: (5 if i.dimension == "control" else 1) if not i.reverse else (1 if i.dimension == "control" else 5),
    )
    page.get_by_role("button", name="提交评估").click()
    expect(page.get_by_text("性格判断：支配型（老虎）")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("判断把握：较明确")).to_be_visible()
    page.reload()
    wait_ready(page)
    page.get_by_role("combobox", name="重新评估已保存的联系人").click()
    expect(page.get_by_role("option", name="王总 <img src=x onerror=alert(1)>")).to_be_visible()

    # character: all middle ratings, charted as a radar
    survey = course.questionnaires["character"]
    page.keyboard.press("Escape")
    page.goto(f"{app_url}/self_assessment?kind=character")
    wait_ready(page)
    fill(page, survey, lambda i: 3)
    page.get_by_role("button", name="提交评估").click()
    expect(page.get_by_role("heading", name="最新结果")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(1)
