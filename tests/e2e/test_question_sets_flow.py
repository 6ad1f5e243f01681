"""Moodle XML in a real browser: a trainer exports the bank, is told every problem of a bad file, imports a
Moodle file, offers the set to a cohort, runs it as a live quiz, and a learner of the cohort practises it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import choose_language, new_user, promote, register, wait_ready

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent.parent / "fixtures" / "moodle"


def _settled(page: Page) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=30_000)


def _choose(page: Page, box: Locator, option: str) -> None:
    """Pick an option of a select box by typing it (the open list re-renders while the mouse moves)."""
    expect(box).to_be_visible(timeout=30_000)
    box.click()
    page.keyboard.type(option)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible(timeout=30_000)
    page.keyboard.press("Enter")


def _upload(page: Page, path: Path, name: str) -> None:
    form = page.get_by_test_id("stForm").filter(has=page.get_by_test_id("stFileUploader"))
    form.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(str(path))
    expect(form.get_by_text(path.name)).to_be_visible(timeout=30_000)
    form.get_by_role("textbox", name="Set name").fill(name)
    _settled(page)
    form.get_by_role("button", name="Import").click()


def test_a_trainer_exports_imports_offers_and_runs_a_set(page: Page, browser: Browser, app_url: str, app_env) -> None:
    trainer = new_user("qs")
    page.goto(app_url)
    register(page, trainer, "Tina")
    choose_language(page, "English")
    promote(app_env["DATABASE_URL"], trainer)

    # a cohort for the practice quiz
    page.goto(f"{app_url}/classroom")
    page.get_by_role("textbox", name="Cohort name").fill("Negotiation workshop")
    page.get_by_role("button", name="Create", exact=True).click()
    created = page.get_by_text("Cohort created. Its code is")
    expect(created).to_be_visible(timeout=30_000)
    code = created.inner_text().rsplit(" ", 1)[-1].rstrip(".")

    page.goto(f"{app_url}/question_sets")
    expect(page.get_by_role("heading", name="Question exchange: Moodle XML")).to_be_visible(timeout=30_000)
    _settled(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Moodle XML").first.click()
    bank = ET.parse(download.value.path()).getroot()
    assert bank.tag == "quiz" and len(bank.findall("question[@type='multichoice']")) > 100

    # a file with problems: each one named, nothing stored
    _upload(page, FIXTURES / "problems.xml", "Mixed")
    expect(page.get_by_text("The file has 6 problem(s); nothing was imported:")).to_be_visible(timeout=30_000)
    for name in ("Describe your last deal", "Half right", "With a distractor", "With a picture", "Four of six"):
        expect(page.get_by_text(f"“{name}”")).to_be_visible()
    expect(page.get_by_text("question type “essay” is not supported", exact=False)).to_be_visible()
    expect(page.get_by_text("No sets yet.", exact=False)).to_be_visible()

    # a file as Moodle writes it
    _upload(page, FIXTURES / "from-moodle.xml", "Negotiation")
    expect(page.get_by_text("Imported the set “Negotiation”: 5 questions.")).to_be_visible(timeout=30_000)
    page.reload()
    set_panel = page.get_by_test_id("stExpander").filter(has_text="Negotiation · 5 questions")
    expect(set_panel).to_be_visible(timeout=30_000)
    _settled(page)
    set_panel.click()
    _choose(page, set_panel.get_by_role("combobox"), "Negotiation workshop")
    expect(set_panel.get_by_text("Negotiation workshop")).to_be_visible(timeout=30_000)
    # close the list by clicking outside it (Escape on a list already closed can clear the value);
    # not by role: while the list is open the rest of the page is hidden from the accessibility tree
    page.get_by_text("Export the course's questions as Moodle XML", exact=False).click()
    expect(page.get_by_role("option", name="Negotiation workshop")).to_have_count(0, timeout=30_000)
    expect(set_panel.get_by_text("Negotiation workshop")).to_be_visible()
    set_panel.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible(timeout=30_000)

    # a live quiz from the set
    page.goto(f"{app_url}/classroom")
    expect(page.get_by_role("heading", name="Start a live quiz", exact=False)).to_be_visible(timeout=30_000)
    _settled(page)
    page.get_by_role("radio", name="My question set").click()
    expect(page.get_by_role("combobox", name="Question set")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Start", exact=True)).to_be_visible(timeout=30_000)
    _settled(page)
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.get_by_role("heading", name="Negotiation")).to_be_visible(timeout=30_000)
    _settled(page)
    page.get_by_role("button", name="Show the first question", exact=False).click()
    # a trainer's text is shown as text, never as Markdown: the asterisks stay
    expect(page.get_by_text("Before a price negotiation, what should you fix **first**?")).to_be_visible(timeout=30_000)

    # a learner of the cohort practises the set
    other = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    other.set_default_timeout(60_000)
    other.set_default_navigation_timeout(120_000)
    learner = other.new_page()
    learner.goto(app_url)
    register(learner, new_user("ql"), "Lee")
    choose_language(learner, "English")
    learner.goto(f"{app_url}/classroom")
    wait_ready(learner)
    learner.get_by_role("textbox", name="Cohort code").fill(code)
    learner.get_by_role("button", name="Join", exact=True).click()
    expect(learner.get_by_role("button", name="Leave")).to_be_visible(timeout=30_000)  # a member now
    learner.goto(f"{app_url}/assessments")
    _choose(learner, learner.get_by_role("combobox", name="Choose a quiz"), "Practice: Negotiation")
    expect(learner.get_by_role("button", name="Start the quiz", exact=False)).to_be_visible(timeout=30_000)
    _settled(learner)
    learner.get_by_role("button", name="Start the quiz", exact=False).click()
    expect(learner.get_by_text("Question 1 of 5", exact=False)).to_be_visible(timeout=30_000)
