"""The live quiz as a classroom sees it: phones at 360x640 and 390x844 in Chinese and English, the host
screen in presentation mode with its keyboard shortcuts, and the phone simulator checked against Chromium."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from academy.accounts import login, users
from academy.classroom import live
from academy.classroom.charts import OPTION_STYLES
from academy.content.loader import Course
from academy.core.db import session_scope
from academy.core.i18n import t, tr
from academy.core.models import LiveSession, Role, User
from academy.core.settings import ROOT, Settings
from tests.e2e.conftest import new_user

pytestmark = pytest.mark.browser
SHOTS = ROOT / "test-screens" / "live"  # not test-results/: pytest-playwright empties that at the start
SIZES = [(360, 640), (390, 844)]
LOCALES = {"zh": "zh-CN", "en": "en-US"}


def seed_quiz(database_url: str, course: Course, n_questions: int = 1, time_limit: int = 120) -> tuple[int, str, str]:
    """A trainer (with a login for the cookie) and a live quiz of single-choice questions: (id, code, token)."""
    from academy.core.migrations import upgrade

    upgrade(database_url)  # the app migrates on its first page; the test may come first
    name = new_user("host")
    qids = [q.id for q in course.questions() if q.type == "single"][:n_questions]
    with session_scope(database_url) as s:
        trainer = users.register(s, username=name, display_name="Host", password="password-123", language="en")
        trainer.role = Role.trainer
        s.add(trainer)
        s.flush()
        row = live.start_session(
            s, trainer=trainer, course=course, title="Kickoff", question_ids=qids, time_limit=time_limit
        )
        settings = Settings(database_url=database_url, secret_key="e2e-secret")
        token = login.create_login(s, user=trainer, settings=settings)
        return row.id, row.code, token


def host_step(database_url: str, live_id: int, action) -> None:
    """What the trainer's buttons do (for tests about the phones)."""
    with session_scope(database_url) as s:
        row = s.get(LiveSession, live_id)
        action(s, trainer=s.get(User, row.trainer_id), live_id=live_id)


