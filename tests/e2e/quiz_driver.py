"""Answers quiz questions in the browser the way a learner does, right or wrong on purpose."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from academy.content.loader import Course
from academy.content.schema import Question
from academy.core.i18n import tr


def current_form(page: Page, prefix: str) -> tuple[Locator, str]:
    """The question form on screen and its question id (forms carry the key `<prefix>-<attempt>-<question id>`)."""
    form = page.locator(f"[data-testid='stVerticalBlock'][class*='st-key-{prefix}-']").first
    expect(form).to_be_visible(timeout=30_000)
    key = re.search(rf"st-key-{prefix}-\d+-([a-z0-9-]+)", form.get_attribute("class") or "")
    if key is None:  # review forms: st-key-review-<question id>-<reviews>
        key = re.search(rf"st-key-{prefix}-([a-z0-9-]+)-\d+", form.get_attribute("class") or "")
    return form, key.group(1)


def _pick(page: Page, form: Locator, label: str | None, option: str, nth: int = 0) -> None:
    box = form.get_by_role("combobox", name=label) if label else form.get_by_role("combobox").nth(nth)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def answer(page: Page, form: Locator, question: Question, lang: str, correct: bool) -> None:
    def say(value) -> str:
        return tr(value, lang)

    if question.type == "matching":
        n = len(question.left)
        for i, left in enumerate(question.left):
            target = i if correct else (i + 1) % n
            _pick(page, form, say(left), say(question.right[target]))
    elif question.type == "ordering":
        options = [say(o.text) for o in question.options]
        for text in options if correct else options[::-1]:
            form.get_by_role("combobox").first.click()
            page.get_by_role("option", name=text, exact=True).click()
        page.keyboard.press("Escape")
    elif question.type == "multiple":
        wanted = [o for o in question.options if (o.id in question.answer) == correct]
        for option in wanted:
            form.get_by_role("checkbox", name=say(option.text), exact=True).locator("xpath=ancestor::label").click()
    else:
        choice = next(o for o in question.options if (o.id in question.answer) == correct)
        form.locator("label").filter(has_text=re.compile(rf"^{re.escape(say(choice.text))}$")).first.click()


TAP_TYPES = ("single", "scenario", "true_false")  # academy/ui/live_phone.py: one tap answers these


def answer_live(page: Page, form: Locator, question: Question, lang: str, correct: bool) -> None:
    """Answer on a live quiz phone: tap the option's button, or fill the form and press Send."""
    if question.type in TAP_TYPES:
        choice = next(o for o in question.options if (o.id in question.answer) == correct)
        label = re.compile(rf"^\S\s+{re.escape(tr(choice.text, lang))}$")
        form.get_by_role("button", name=label).click()
        return
    answer(page, form, question, lang, correct)
    form.get_by_role("button", name="提交" if lang == "zh" else "Send").click()


def run_quiz(page: Page, course: Course, lang: str, correct: bool, labels: dict[str, str]) -> int:
    """Answer every question of the open quiz; returns how many there were."""
    count = 0
    while True:
        form, qid = current_form(page, "q")
        answer(page, form, course.question(qid), lang, correct)
        form.get_by_role("button", name=labels["submit"]).click()
        expect(page.get_by_text(labels["why"], exact=True)).to_be_visible(timeout=30_000)
        count += 1
        # the next step is one of two buttons; wait for whichever this question shows
        step = page.get_by_role(
            "button", name=re.compile(rf"^({re.escape(labels['next'])}|{re.escape(labels['results'])})$")
        )
        expect(step).to_be_visible(timeout=30_000)
        is_last = step.inner_text().strip() == labels["results"]
        step.click()
        if is_last:
            return count
