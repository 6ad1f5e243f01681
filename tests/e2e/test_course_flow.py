from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from academy.content.loader import Course
from tests.e2e.conftest import choose_language, new_user, register, wait_ready

pytestmark = pytest.mark.browser


def _open_module(page: Page, app_url: str, module_id: str, section: str = "") -> None:
    page.goto(f"{app_url}/module?m={module_id}" + (f"&sec={section}" if section else ""))
    wait_ready(page)


def test_read_sections_and_write_a_reflection_in_both_languages(page: Page, app_url: str, course: Course) -> None:
    page.goto(app_url)
    register(page, new_user("lin"), "Lin")
    expect(page.get_by_role("heading", name="你好，Lin")).to_be_visible(timeout=30_000)

    # Simplified Chinese: module 2, read section by section: two sections, then on to the reflections
    m2 = course.modules[1]
    _open_module(page, app_url, m2.id)
    expect(page.get_by_role("heading", name=m2.title.zh)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("switch", name="已读")).to_have_count(1)  # one section on screen at a time
    for i in range(2):
        expect(page.get_by_role("heading", name=m2.sections[i].title.zh)).to_be_visible(timeout=30_000)
        page.get_by_role("button", name="标记已读，下一节").click()
        expect(page.get_by_text(f"已读 {i + 1}/{len(m2.sections)} 节")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name=m2.sections[2].title.zh)).to_be_visible()
    page.get_by_test_id("stMain").get_by_text("要点与练习", exact=True).click()  # the wrap-up chip
    box = page.get_by_role("textbox", name=m2.reflections[0].prompt.zh)
    box.fill("先约财务总监，再谈方案。<script>alert(1)</script>")
    box.locator("xpath=ancestor::*[@data-testid='stForm']").get_by_role("button", name="保存").click()
    expect(page.get_by_text("上次保存").first).to_be_visible(timeout=30_000)

    page.reload()  # the address keeps the step: back on the wrap-up, the answer kept
    wait_ready(page)
    expect(page.get_by_text(f"已读 2/{len(m2.sections)} 节")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("textbox", name=m2.reflections[0].prompt.zh)).to_have_value(
        "先约财务总监，再谈方案。<script>alert(1)</script>"
    )
    expect(page.get_by_text("下一步：读第 3 节")).to_be_visible()
    page.get_by_role("button", name="去读第 3 节").click()
    expect(page.get_by_role("heading", name=m2.sections[2].title.zh)).to_be_visible(timeout=30_000)

    # English: module 1, every section read: the quiz is named as the step that completes it
    choose_language(page, "English")
    m1 = course.modules[0]
    _open_module(page, app_url, m1.id)
    expect(page.get_by_role("heading", name=m1.title.en)).to_be_visible(timeout=30_000)
    for i in range(len(m1.sections)):
        last = i == len(m1.sections) - 1
        page.get_by_role(
            "button", name="Mark as read, on to takeaways & practice" if last else "Mark as read, next section"
        ).click()
        expect(page.get_by_text(f"{i + 1}/{len(m1.sections)} sections read")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Next: take the module's quiz")).to_be_visible(timeout=30_000)
    page.get_by_role("textbox", name="Your answer").fill("He should have mapped the developer's decision unit first.")
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_text("Last saved").first).to_be_visible(timeout=30_000)

    page.reload()
    wait_ready(page)
    expect(page.get_by_role("textbox", name="Your answer")).to_have_value(
        "He should have mapped the developer's decision unit first."
    )
    page.goto(app_url)
    wait_ready(page)
    total = sum(len(m.sections) for m in course.modules)
    expect(
        page.get_by_text(f"Course progress: 0 of 10 modules complete, {len(m1.sections) + 2} of {total} sections read")
    ).to_be_visible(timeout=30_000)


def test_traditional_chinese_keeps_the_sales_words(page: Page, app_url: str, course: Course) -> None:
    """Taiwan readers see 銷售循環 (the sales cycle), not 銷售迴圈 (a programming loop), and 先捨後得."""
    page.goto(app_url)
    register(page, new_user("chen"), "陳")
    choose_language(page, "繁體中文（台灣）")
    _open_module(page, app_url, "m8-complex-sale", "strategy-plan")  # modules are read a section at a time
    expect(page.get_by_text("銷售循環").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("迴圈")).to_have_count(0)
    _open_module(page, app_url, "m2-seven-elements", "foundation")
    expect(page.get_by_text("先捨後得").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("先舍後得")).to_have_count(0)