def phone(browser: Browser, base: str, code: str, nickname: str, lang: str, size: tuple[int, int]) -> Page:
    context = browser.new_context(
        locale=LOCALES[lang], viewport={"width": size[0], "height": size[1]}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(f"{base}/join?code={code}")
    field = page.get_by_role("textbox", name=t("cls_nickname", lang))
    expect(field).to_be_visible(timeout=120_000)  # a fresh server's first page imports the app
    field.fill(nickname)
    page.get_by_role("button", name=t("cls_join_live", lang), exact=True).click()
    expect(page.get_by_text(t("cls_wait_start", lang))).to_be_visible(timeout=60_000)
    return page


def option_buttons(page: Page):
    return page.locator(".st-key-phone-options button")


def check_thumb_layout(page: Page, width: int, n_options: int) -> None:
    """Layout facts: each option a full-width tap target at least 48 px tall, within the screen, in its colour."""
    buttons = option_buttons(page)
    expect(buttons).to_have_count(n_options)
    for i in range(n_options):
        box = buttons.nth(i).bounding_box()
        assert box is not None
        assert box["height"] >= 48, f"option {i + 1} is {box['height']:.0f} px tall"
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, f"option {i + 1} leaves the screen: {box}"
        assert box["width"] >= 0.8 * width, f"option {i + 1} is not full width: {box['width']:.0f} of {width}"
        colour = buttons.nth(i).evaluate("b => getComputedStyle(b).backgroundColor")
        expect_rgb = tuple(int(OPTION_STYLES[i][0][k : k + 2], 16) for k in (1, 3, 5))
        assert colour.replace(" ", "") == "rgb({},{},{})".format(*expect_rgb), f"option {i + 1}: {colour}"
    title, bar = page.get_by_role("heading", level=1).bounding_box(), page.get_by_test_id("stHeader").bounding_box()
    below_the_bar = bar is None or title["y"] >= bar["y"] + bar["height"] - 1
    assert title is not None and below_the_bar, f"the title {title} is under the top bar {bar}"
    no_sideways = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert no_sideways, "the page scrolls sideways"


def test_the_phone_screen_is_made_for_thumbs_at_two_sizes_in_both_languages(
    browser: Browser, app_url: str, app_env, course: Course
) -> None:
    url = app_env["DATABASE_URL"]
    live_id, code, _ = seed_quiz(url, course)
    SHOTS.mkdir(parents=True, exist_ok=True)
    phones = {
        (lang, size): phone(browser, app_url, code, f"{lang}{size[0]}", lang, size)
        for lang in LOCALES
        for size in SIZES
    }
    try:
        host_step(url, live_id, live.open_next)
        with session_scope(url) as s:
            q = course.question(live.snapshot(s, live_id=live_id).question_id)
        right = next(o for o in q.options if o.id in q.answer)
        for (lang, size), page in phones.items():
            expect(page.get_by_text(t("cls_question_of", lang, i=1, n=1))).to_be_visible(timeout=60_000)
            countdown = page.locator(".st-key-phone-countdown")
            expect(countdown).to_have_text(re.compile(r"\d+\s*(s|秒)"))
            check_thumb_layout(page, size[0], len(q.options))
            page.screenshot(path=SHOTS / f"phone-{lang}-{size[0]}x{size[1]}-question.png", full_page=True)
            option_buttons(page).filter(has_text=tr(right.text, lang)).click()
            expect(page.get_by_text(t("cls_answer_received", lang))).to_be_visible(timeout=60_000)
            expect(page.locator(".st-key-phone-received")).to_contain_text(tr(right.text, lang))  # "You chose: ..."
            page.screenshot(path=SHOTS / f"phone-{lang}-{size[0]}x{size[1]}-received.png", full_page=True)
        host_step(url, live_id, live.reveal)
        for (lang, size), page in phones.items():
            verdict = page.locator(".st-key-phone-result")
            prefix = t("cls_you_were_right", lang, points="\x00").split("\x00")[0]
            expect(verdict).to_contain_text(re.compile(re.escape(prefix) + r"\d+"), timeout=60_000)
            box = verdict.bounding_box()
            assert box is not None and box["x"] + box["width"] <= size[0] + 0.5
            page.screenshot(path=SHOTS / f"phone-{lang}-{size[0]}x{size[1]}-result.png", full_page=True)
    finally:
        for page in phones.values():
            page.context.close()


def test_presentation_mode_is_a_projector_view_driven_from_the_keyboard(
    browser: Browser, app_url: str, app_env, course: Course
) -> None:
    url = app_env["DATABASE_URL"]
    live_id, code, token = seed_quiz(url, course)
    context = browser.new_context(locale="en-US", viewport={"width": 1600, "height": 900})
    context.set_default_timeout(60_000)
    context.add_cookies([{"name": "kaa_login", "value": token, "url": app_url}])
    host = context.new_page()
    trainee = phone(browser, app_url, code, "Ann", "en", (390, 844))
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        host.goto(f"{app_url}/live_host?s={live_id}")
        expect(host.get_by_test_id("stSidebar")).to_be_visible()
        host.get_by_role("button", name="Presentation mode").click()
        expect(host).to_have_url(re.compile(r"present=1"))
        expect(host.get_by_test_id("stSidebar")).to_be_hidden()
        heading = host.locator(".st-key-host-code h1")
        expect(heading).to_have_text(code)
        assert float(heading.evaluate("h => parseFloat(getComputedStyle(h).fontSize)")) >= 100
        qr = host.get_by_test_id("stImage").locator("img").first
        expect(qr).to_be_visible()
        assert qr.bounding_box()["width"] >= 400
        expect(host.get_by_text("1 joined")).to_be_visible()
        host.screenshot(path=SHOTS / "host-present-lobby.png")

        heading.click()  # focus on the page, not on a field
        host.keyboard.press("n")  # next: the first question
        countdown = host.locator(".st-key-host-countdown [data-testid='stMetricValue']")
        expect(countdown).to_have_text(re.compile(r"^\d+$"))
        assert float(countdown.evaluate("v => parseFloat(getComputedStyle(v).fontSize)")) >= 60
        tiles = host.locator("[class*='st-key-host-opt-']")
        expect(tiles.first).to_be_visible()
        expect(host.get_by_text("0/1")).to_be_visible()
        option_buttons(trainee).first.click()
        expect(host.get_by_text("1/1")).to_be_visible()
        host.screenshot(path=SHOTS / "host-present-question.png")

        host.keyboard.press("p")  # pause ...
        expect(host.get_by_role("button", name="Resume")).to_be_visible()
        host.keyboard.press("p")  # ... and resume
        expect(host.get_by_role("button", name="Pause")).to_be_visible()
        host.keyboard.press("a")  # reveal
        expect(host.get_by_text("How the room answered")).to_be_visible()
        expect(host.get_by_test_id("stPlotlyChart")).to_be_visible()
        host.screenshot(path=SHOTS / "host-present-reveal.png")
        host.keyboard.press("l")  # leaderboard: the podium
        expect(host.locator(".st-key-host-podium-0")).to_contain_text("Ann")
        host.screenshot(path=SHOTS / "host-present-podium.png")

        host.get_by_role("button", name="Leave presentation mode").click()
        expect(host.get_by_test_id("stSidebar")).to_be_visible()
    finally:
        context.close()
        trainee.context.close()


class Loop:
    """An asyncio loop in a thread, for the protocol client next to Playwright's sync API."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro, timeout: float = 120):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def test_the_phone_simulator_sees_what_chromium_sees(browser: Browser, app_url: str, app_env, course: Course) -> None:
    """bench/phones.py's protocol client, opened on the same trainee as a Chromium phone, reads the same page."""
    from bench.protocol import Client

    url = app_env["DATABASE_URL"]
    live_id, code, _ = seed_quiz(url, course)
    loop = Loop()
    pairs = []
    try:
        for name, lang in (("Lin", "zh"), ("Sam", "en")):
            page = phone(browser, app_url, code, name, lang, (390, 844))
            token = re.search(r"[?&]p=([^&]+)", page.url).group(1)
            twin = Client(app_url, locale=LOCALES[lang])
            loop.run(twin.connect())
            loop.run(twin.open_page("join", f"code={code}&p={token}"))
            pairs.append((page, twin, lang, name))

        def both_show(page: Page, twin: Client, text: str) -> None:
            expect(page.get_by_text(text, exact=False).first).to_be_visible(timeout=60_000)
            assert loop.run(twin.wait_for(lambda: twin.shows(text), 60)), f"the simulator does not show {text!r}"

        for page, twin, lang, name in pairs:
            both_show(page, twin, t("cls_joined_as", lang, title="Kickoff", name=name))
            both_show(page, twin, t("cls_wait_start", lang))
        host_step(url, live_id, live.open_next)
        with session_scope(url) as s:
            q = course.question(live.snapshot(s, live_id=live_id).question_id)
        for page, twin, lang, _ in pairs:
            both_show(page, twin, t("cls_question_of", lang, i=1, n=1))
            expect(option_buttons(page)).to_have_count(len(q.options))
            shown = [b.inner_text().strip() for b in option_buttons(page).all()]
            assert loop.run(twin.wait_for(lambda twin=twin: len(twin.widgets("button")) >= len(q.options), 30))
            labels = [re.sub(r"\s+", " ", b.label) for b in twin.widgets("button") if "-pick-" in b.id]
            assert [re.sub(r"\s+", " ", s) for s in shown] == labels  # the same options, shapes and order
        for page, twin, lang, _ in pairs:
            right = next(o for o in q.options if o.id in q.answer)
            option_buttons(page).filter(has_text=tr(right.text, lang)).click()
            both_show(page, twin, t("cls_answer_received", lang))  # the simulator re-reads "not answered" in 3 s
        host_step(url, live_id, live.reveal)
        for page, twin, lang, _ in pairs:
            prefix = t("cls_you_were_right", lang, points="\x00").split("\x00")[0]
            expect(page.locator(".st-key-phone-result")).to_contain_text(prefix, timeout=60_000)
            # the alert's text (its icon is a ligature the browser also reports as text)
            browser_verdict = (
                page.locator(".st-key-phone-result [data-testid='stMarkdownContainer']").inner_text().strip()
            )
            seen = loop.run(twin.wait_for(lambda twin=twin, v=browser_verdict: twin.shows(v), 60))
            assert seen, browser_verdict
    finally:
        for page, twin, _, _ in pairs:
            loop.run(twin.close())
            page.context.close()
        loop.close()


@pytest.mark.postgres
def test_a_live_quiz_through_nginx_with_two_app_processes(
    browser: Browser, pg_admin_url: str, course: Course, tmp_path: Path
) -> None:
    """Trainer and trainees all through Debian's nginx (deploy/nginx.conf) in front of two app processes."""
    from academy.core.migrations import upgrade
    from tests.conftest import missing
    from tests.e2e.test_classroom_flow import run_live_quiz
    from tests.servers import NGINX, create_database, nginx_proxy, streamlit_server

    if not NGINX.exists():
        missing("nginx is not installed (apt-get install nginx)")
    url = create_database(pg_admin_url, "e2e_proxy")
    upgrade(url)
    env = {"DATABASE_URL": url, "SECRET_KEY": "proxy-secret"}
    with (
        streamlit_server(env, log=tmp_path / "a.log") as app_a,
        streamlit_server(env, log=tmp_path / "b.log") as app_b,
        nginx_proxy([app_a, app_b], log_dir=tmp_path) as proxy,
    ):
        run_live_quiz(browser, proxy, proxy, url, course)
