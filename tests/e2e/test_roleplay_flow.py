"""Role-plays in the browser: a learner plays one scenario to two endings in each language; a class plays one live."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from academy.classroom.live_roleplay import choice_order
from academy.content.loader import Course
from academy.content.roleplay import Roleplay
from academy.content.roleplay_play import play, walk
from academy.core.i18n import t, tr
from academy.learning.roleplay import overall_percent
from tests.e2e.conftest import choose_language, new_user, promote, register, wait_ready
from tests.e2e.test_classroom_flow import join
from tests.roleplay_paths import path_to

pytestmark = pytest.mark.browser

OWL = "first-visit-owl"
CALL = "cold-call"


def settled(page: Page) -> None:
    """Wait until the page has finished drawing its last run: no element left over (stale) from the run before.

    A button clicked while the frontend is still swapping the previous run's elements for the new ones can be
    re-mounted between mouse down and mouse up, and the click is lost; a person reads first, a test must wait.
    """
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", polling=100)


def line_button(page: Page, text: str):
    settled(page)
    return page.get_by_role("button", name=text, exact=True)


def play_lines(page: Page, rp: Roleplay, ids: list[str], lang: str) -> None:
    """Click the lines of `ids` one by one, each once its turn is on screen, until the conversation ends."""
    for step, choice_id in enumerate(ids):
        choice = rp.choice(walk(rp, ids[:step]).current, choice_id)
        line_button(page, tr(choice.line, lang)).click()
        # the line was said: the client's reaction joins the conversation, then the next turn or the debrief
        expect(page.get_by_text(tr(choice.reaction, lang)).first).to_be_visible()


def check_debrief(page: Page, course: Course, rp: Roleplay, ids: list[str], lang: str) -> None:
    result = play(rp, ids)
    assert result.ending is not None
    expect(page.get_by_text(tr(result.ending.title, lang), exact=True)).to_be_visible()
    expect(page.get_by_test_id("stMetricValue")).to_have_text(f"{overall_percent(result.score, result.best_score)}%")
    expect(page.get_by_role("heading", name=t("rp_path_vs_best", lang))).to_be_visible()
    expect(page.get_by_role("heading", name=t("rp_by_dimension", lang))).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_be_visible()
    if result.divergence is None:
        expect(page.get_by_text(t("rp_on_best_path", lang))).to_be_visible()
        expect(page.get_by_text(t("rp_nothing_to_read", lang))).to_be_visible()
        return
    said = tr(rp.nodes[result.divergence.node].line, lang)
    expect(page.get_by_text(t("rp_left_at", lang, n=result.divergence.step + 1, line=said))).to_be_visible()
    for ref in result.review:  # every lesson to read again is a link to it
        module = course.module(ref.module)
        section = next(s for s in module.sections if s.id == ref.section)
        label = t("rp_lesson_link", lang, module=tr(module.title, lang), section=tr(section.title, lang))
        expect(page.get_by_role("link", name=label).last).to_be_visible()


def test_a_learner_plays_one_scenario_to_two_endings_in_each_language(page: Page, app_url: str, course: Course) -> None:
    rp = course.roleplays[OWL]
    page.goto(app_url)
    register(page, new_user("rui"), "Rui")
    expect(page.get_by_role("heading", name="你好，Rui")).to_be_visible()

    # Simplified Chinese: the list shows the scenario with its client; the best path, then a bad ending
    page.goto(f"{app_url}/roleplay")
    wait_ready(page)
    card = page.locator(f".st-key-scenario-{OWL}")
    expect(card.get_by_text(rp.title.zh)).to_be_visible()
    expect(card.get_by_text(f"{rp.client.name.zh} · {rp.client.title.zh}")).to_be_visible()
    card.get_by_role("link", name="开始").click()
    settled(page)
    page.get_by_role("button", name="开始对话").click()
    expect(page.get_by_text(rp.nodes[rp.start].line.zh)).to_be_visible()
    play_lines(page, rp, path_to(rp, "good"), "zh")
    check_debrief(page, course, rp, path_to(rp, "good"), "zh")
    settled(page)
    page.get_by_role("button", name="再练一次").click()
    play_lines(page, rp, path_to(rp, "bad"), "zh")
    check_debrief(page, course, rp, path_to(rp, "bad"), "zh")

    # English: the mixed ending and the best path again; a reload keeps the debrief; the list charts the results
    choose_language(page, "English")
    for outcome in ("mixed", "good"):
        settled(page)
        page.get_by_role("button", name="Play again").click()
        play_lines(page, rp, path_to(rp, outcome), "en")
        check_debrief(page, course, rp, path_to(rp, outcome), "en")
    page.reload()
    wait_ready(page)
    check_debrief(page, course, rp, path_to(rp, "good"), "en")
    page.get_by_role("link", name="All scenarios").click()
    expect(page.get_by_role("heading", name="My role-plays: best and latest score")).to_be_visible()
    expect(page.locator(f".st-key-scenario-{OWL}").get_by_text("Played 4× · best 100% · latest 100%")).to_be_visible()


# --- live in class ---------------------------------------------------------------------------------


def test_a_class_plays_a_role_play_live_with_a_trainer_and_three_phones(
    browser: Browser, app_url: str, app_env, course: Course
) -> None:
    try:
        _live(browser, app_url, app_env["DATABASE_URL"], course)
    finally:
        for context in browser.contexts:  # live pages poll every second: close them, or later tests slow down
            context.close()


def _device(browser: Browser, locale: str) -> Page:
    """A new browser (the trainer's laptop or a phone), as patient as the test's own page on a loaded machine."""
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    context.set_default_navigation_timeout(90_000)
    return context.new_page()


def _live(browser: Browser, base: str, database_url: str, course: Course) -> None:
    rp = course.roleplays[CALL]
    host = _device(browser, "en-US")
    trainer = new_user("coach")
    host.goto(base)
    register(host, trainer, "Coach", tab="Create account")
    expect(host.get_by_role("heading", name="Hello, Coach")).to_be_visible()
    promote(database_url, trainer)
    host.goto(f"{base}/classroom")
    wait_ready(host)
    form = host.get_by_test_id("stForm").filter(has=host.get_by_role("button", name="Run the role-play"))
    settled(host)
    box = form.get_by_role("combobox", name="Scenario")
    box.click()
    host.keyboard.type(rp.title.en[:14])  # typing filters the long list down to the scenario
    host.get_by_role("option", name=rp.title.en, exact=True).click()
    form.get_by_role("spinbutton", name="Seconds per vote").fill("300")
    form.get_by_role("button", name="Run the role-play").click()
    code_heading = host.get_by_role("heading", level=1).filter(has_text=re.compile(r"^\d{6}$"))
    expect(code_heading).to_be_visible()
    code = code_heading.inner_text().strip()
    live_id = int(parse_qs(urlsplit(host.url).query)["s"][0])

    learner = _device(browser, "en-US")
    learner.goto(base)
    register(learner, new_user("mia"), "Mia", tab="Create account")
    expect(learner.get_by_role("heading", name="Hello, Mia")).to_be_visible()
    join(learner, base, code, None, "en")
    guest_zh = _device(browser, "zh-CN")
    join(guest_zh, base, code, "小周", "zh")
    guest_en = _device(browser, "en-US")
    join(guest_en, base, code, "Sam", "en")
    phones = [(learner, "en"), (guest_zh, "zh"), (guest_en, "en")]
    expect(guest_zh.get_by_text("等待培训师开始对练……")).to_be_visible()

    expect(host.get_by_text("3 joined")).to_be_visible()
    host.get_by_role("button", name="Show the first turn").click()

    path = path_to(rp, "bad")  # the class talks itself out of the call
    total_votes = 0
    for step, played in enumerate(path):
        node_id = walk(rp, path[:step]).current
        node = rp.nodes[node_id]
        expect(host.get_by_text(f"Turn {step + 1}", exact=False).first).to_be_visible()
        expect(host.get_by_text(node.line.en, exact=False)).to_be_visible()
        others = [c.id for c in node.choices if c.id != played]
        # turn 2 is a tie (one vote each), which the trainer settles; the other turns have a clear majority
        votes = [played, others[0], others[1 % len(others)]] if step == 1 else [played, played, others[0]]
        if step == 1 and len(node.choices) < 3:
            votes = [played, others[0], None]
        for (phone, lang), choice_id in zip(phones, votes, strict=True):
            if choice_id is None:
                continue
            line = tr(rp.choice(node_id, choice_id).line, lang)
            settled(phone)
            phone.get_by_role("button", name=re.compile(re.escape(line) + "$")).click()
            received = "已收到你的投票" if lang == "zh" else "Vote received"
            expect(phone.get_by_text(received)).to_be_visible()
        cast = sum(v is not None for v in votes)
        total_votes += cast
        expect(host.get_by_text(f"{cast}/3")).to_be_visible()
        settled(host)
        host.get_by_role("button", name="Close the vote").click()
        expect(host.get_by_text(f"How the class voted ({cast} votes)")).to_be_visible()
        expect(host.get_by_test_id("stPlotlyChart")).to_be_visible()
        letter = "ABCD"[[c.id for c in choice_order(node, live_id, node_id)].index(played)]
        if step == 1:
            expect(host.get_by_text("A tie, or no votes: the trainer picks the line.")).to_be_visible()
            host.get_by_role("button", name=f"Play {letter}", exact=True).click()
            expect(host.get_by_text("The trainer picked this turn's line.")).to_be_visible()
        else:
            host.get_by_role("button", name=f"Play the class's choice: {letter}").click()
        reaction = rp.choice(node_id, played).reaction
        expect(host.get_by_text(reaction.en, exact=False).first).to_be_visible()
        expect(guest_zh.get_by_text(reaction.zh, exact=False).first).to_be_visible()  # phones read it too
        last = step == len(path) - 1
        host.get_by_role("button", name="See the ending" if last else "Next turn").click()

    # the debrief: the ending, the class's path against the best, the vote at every turn, the export
    result = play(rp, path)
    expect(host.get_by_text("This role-play has ended.")).to_be_visible()
    expect(host.get_by_text(result.ending.title.en, exact=True)).to_be_visible()
    expect(host.get_by_text("The class's path")).to_be_visible()
    expect(host.get_by_text("The best path", exact=True)).to_be_visible()
    expect(host.get_by_role("heading", name="The vote at each turn")).to_be_visible()
    expect(guest_zh.get_by_text("对练结束，谢谢参与！")).to_be_visible()
    expect(learner.get_by_text(result.ending.title.en, exact=True)).to_be_visible()
    with host.expect_download() as csv_download:
        host.get_by_role("button", name="Download CSV").click()
    rows = csv_download.value.path().read_text("utf-8-sig").splitlines()
    assert rows[0] == "Trainee,Turn,Vote,Line voted for,Same as played,Best line,Voted at"
    assert len(rows) == 1 + total_votes
    with host.expect_download() as xlsx_download:
        host.get_by_role("button", name="Download Excel").click()
    assert xlsx_download.value.path().read_bytes()[:2] == b"PK"
