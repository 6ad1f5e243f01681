"""Issue 17 in Chromium, in Chinese: what a new hire and a trainer meet in their first days.

A link opened while logged out, the menu each role sees, the cohort's QR code and the first
point of a chart. Users are seeded straight into the app's database (the same functions the
registration form calls), so each test starts where its story does.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from academy.content.loader import Course
from tests.e2e.conftest import new_user, promote, wait_for_login_cookie, wait_ready

pytestmark = pytest.mark.browser


def seed_user(database_url: str, display: str, role: str = "learner") -> tuple[str, int]:
    from academy.accounts import users
    from academy.core.db import session_scope
    from academy.core.migrations import upgrade

    upgrade(database_url)
    username = new_user("fw")
    with session_scope(database_url) as s:
        user_id = users.register(s, username=username, display_name=display, password="password-123").id
    if role != "learner":
        promote(database_url, username, role)
    return username, user_id


def log_in_here(page: Page, username: str) -> None:
    """Log in with the form the page shows (the first tab of the login screen)."""
    panel = page.get_by_role("tabpanel", name="登录")
    panel.get_by_role("textbox", name="用户名").fill(username)
    panel.get_by_role("textbox", name="密码").fill("password-123")
    panel.get_by_role("button", name="登录").click()
    wait_for_login_cookie(page)


def test_a_logged_out_link_shows_the_login_and_then_the_page_asked_for(
    page: Page, app_url: str, app_env, course: Course
) -> None:
    username, _ = seed_user(app_env["DATABASE_URL"], "新人小王")
    module = course.modules[2]
    page.goto(f"{app_url}/module?m={module.id}")
    expect(page.get_by_role("tab", name="登录")).to_be_visible(timeout=30_000)
    wait_ready(page)
    expect(page.get_by_text("Page not found")).to_have_count(0)  # no English error box over the Chinese page
    log_in_here(page, username)
    expect(page.get_by_role("heading", name=module.title.zh)).to_be_visible(timeout=30_000)
    assert f"/module?m={module.id}" in page.url  # the page asked for (the reader adds the section shown)


def test_each_role_sees_only_the_pages_it_can_use(page: Page, app_url: str, app_env) -> None:
    learner, _ = seed_user(app_env["DATABASE_URL"], "学员")
    page.goto(app_url)
    log_in_here(page, learner)
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name="课程")).to_be_visible(timeout=30_000)
    expect(nav.get_by_role("link", name="班级看板")).to_have_count(0)
    page.goto(f"{app_url}/dashboard")  # typed in anyway: a message in their language, not a crash
    expect(page.get_by_text("你没有权限执行此操作。")).to_be_visible(timeout=30_000)

    page.get_by_test_id("stSidebar").get_by_role("button", name="退出登录").click()
    trainer, _ = seed_user(app_env["DATABASE_URL"], "培训师", "trainer")
    expect(page.get_by_role("tab", name="登录")).to_be_visible(timeout=30_000)
    log_in_here(page, trainer)
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="班级看板")).to_be_visible(timeout=30_000)


def _read_qr(png: bytes) -> str:
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert found, "no QR code in the picture"
    return found[0].text


def test_the_cohort_qr_code_opens_the_join_link(page: Page, app_url: str, app_env, browser) -> None:
    from academy.classroom import cohorts
    from academy.core.db import session_scope
    from academy.core.models import User

    trainer, trainer_id = seed_user(app_env["DATABASE_URL"], "培训师", "trainer")
    with session_scope(app_env["DATABASE_URL"]) as s:
        cohort = cohorts.create_cohort(s, trainer=s.get(User, trainer_id), name="华东新人班")
        code = cohort.join_code
    page.goto(app_url)
    log_in_here(page, trainer)
    expect(page.get_by_role("heading", name="你好，培训师")).to_be_visible(timeout=30_000)
    page.goto(f"{app_url}/classroom")
    page.get_by_text(f"华东新人班 · 加入代码：{code}").click()
    qr = page.get_by_test_id("stImage").locator("img").first
    expect(qr).to_be_visible(timeout=30_000)
    link = _read_qr(qr.screenshot())
    assert link == f"{app_url}/classroom?cohort={code}"

    # a new hire scans it on a phone: logs in, and the cohort's code is waiting on the Classroom page
    learner, _ = seed_user(app_env["DATABASE_URL"], "新人")
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    try:
        phone.goto(link)
        expect(phone.get_by_role("tab", name="登录")).to_be_visible(timeout=30_000)
        log_in_here(phone, learner)
        expect(phone.get_by_role("textbox", name="班级代码")).to_have_value(code, timeout=30_000)
        phone.get_by_role("button", name="加入", exact=True).click()
        expect(phone.get_by_role("button", name="退出班级")).to_be_visible(timeout=30_000)  # a member now
        expect(phone.get_by_text("华东新人班", exact=True)).to_be_visible()
    finally:
        phone.context.close()


def _x_ticks(page: Page, chart_key: str) -> list[str]:
    ticks = page.locator(f".st-key-{chart_key}").locator(".xtick text")
    expect(ticks.first).to_be_attached(timeout=30_000)
    return ticks.all_text_contents()  # SVG text has no innerText


def test_a_first_result_is_one_dated_point_not_a_clock(page: Page, app_url: str, app_env, course: Course) -> None:
    from academy.checklist import log as ck
    from academy.core.db import session_scope
    from academy.learning import quiz

    username, user_id = seed_user(app_env["DATABASE_URL"], "新人")
    module = course.modules[0]
    items = {item for _, item in course.checklist_items()}
    last_monday = date.today() - timedelta(days=date.today().weekday() + 7)
    with session_scope(app_env["DATABASE_URL"]) as s:
        attempt = quiz.start_attempt(s, user_id=user_id, course=course, module_id=module.id, pass_mark=0.8)
        quiz.finish_attempt(s, user_id=user_id, attempt_id=attempt.id, course=course)
        rows = {sorted(items)[0]: {"executed": 4, "fulfilled": 3}}
        ck.save_period(s, user_id=user_id, period="week", start=last_monday, rows=rows, item_ids=items)

    page.goto(app_url)
    log_in_here(page, username)
    expect(page.get_by_role("heading", name="你好，新人")).to_be_visible(timeout=30_000)
    page.goto(f"{app_url}/assessments?quiz={module.id}")
    ticks = _x_ticks(page, "quiz-history")
    assert ticks and not any(":" in tick for tick in ticks), ticks  # dates, not "23:59:59.9995"

    page.goto(f"{app_url}/checklist")
    wait_ready(page)
    page.get_by_role("tab", name="图表").click()
    ticks = _x_ticks(page, "ck-overall")
    assert ticks and not any(":" in tick for tick in ticks), ticks
    assert str(last_monday) in ticks  # the week is named by its Monday


def test_a_week_is_logged_on_a_phone_group_by_group_with_big_steppers(
    browser, app_url: str, app_env, course: Course
) -> None:
    """390x844, a phone's browser: the log opens one group at a time, steppers big enough for a thumb."""
    from academy.checklist import log as ck
    from academy.core.db import session_scope

    username, user_id = seed_user(app_env["DATABASE_URL"], "新人")
    android = (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0 Mobile Safari/537.36"
    )
    phone = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, user_agent=android, has_touch=True, is_mobile=True
    ).new_page()
    try:
        phone.goto(app_url)
        log_in_here(phone, username)
        phone.goto(f"{app_url}/checklist")
        wait_ready(phone)
        groups = course.checklist.groups
        first = groups[0]
        expect(phone.get_by_text(first.items[0].text.zh, exact=True)).to_be_visible(timeout=30_000)
        expect(phone.get_by_test_id("stDataFrame")).to_have_count(0)  # not the 30-row grid
        cards = phone.locator(".st-key-ck-cards")
        expect(cards.get_by_text(first.items[0].text.zh, exact=True)).to_be_visible()
        expect(cards.get_by_text(groups[1].items[0].text.zh, exact=True)).to_have_count(0)  # one group at a time
        plus = cards.get_by_test_id("stNumberInputStepUp").first
        box = plus.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box  # a thumb-sized stepper (44 px, Apple's minimum)

        phone.get_by_text("逐组填写（手机）").scroll_into_view_if_needed()  # the layout switch, then the cards
        phone.screenshot(path=str(Path(app_env["LOG_DIR"]) / "checklist-phone.png"))  # for a person to look at
        # two taps on "came up", one on "done" for the first behaviour of each group, then save and go on
        for g, group in enumerate(groups):
            card = phone.locator(f".st-key-ck-item-{group.items[0].id}")
            expect(card).to_be_visible(timeout=30_000)
            ups = card.get_by_test_id("stNumberInputStepUp")
            ups.nth(0).click()
            ups.nth(0).click()
            ups.nth(1).click()
            expect(card.get_by_role("spinbutton").nth(0)).to_have_value("2")
            last = g == len(groups) - 1
            phone.get_by_role("button", name="保存本组" if last else "保存本组，下一组").click()
            if not last:
                expect(phone.locator(f".st-key-ck-item-{groups[g + 1].items[0].id}")).to_be_visible(timeout=30_000)
        expect(phone.get_by_text(f"已保存 {len(groups)} 项")).to_be_visible(timeout=30_000)
    finally:
        phone.context.close()
    monday = date.today() - timedelta(days=date.today().weekday())
    with session_scope(app_env["DATABASE_URL"]) as s:
        saved = ck.load_period(s, user_id=user_id, period="week", start=monday)
    assert {item: (e.executed, e.fulfilled) for item, e in saved.items()} == {
        group.items[0].id: (2, 1) for group in groups
    }
