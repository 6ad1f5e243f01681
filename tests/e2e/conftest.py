"""Browser tests: Debian's Chromium (Playwright) against a real `streamlit run` on a free port."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.servers import streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def app_url():
    tmp = Path(tempfile.mkdtemp(prefix="kaa-e2e-"))
    env = {"DATABASE_URL": f"sqlite:///{tmp / 'academy.db'}", "SECRET_KEY": "e2e-secret"}
    with streamlit_server(env, log=tmp / "streamlit.log") as url:
        yield url


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}


def wait_ready(page: Page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)


def register(page: Page, username: str, display: str, password: str = "password-123", tab: str = "注册") -> None:
    page.get_by_role("tab", name=tab).click()
    panel = page.get_by_role("tabpanel", name=tab)
    labels = (
        ("用户名", "显示名称", "密码", "再次输入密码")
        if tab == "注册"
        else ("Username", "Display name", "Password", "Repeat password")
    )
    for label, value in zip(labels, (username, display, password, password), strict=True):
        panel.get_by_role("textbox", name=label, exact=True).fill(value)
    panel.get_by_role("button", name="创建账户" if tab == "注册" else "Create account").click()
    wait_for_login_cookie(page)


def wait_for_login_cookie(page: Page) -> None:
    """The login cookie is written by the browser just after the login run; wait for it before navigating."""
    page.wait_for_function("document.cookie.includes('kaa_login=')", polling=200, timeout=30_000)


def choose_language(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("combobox").click()
    page.get_by_role("option", name=label).click()


def new_user(base: str) -> str:
    return f"{base}{os.urandom(3).hex()}"
