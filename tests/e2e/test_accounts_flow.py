from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import choose_language, new_user, register, wait_for_login_cookie, wait_for_no_login_cookie

pytestmark = pytest.mark.browser


def test_register_reload_switch_language_logout_and_log_in_again(page: Page, app_url: str) -> None:
    username = new_user("mei")
    page.goto(app_url)
    # the browser says zh-CN, so the app starts in Simplified Chinese
    expect(page.get_by_role("tab", name="注册")).to_be_visible(timeout=30_000)
    register(page, username, "梅 <b>Mei</b>")
    greeting = page.get_by_role("heading", name="你好，梅 <b>Mei</b>")
    expect(greeting).to_be_visible(timeout=30_000)  # shown as text, never as HTML

    page.reload()
    expect(greeting).to_be_visible(timeout=30_000)

    choose_language(page, "English")
    expect(page.get_by_role("heading", name="Hello, 梅 <b>Mei</b>")).to_be_visible()
    page.reload()  # the choice is remembered for the user
    expect(page.get_by_role("heading", name="Hello, 梅 <b>Mei</b>")).to_be_visible(timeout=30_000)
    choose_language(page, "简体中文")
    expect(greeting).to_be_visible()

    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("tab", name="登录")).to_be_visible(timeout=30_000)
    # the ended login's cookie goes first: otherwise the new login's cookie could not be told from it
    wait_for_no_login_cookie(page)
    page.reload()
    expect(page.get_by_role("tab", name="登录")).to_be_visible(timeout=30_000)

    panel = page.get_by_role("tabpanel", name="登录")
    panel.get_by_role("textbox", name="用户名").fill(username)
    panel.get_by_role("textbox", name="密码").fill("password-123")
    panel.get_by_role("button", name="登录").click()
    expect(greeting).to_be_visible(timeout=30_000)
    wait_for_login_cookie(page)
    page.reload()
    expect(greeting).to_be_visible(timeout=30_000)
