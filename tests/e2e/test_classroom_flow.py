from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from academy.content.loader import Course
from tests.e2e.conftest import new_user, promote, register, wait_ready
from tests.e2e.quiz_driver import answer_live, current_form

pytestmark = pytest.mark.browser


def start_live_quiz(page: Page, base: str, database_url: str, course: Course) -> str:
    """A trainer registers, is promoted, starts a two-question live quiz; returns the join code."""
    trainer = new_user("coach")
    page.goto(base)
    register(page, trainer, "Coach", tab="Create account")
    expect(page.get_by_role("heading", name="Hello, Coach")).to_be_visible(timeout=30_000)
    promote(database_url, trainer)
    page.goto(f"{base}/classroom")
    wait_ready(page)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Start"))
    form.get_by_role("spinbutton", name="Number of questions").fill("2")
    form.get_by_role("spinbutton", name="Seconds per question").fill("120")
    form.get_by_role("button", name="Start").click()
    code = page.get_by_role("heading", level=1).filter(has_text=re.compile(r"^\d{6}$"))
    expect(code).to_be_visible(timeout=30_000)
    return code.inner_text().strip()


def join(page: Page, base: str, code: str, nickname: str | None, lang_join: str) -> None:
    page.goto(f"{base}/join?code={code}")
    wait_ready(page)
    if nickname is not None:
        page.get_by_role("textbox", name="昵称" if lang_join == "zh" else "Nickname").fill(nickname)
    page.get_by_role("button", name="加入" if lang_join == "zh" else "Join", exact=True).click()
    expect(page.get_by_text("你已加入" if lang_join == "zh" else "You are in")).to_be_visible(timeout=30_000)


def test_a_whole_live_quiz_with_one_trainer_and_three_trainees(
    browser: Browser, app_url: str, app_env, course: Course
) -> None:
    run_live_quiz(browser, app_url, app_url, app_env["DATABASE_URL"], course)


@pytest.mark.postgres
def test_the_same_quiz_on_postgresql_with_two_app_processes(
    browser: Browser, pg_admin_url: str, course: Course, tmp_path
) -> None:
    """Trainer on one app process, trainees on another: all shared state goes through PostgreSQL."""
    from academy.core.migrations import upgrade
    from tests.servers import create_database, streamlit_server

    url = create_database(pg_admin_url, "e2e_two_apps")
    upgrade(url)
    env = {"DATABASE_URL": url, "SECRET_KEY": "two-apps-secret"}
    with streamlit_server(env, log=tmp_path / "a.log") as app_a, streamlit_server(env, log=tmp_path / "b.log") as app_b:
        assert app_a != app_b
        run_live_quiz(browser, app_a, app_b, url, course)


def run_live_quiz(browser: Browser, app_url: str, phone_url: str, database_url: str, course: Course) -> None:
    try:
        _run_live_quiz(browser, app_url, phone_url, database_url, course)
    finally:
        for context in browser.contexts:  # live pages poll every second: close them, or later tests slow down
            context.close()


