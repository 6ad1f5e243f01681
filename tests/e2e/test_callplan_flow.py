"""A call plan in Chromium: made from a mapped account it prefills the roles; its review lands in the checklist.

The printable page is printed to PDF by the same browser, and fits on one A4 sheet.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from academy.core.db import session_scope
from academy.core.models import User
from academy.tools import clients, decision_unit
from tests.e2e.conftest import choose_language, new_user, register

pytestmark = pytest.mark.browser
WAIT = 30_000
ROW = {"prep-know-role": 0, "prep-opening": 2, "prep-questions": 4, "visit-next-step": 12}  # rows of the log's table
CAME_UP, DONE = 2, 3  # the log's columns: group, behaviour, came up, done, note


def _settled(page: Page) -> None:
    """The run is over and nothing left on the page is from an earlier one (call it once the new run shows).

    Not `networkidle`: on a loaded machine the page's media requests can keep it busy past any timeout."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=WAIT)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=WAIT)


def _map_an_account(database_url: str, username: str) -> None:
    """What the learner drew on the decision-unit map earlier: a decider, and an evaluator who also uses it."""
    with session_scope(database_url) as s:
        uid = s.exec(select(User.id).where(User.username == username)).one()
        account = clients.ensure_account(s, user_id=uid, name="Huatuo Precision")
        decision_unit.save_member(
            s, user_id=uid, account_id=account.id, name="Mr Zhao", title="General manager", roles=["decider"]
        )
        decision_unit.save_member(
            s, user_id=uid, account_id=account.id, name="Ms Liu", roles=["evaluator", "user"], relationship="champion"
        )


def _field(page: Page, label: str):
    return page.get_by_test_id("stForm").get_by_label(label, exact=True)


def test_a_call_plan_from_a_mapped_account_prefills_its_roles_and_its_review_fills_the_checklist(
    page: Page, app_url: str, app_env: dict[str, str], browser: Browser
) -> None:
    page.goto(app_url)
    expect(page.get_by_role("tab", name="注册")).to_be_visible(timeout=WAIT)
    _settled(page)
    choose_language(page, "English")
    username = new_user("plan")
    register(page, username, "Pan", tab="Create account")
    expect(page.get_by_role("heading", name="Hello, Pan")).to_be_visible(timeout=WAIT)
    _map_an_account(app_env["DATABASE_URL"], username)

    page.goto(f"{app_url}/tools?tool=call-plan")
    expect(page.get_by_role("heading", name="Call plan", exact=True)).to_be_visible(timeout=WAIT)
    # the person who weighs most comes first, read from the map; the selling-point rows follow the map's roles
    expect(page.get_by_text("Mr Zhao (General manager): role Decider (D)")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Decider (D) · On your map: Mr Zhao")).to_be_visible()
    expect(page.get_by_text("Evaluator (E) · On your map: Ms Liu")).to_be_visible()
    expect(page.get_by_text("User (U) · On your map: Ms Liu")).to_be_visible()
    expect(page.get_by_text("Maintainer · Nobody on your map in this role yet")).to_be_visible()
    _settled(page)

    form = page.get_by_test_id("stForm")
    form.get_by_label("Objective", exact=True).fill("Agree which plants the proposal covers")
    form.get_by_label("Opening", exact=True).fill("You open the third plant in May: may I start from what it changes?")
    form.get_by_label("Questions to ask (one per line)", exact=True).fill(
        "What is it for?\nWho else pays for downtime?"
    )
    form.get_by_label("Need or motive").first.fill("No stoppage during the move")
    form.get_by_label("Selling point").first.fill("Phased cut-over, plant by plant")
    form.get_by_label("Value or benefit").first.fill("Zero lost shifts")
    form.get_by_label("Evidence to bring (data, cases, documents)", exact=True).fill("Cut-over log of two peers")
    form.get_by_role("button", name="Save the call plan").click()

    # the plan is open and, the visit being today, so is its review
    expect(page.get_by_role("heading", name="After the visit: review")).to_be_visible(timeout=WAIT)
    _settled(page)
    page.get_by_test_id("stRadio").get_by_text("Yes", exact=True).click()
    _settled(page)
    agreed = page.get_by_label("Next step agreed (who does what, by when)", exact=True)
    agreed.fill("Ms Liu books the plant walk for Tuesday")
    agreed.press("Enter")
    _settled(page)
    page.get_by_role("button", name="Save the review and log it in my checklist").click()
    monday = date.today() - timedelta(days=date.today().weekday())
    expect(
        page.get_by_text(re.compile(rf"Logged \d+ behaviours in your checklist for the week of {monday}"))
    ).to_be_visible(timeout=WAIT)

    # the printable page: the plan without the app around it, one A4 sheet when printed
    _settled(page)
    page.get_by_text("Printable page (one page)", exact=True).click()
    frame = page.locator("iframe[title='Printable page (one page)']")
    expect(frame).to_be_visible(timeout=WAIT)
    inner = page.frame_locator("iframe[title='Printable page (one page)']")
    expect(inner.get_by_role("heading", name="Call plan · Huatuo Precision")).to_be_visible(timeout=WAIT)
    expect(inner.get_by_role("cell", name="Phased cut-over, plant by plant")).to_be_visible()
    expect(inner.get_by_role("button", name="Print")).to_be_visible()
    printed = browser.new_page()
    printed.set_content(frame.get_attribute("srcdoc"))
    pdf = printed.pdf(format="A4")
    printed.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1

    # the checklist shows the visit in this week's log: came up once; done where the plan or review shows it
    page.get_by_role("link", name="Open the checklist").click()
    expect(page.get_by_role("heading", name="Sales-activity checklist")).to_be_visible(timeout=WAIT)
    _settled(page)
    grid = page.get_by_test_id("stDataFrame").first
    for item, done in (
        ("prep-know-role", "1"),
        ("prep-opening", "1"),
        ("prep-questions", "1"),
        ("visit-next-step", "1"),
    ):
        expect(grid.get_by_test_id(f"glide-cell-{CAME_UP}-{ROW[item]}")).to_have_text("1", timeout=WAIT)
        expect(grid.get_by_test_id(f"glide-cell-{DONE}-{ROW[item]}")).to_have_text(done)
    expect(grid.get_by_test_id(f"glide-cell-{DONE}-5")).to_have_text("0")  # a confident image: only the learner knows
