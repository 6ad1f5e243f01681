"""Guests' nicknames on the projected host screen are text: no image fetched, no link, heading, formula or box.

Each nickname is typed on a phone's join page; the host screen must show it literally (minus
invisible direction controls) and fetch nothing from the address the nicknames point at.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, expect

from academy.accounts import login, users
from academy.classroom import live
from academy.content.loader import Course
from academy.core.db import session_scope
from academy.core.migrations import ensure_current
from academy.core.models import Role
from academy.core.settings import Settings
from academy.ui.widgets import WORD_JOINER
from tests.e2e.conftest import new_user, wait_ready

pytestmark = pytest.mark.browser

INVISIBLE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u200e\u200f\ufeff"


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str]]]:
    """A local web server that records every request: a rendered image or a followed link shows up here."""
    seen: list[str] = []

    class Record(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Record)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()


def hostile(base: str) -> dict[str, str]:
    """Nickname typed -> what the host screen must show."""
    names = {
        f"![x]({base}/image.png)": f"![x]({base}/image.png)",
        f"[win]({base}/link)": f"[win]({base}/link)",
        f"<img src={base}/h.png>": f"<img src={base}/h.png>",
        "# Biggest heading": "# Biggest heading",
        r"$$\Huge \text{HUGE}$$": r"$$\Huge \text{HUGE}$$",
        ":red-background[boxed]": ":red-background[boxed]",
        "\u202egnirts desrever": "gnirts desrever",  # a right-to-left override: dropped, not obeyed
        "Zoe\u200b\u200d Li": "Zoe Li",
    }
    assert all(len(name) <= 40 for name in names), [n for n in names if len(n) > 40]
    return names


def test_hostile_nicknames_show_as_text_on_the_host_screen(
    browser: Browser, app_url: str, app_env: dict[str, str], course: Course, recorder
) -> None:
    base, seen = recorder
    settings = Settings(database_url=app_env["DATABASE_URL"], secret_key=app_env["SECRET_KEY"])
    ensure_current(settings.database_url)
    with session_scope(settings.database_url) as s:
        trainer = users.register(
            s, username=new_user("host"), display_name="Host", password="password-123", language="en"
        )
        trainer.role = Role.trainer
        s.add(trainer)
        s.flush()
        question = next(q for q in course.questions() if q.type == "single")
        quiz = live.start_session(s, trainer=trainer, course=course, title="Names", question_ids=[question.id])
        code, live_id = quiz.code, quiz.id
        token = login.create_login(s, user=trainer, settings=settings)

    names = hostile(base)
    phone = browser.new_context(locale="en-US")
    try:
        for typed in names:
            page = phone.new_page()
            page.goto(f"{app_url}/join?code={code}")
            wait_ready(page)
            page.get_by_role("textbox", name="Nickname").fill(typed)
            page.get_by_role("button", name="Join", exact=True).click()
            expect(page.get_by_text("You are in")).to_be_visible()
            page.close()
            phone.clear_cookies()
    finally:
        phone.close()

    host_context = browser.new_context(locale="en-US")
    try:
        host_context.add_cookies([{"name": "kaa_login", "value": token, "url": app_url}])
        host = host_context.new_page()
        host.goto(f"{app_url}/live_host?s={live_id}")
        expect(host.get_by_text(f"{len(names)} joined")).to_be_visible()
        main = host.get_by_test_id("stMain")
        text = main.inner_text()
        # word joiners keep addresses from becoming links; otherwise the names are exactly as typed
        for shown in names.values():
            assert shown in text.replace(WORD_JOINER, ""), shown
        assert not any(ch in text for ch in INVISIBLE), [hex(ord(ch)) for ch in text if ch in INVISIBLE]
        assert main.locator(f"img[src^='{base}'], a[href^='{base}']").count() == 0
        assert main.locator("h1", has_text="Biggest heading").count() == 0
        assert main.locator(".katex").count() == 0
        assert (
            main.locator("span[class*='background'], span[style*='background']").filter(has_text="boxed").count() == 0
        )
        assert seen == []  # nothing was fetched from the nicknames' address
    finally:
        host_context.close()
