"""Browser tests: Debian's Chromium (Playwright) against a real `streamlit run` on a free port."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.servers import streamlit_server

pytestmark = pytest.mark.browser

# A shared CI machine can be slow: wait generously for the app rather than fail on a busy moment.
expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def app_env() -> dict[str, str]:
    """The environment of the app under test; tests may seed its database through DATABASE_URL."""
    tmp = Path(tempfile.mkdtemp(prefix="kaa-e2e-"))
    return {"DATABASE_URL": f"sqlite:///{tmp / 'academy.db'}", "SECRET_KEY": "e2e-secret", "LOG_DIR": str(tmp)}


@pytest.fixture(scope="session")
def app_url(app_env):
    with streamlit_server(app_env, log=Path(app_env["LOG_DIR"]) / "streamlit.log") as url:
        yield url


def promote(database_url: str, username: str, role: str = "trainer") -> None:
    """Make a registered user a trainer (what an administrator does on the Profile page)."""
    from sqlmodel import select

    from academy.core.db import session_scope
    from academy.core.models import User

    with session_scope(database_url) as s:
        user = s.exec(select(User).where(User.username == username)).one()
        user.role = role
        s.add(user)


@pytest.fixture(autouse=True)
def _patient_pages(context):
    context.set_default_timeout(60_000)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


_REPORTS = pytest.StashKey[dict]()


@pytest.fixture(autouse=True)
def _show_the_pages_on_failure(request, context, app_env):
    """When a browser test fails, print what each page showed, its connection log and the server's last log lines.

    CI keeps only text; Streamlit's frontend logs its websocket's state changes to the console.
    """
    console: list[str] = []
    context.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"[:300]))
    yield
    report = request.node.stash.get(_REPORTS, {}).get("call")
    if report is None or not report.failed:
        return
    for n, shown in enumerate(context.pages):
        try:
            body = shown.inner_text("body", timeout=5_000)
        except Exception as exc:  # a page that cannot answer is itself the finding
            body = f"<unreadable: {exc}>"
        print(f"--- page {n}: {shown.url}\n{body[:3000]}")
    print("--- browser console (last 40)\n" + "\n".join(console[-40:]))
    log = Path(app_env["LOG_DIR"]) / "streamlit.log"
    if log.exists():
        print("--- streamlit.log (last 40 lines)\n" + "\n".join(log.read_text().splitlines()[-40:]))


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}


def wait_ready(page: Page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)


def register(page: Page, username: str, display: str, password: str = "password-123", tab: str = "注册") -> None:
    labels = (
        ("用户名", "显示名称", "密码", "再次输入密码")
        if tab == "注册"
        else ("Username", "Display name", "Password", "Repeat password")
    )
    open_tab(page, tab, page.get_by_role("tabpanel", name=tab).get_by_role("textbox", name=labels[0], exact=True))
    panel = page.get_by_role("tabpanel", name=tab)
    for label, value in zip(labels, (username, display, password, password), strict=True):
        panel.get_by_role("textbox", name=label, exact=True).fill(value)
    panel.get_by_role("button", name="创建账户" if tab == "注册" else "Create account").click()
    wait_for_login_cookie(page)


def open_tab(page: Page, name: str, shows: Locator) -> None:
    """Click a tab until its content shows: a run still finishing can redraw the tabs on the first one."""
    wait_ready(page)
    for _ in range(5):
        page.get_by_role("tab", name=name).click()
        try:
            expect(shows).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            continue
    expect(shows).to_be_visible()


def login_cookie(page: Page) -> dict | None:
    """The browser's login cookie as Playwright sees it (scripts cannot: it is HttpOnly)."""
    return next((c for c in page.context.cookies() if c["name"] == "kaa_login"), None)


def wait_for_login_cookie(page: Page, timeout: float = 30) -> dict:
    """The login cookie arrives from the /api/session route just after the login run; wait for it before navigating."""
    deadline = time.monotonic() + timeout
    while (cookie := login_cookie(page)) is None:
        assert time.monotonic() < deadline, "the browser never got its login cookie"
        page.wait_for_timeout(100)  # polls the cookie jar; returns as soon as the cookie is there
    return cookie


def wait_for_no_login_cookie(page: Page, timeout: float = 30) -> None:
    """After logging out the page asks the server to clear the cookie; wait until it has (a reload
    before that would cancel the request and leave the ended login's cookie in the jar)."""
    deadline = time.monotonic() + timeout
    while login_cookie(page) is not None:
        assert time.monotonic() < deadline, "the login cookie was never cleared"
        page.wait_for_timeout(100)  # polls the cookie jar; returns as soon as the cookie is gone


def choose_language(page: Page, label: str) -> None:
    """Pick a language in the sidebar and wait until the page is redrawn in it.

    The choice is saved with the user in the same run, so navigating before that run ends could
    load the next page in the old language.
    """
    from academy.core.i18n import LANGUAGES, t

    code = next(c for c, name in LANGUAGES.items() if name == label)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox").click()
    page.get_by_role("option", name=label).click()
    expect(sidebar.get_by_text(t("language", code), exact=True)).to_be_visible(timeout=30_000)
    wait_ready(page)


def new_user(base: str) -> str:
    return f"{base}{os.urandom(3).hex()}"
