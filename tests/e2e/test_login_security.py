"""The login in a real browser and over HTTP: an HttpOnly cookie, parallel guessing, the first administrator."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from academy.accounts import login, users
from academy.core.db import session_scope
from academy.core.migrations import ensure_current
from academy.core.settings import Settings
from tests.e2e.conftest import (
    new_user,
    open_tab,
    register,
    wait_for_login_cookie,
    wait_for_no_login_cookie,
    wait_ready,
)

pytestmark = pytest.mark.browser

PASSWORD = "password-123"


def test_the_login_cookie_is_http_only_strict_and_cleared_on_logout(page: Page, app_url: str) -> None:
    page.goto(app_url)
    register(page, new_user("cookie"), "Cookie Monster")
    cookie = wait_for_login_cookie(page)
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["secure"] is False  # plain http here; see the proxy test for https
    assert "kaa_login" not in page.evaluate("document.cookie")  # no script can read it
    page.reload()
    expect(page.get_by_role("heading", name="你好，Cookie Monster")).to_be_visible()

    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("tab", name="登录")).to_be_visible()
    wait_for_no_login_cookie(page)
    page.reload()
    expect(page.get_by_role("tab", name="登录")).to_be_visible()


def test_reloading_right_after_a_password_change_keeps_the_login(page: Page, app_url: str) -> None:
    username = new_user("changer")
    page.goto(app_url)
    register(page, username, "Changer")
    page.goto(f"{app_url}/profile")
    wait_ready(page)
    page.get_by_text("修改密码").first.click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("textbox", name="当前密码"))
    form.get_by_role("textbox", name="当前密码").fill(PASSWORD)
    form.get_by_role("textbox", name="新密码").fill("a-new-password")
    form.get_by_role("textbox", name="再次输入密码").fill("a-new-password")
    form.get_by_role("button", name="修改密码").click()
    expect(page.get_by_text("密码已修改")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="个人资料")).to_be_visible()  # still logged in
    expect(page.get_by_role("tab", name="登录")).to_have_count(0)


def _post(url: str, body: dict | None, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode() if body is not None else b"", method="POST", headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("set-cookie") or ""
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("set-cookie") or ""


def test_the_cookie_route_behind_an_https_proxy(app_url: str, app_env: dict[str, str]) -> None:
    settings = Settings(database_url=app_env["DATABASE_URL"], secret_key=app_env["SECRET_KEY"])
    tickets = []
    ensure_current(settings.database_url)
    with session_scope(settings.database_url) as s:
        user = users.register(s, username=new_user("proxied"), display_name="P", password=PASSWORD)
        for _ in range(3):
            tickets.append(login.start_login(s, user=user, settings=settings).ticket)
    route = f"{app_url}/api/session"
    origin = {"Origin": app_url, "Content-Type": "application/json"}

    status, cookie = _post(route, {"ticket": tickets[0]}, {**origin, "X-Forwarded-Proto": "https"})
    assert status == 200
    assert re.search(r"kaa_login=[^;]+", cookie)
    assert {"HttpOnly", "Secure", "SameSite=strict"} <= {part.strip() for part in cookie.split(";")}, cookie
    assert _post(route, {"ticket": tickets[0]}, origin)[0] == 400  # a ticket works once

    status, cookie = _post(route, {"ticket": tickets[1]}, origin)
    assert status == 200 and "Secure" not in cookie  # plain http: a Secure cookie would never come back

    # another site's page cannot plant a login
    status, cookie = _post(route, {"ticket": tickets[2]}, {**origin, "Sec-Fetch-Site": "cross-site"})
    assert status == 403 and cookie == ""
    assert _post(route, {"ticket": tickets[2]}, {"Content-Type": "application/json"})[0] == 403  # no origin at all


def test_parallel_browser_sessions_cannot_guess_past_the_lock(browser: Browser, app_url: str, app_env) -> None:
    username = new_user("victim")
    ensure_current(app_env["DATABASE_URL"])  # the server migrates on its first page; this test seeds first
    with session_scope(app_env["DATABASE_URL"]) as s:
        users.register(s, username=username, display_name="Victim", password=PASSWORD)
    limit = Settings().login_max_failures
    contexts = [browser.new_context(locale="zh-CN") for _ in range(10)]
    try:
        pages = [c.new_page() for c in contexts]
        messages: list[str] = []
        for wave in range(limit + 2):
            for p in pages:  # a fresh page each wave: no message left over from the last one
                p.goto(app_url)
            for p in pages:
                expect(p.get_by_role("tab", name="登录")).to_be_visible()
                wait_ready(p)
            for n, p in enumerate(pages):
                panel = p.get_by_role("tabpanel", name="登录")
                panel.get_by_role("textbox", name="用户名").fill(username)
                panel.get_by_role("textbox", name="密码").fill(f"guess-{wave}-{n}")
            for p in pages:  # all at once: each click returns before its login is checked
                p.get_by_role("tabpanel", name="登录").get_by_role("button", name="登录").click()
            for p in pages:
                alert = p.get_by_test_id("stAlertContentError")
                expect(alert).to_be_visible()
                messages.append(alert.inner_text())
            if any("锁定" in m for m in messages):
                break
        checked = [m for m in messages if m == "用户名或密码不正确。"]
        assert 0 < len(checked) <= limit, messages
        assert any("锁定" in m for m in messages), messages
        # and now not even the right password gets in from here
        panel = pages[0].get_by_role("tabpanel", name="登录")
        panel.get_by_role("textbox", name="密码").fill(PASSWORD)
        panel.get_by_role("button", name="登录").click()
        expect(pages[0].get_by_test_id("stAlertContentError").filter(has_text="锁定")).to_be_visible()
    finally:
        for c in contexts:
            c.close()


def test_the_first_administrator_registers_with_the_code_from_the_log(browser: Browser, tmp_path: Path) -> None:
    from academy.core.migrations import upgrade
    from tests.servers import streamlit_server

    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    log = tmp_path / "fresh.log"
    with streamlit_server({"DATABASE_URL": url, "SECRET_KEY": "fresh-install"}, log=log) as base:
        page = browser.new_context(locale="en-US").new_page()
        try:
            page.goto(base)
            tab = page.get_by_role("tabpanel", name="Create account")
            open_tab(page, "Create account", tab.get_by_role("textbox", name="Setup code (first administrator only)"))
            code = re.search(r"setup code ([0-9A-F-]+)", log.read_text()).group(1)
            tab.get_by_role("textbox", name="Username", exact=True).fill("boss")
            tab.get_by_role("textbox", name="Display name").fill("The Boss")
            tab.get_by_role("textbox", name="Password", exact=True).fill(PASSWORD)
            tab.get_by_role("textbox", name="Repeat password").fill(PASSWORD)
            tab.get_by_role("textbox", name="Setup code (first administrator only)").fill(code)
            tab.get_by_role("button", name="Create account").click()
            wait_for_login_cookie(page)
            page.goto(f"{base}/profile")
            expect(page.get_by_role("heading", name="Users and roles")).to_be_visible()
        finally:
            page.context.close()