def _run_live_quiz(browser: Browser, app_url: str, phone_url: str, database_url: str, course: Course) -> None:
    english = {"locale": "en-US", "viewport": {"width": 1280, "height": 900}}
    host = browser.new_context(**english).new_page()
    code = start_live_quiz(host, app_url, database_url, course)
    # the QR code is a media file in the memory of the process that drew the page: behind a proxy it
    # loads only if the browser's requests stick to that process
    host.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stImage] img')].some(i => i.complete && i.naturalWidth > 0)",
        timeout=60_000,
    )

    # three phones: a logged-in learner (English) and two guests (one in Chinese)
    learner = browser.new_context(**english).new_page()
    learner.goto(phone_url)
    register(learner, new_user("kai"), "Kai", tab="Create account")
    expect(learner.get_by_role("heading", name="Hello, Kai")).to_be_visible(timeout=30_000)
    join(learner, phone_url, code, None, "en")
    guest_zh = browser.new_context(locale="zh-CN").new_page()
    join(guest_zh, phone_url, code, "小林", "zh")
    guest_en = browser.new_context(**english).new_page()
    join(guest_en, phone_url, code, "Sam <b>", "en")

    expect(host.get_by_text("3 joined")).to_be_visible(timeout=60_000)
    expect(host.get_by_text("Kai · 小林 (guest) · Sam <b> (guest)")).to_be_visible()  # guests are marked
    host.get_by_role("button", name="Show the first question").click()

    for phone, lang, right in ((learner, "en", True), (guest_zh, "zh", True), (guest_en, "en", False)):
        form, qid = current_form(phone, "live")
        answer_live(phone, form, course.question(qid), lang, correct=right)
        expect(phone.get_by_text("已收到你的答案" if lang == "zh" else "Answer received")).to_be_visible(timeout=60_000)
    # a reloaded phone rejoins where the session is, still answered
    guest_zh.reload()
    expect(guest_zh.get_by_text("已收到你的答案")).to_be_visible(timeout=30_000)

    expect(host.get_by_text("3/3")).to_be_visible(timeout=60_000)
    host.get_by_role("button", name="Reveal the answer").click()
    expect(host.get_by_text("How the room answered")).to_be_visible(timeout=60_000)
    expect(host.get_by_test_id("stPlotlyChart")).to_be_visible()
    expect(guest_en.get_by_text("Not this time.")).to_be_visible(timeout=60_000)
    expect(learner.get_by_text(re.compile(r"Right! \+\d+ points"))).to_be_visible(timeout=60_000)

    host.get_by_role("button", name="Leaderboard").click()
    board = host.get_by_test_id("stDataFrame")
    expect(board).to_be_visible(timeout=60_000)

    host.get_by_role("button", name="Next question").click()
    form, qid = current_form(learner, "live")
    answer_live(learner, form, course.question(qid), "en", correct=True)
    expect(learner.get_by_text("Answer received")).to_be_visible(timeout=60_000)
    host.get_by_role("button", name="Reveal the answer").click()
    host.get_by_role("button", name="Leaderboard").click()
    host.get_by_role("button", name="End the quiz").click()

    expect(host.get_by_text("This quiz has ended.")).to_be_visible(timeout=60_000)
    expect(guest_zh.get_by_text("测验结束，谢谢参与！")).to_be_visible(timeout=60_000)
    with host.expect_download() as csv_download:
        host.get_by_role("button", name="Download CSV").click()
    rows = csv_download.value.path().read_text("utf-8-sig").splitlines()
    assert (
        rows[0] == "Trainee,Guest,Question no.,Question id,Question,Answer given,Score,Correct,Speed points,Answered at"
    )
    assert len(rows) == 1 + 4  # three answers to the first question, one to the second
    with host.expect_download() as xlsx_download:
        host.get_by_role("button", name="Download Excel").click()
    assert xlsx_download.value.path().read_bytes()[:2] == b"PK"  # an xlsx workbook (a zip)

    # a guest reaches no account page: the address of one shows the login page
    for path in ("profile", "checklist", "live_host", "dashboard"):
        guest_en.goto(f"{phone_url}/{path}")
        expect(guest_en.get_by_role("tab", name="Log in")).to_be_visible(timeout=30_000)


def test_a_phone_opening_the_join_link_first_on_a_fresh_server_gets_the_real_page(browser: Browser, tmp_path) -> None:
    """The QR code's link may be the very first request a freshly started replica serves."""
    from academy.core.migrations import upgrade
    from tests.servers import streamlit_server

    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    with streamlit_server({"DATABASE_URL": url, "SECRET_KEY": "fresh"}, log=tmp_path / "fresh.log") as base:
        phone = browser.new_context(locale="en-US").new_page()
        try:
            phone.goto(f"{base}/join?code=123456")
            # the shell ran: the page follows the phone's language and offers the language switch
            expect(phone.get_by_role("textbox", name="Nickname")).to_be_visible(timeout=30_000)
            expect(phone.get_by_test_id("stSidebar").get_by_text("Language")).to_be_attached()
            expect(phone.get_by_role("link", name="live host")).to_have_count(0)  # no file-name page list
        finally:
            phone.context.close()
