"""xAPI in a real browser against a real LRS (Ralph): a learner's reading reaches the LRS from the app's own
background sender; while the LRS is stopped the administrator's page shows the queue and the error, and
once it is back the queue empties by itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from academy.accounts import users
from academy.content.loader import Course
from academy.content.schema import Module
from academy.core.db import session_scope
from tests.e2e.conftest import choose_language, new_user, register, wait_ready
from tests.servers import Lrs, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.lrs]


def _metric(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label)


def _read(page: Page, url: str, module: Module, n: int) -> None:
    """Mark the module's n-th section read (its toggle, on the section's own page); n sections were read before."""
    page.goto(f"{url}/module?m={module.id}&sec={module.sections[n].id}")
    wait_ready(page)
    page.get_by_role("switch", name="Mark as read").locator("xpath=ancestor::label").click()
    expect(page.get_by_text(f"{n + 1}/{len(module.sections)} sections read")).to_be_visible(timeout=30_000)
    wait_ready(page)


def test_the_administrator_watches_records_wait_for_the_lrs_and_go_out(
    page: Page, lrs: Lrs, course: Course, tmp_path: Path
) -> None:
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'records.db'}",
        "SECRET_KEY": "e2e-records",
        "XAPI_ENDPOINT": lrs.endpoint,
        "XAPI_USERNAME": lrs.username,
        "XAPI_PASSWORD": lrs.password,
        "XAPI_BASE_IRI": "https://academy.test/xapi",
        "XAPI_RETRY_MAX_SECONDS": "2",
    }
    module = course.modules[5]
    with streamlit_server(env, log=tmp_path / "streamlit.log") as url:
        page.goto(url)
        admin = new_user("xr")
        register(page, admin, "Ada")
        with session_scope(env["DATABASE_URL"]) as s:  # made administrator as `python -m academy create-admin` does
            users.create_admin(s, username=admin, display_name="Ada", password="password-123")
        choose_language(page, "English")
        _read(page, url, module, 0)
        page.goto(f"{url}/learning_records")
        expect(page.get_by_role("heading", name="Learning records (xAPI)")).to_be_visible(timeout=30_000)
        expect(_metric(page, "Sent")).to_contain_text("2", timeout=60_000)  # read a section, started the module
        page.reload()  # the tables are drawn with the page; the counts above refresh by themselves
        wait_ready(page)
        expect(page.get_by_text("experienced", exact=True).first).to_be_attached(timeout=30_000)  # a grid cell

        lrs.stop()
        try:
            _read(page, url, module, 1)
            page.goto(f"{url}/learning_records")
            expect(page.get_by_text("Last error: ConnectionError", exact=False)).to_be_visible(timeout=60_000)
            expect(_metric(page, "Waiting to send")).to_contain_text("1")
            expect(_metric(page, "Sent")).to_contain_text("2")
        finally:
            lrs.start()
        expect(_metric(page, "Sent")).to_contain_text("3", timeout=90_000)  # the sender retried by itself
        expect(_metric(page, "Waiting to send")).to_contain_text("0")
        expect(page.get_by_text("Last error", exact=False)).to_have_count(0)
