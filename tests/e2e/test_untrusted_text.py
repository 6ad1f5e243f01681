"""Text people type is shown as text: markup in names and notes never runs in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from academy.content.loader import Course
from tests.e2e.conftest import new_user, register, wait_ready

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'


def test_names_and_notes_with_markup_are_shown_not_run(page: Page, app_url: str, course: Course) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_url)
    name = f"Eve {IMG}"
    register(page, new_user("eve"), name)
    expect(page.get_by_role("heading", name=f"你好，{name}")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(f"已登录：{name}")).to_be_visible()

    # a reflection note
    module = course.modules[0]
    page.goto(f"{app_url}/module?m={module.id}&sec=wrap")  # reflections are on the module's last step
    wait_ready(page)
    box = page.get_by_role("textbox", name=module.reflections[0].prompt.zh)
    box.fill(f"note {SCRIPT} {IMG}")
    box.locator("xpath=ancestor::*[@data-testid='stForm']").get_by_role("button", name="保存").click()
    expect(page.get_by_text("上次保存").first).to_be_visible(timeout=30_000)
    page.reload()
    expect(page.get_by_role("textbox", name=module.reflections[0].prompt.zh)).to_have_value(
        f"note {SCRIPT} {IMG}", timeout=30_000
    )

    # a client contact's name, shown in the selector and on the quadrant chart
    survey = course.questionnaires["client-personality"]
    page.goto(f"{app_url}/self_assessment?kind=client-personality")
    wait_ready(page)
    page.get_by_role("textbox", name="客户联系人（姓名或代称）").fill(f"Boss {SCRIPT}{IMG}")
    page.keyboard.press("Tab")
    wait_ready(page)
    for item in survey.items:
        page.get_by_role("radiogroup", name=item.text.zh).locator("label").filter(has_text="3").click()
    page.get_by_role("button", name="提交评估").click()
    expect(page.get_by_role("heading", name="最新结果")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stPlotlyChart")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1000)  # give any injected handler the chance to fire

    assert page.evaluate("window.__xss") is None
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0
