from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from academy.content.loader import Course
from tests.e2e.conftest import choose_language, new_user, register, wait_ready
from tests.e2e.quiz_driver import answer, current_form, run_quiz

pytestmark = pytest.mark.browser

ZH = {"submit": "提交答案", "why": "解析", "next": "下一题", "results": "查看成绩"}
EN = {"submit": "Submit answer", "why": "Why", "next": "Next question", "results": "See the result"}


def test_fail_then_pass_a_module_quiz_in_both_languages_then_review(page: Page, app_url: str, course: Course) -> None:
    module = course.modules[0]
    page.goto(app_url)
    register(page, new_user("quiz"), "Quiz Taker")

    # read every section of the module, each on its own page
    for i, section in enumerate(module.sections):
        page.goto(f"{app_url}/module?m={module.id}&sec={section.id}")
        wait_ready(page)
        page.get_by_role("switch", name="已读").locator("xpath=ancestor::label").click()
        expect(page.get_by_text(f"已读 {i + 1}/{len(module.sections)} 节")).to_be_visible(timeout=30_000)

    # Chinese: answer everything wrong and fail
    page.goto(f"{app_url}/assessments?quiz={module.id}")
    page.get_by_role("button", name="开始测验").click()
    assert run_quiz(page, course, "zh", correct=False, labels=ZH) == 10
    expect(page.get_by_text("未达到及格线 80%")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="得分 0%")).to_be_visible()

    # English: pass, and see the history chart
    choose_language(page, "English")
    page.get_by_role("button", name="Try again").click()
    run_quiz(page, course, "en", correct=True, labels=EN)
    expect(page.get_by_text("Passed! This module's quiz is done.")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Best 100% over 2 attempt(s)")).to_be_visible()
    expect(page.get_by_test_id("stPlotlyChart")).to_be_visible()

    page.goto(app_url)
    # read and passed, but the module has a role-play still to play: not complete yet
    assert course.roleplays_for(module.id)
    expect(page.get_by_text("Course progress: 0 of 10 modules complete", exact=False)).to_be_visible(timeout=30_000)

    # the ten missed questions wait in Review; rating one moves it out of today's list
    page.goto(f"{app_url}/review")
    expect(page.get_by_text("10 due today, 10 in your review plan.")).to_be_visible(timeout=30_000)
    form, qid = current_form(page, "review")
    answer(page, form, course.question(qid), "en", correct=True)
    form.get_by_role("button", name="Show the answer").click()
    expect(page.get_by_text("Correct!")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Good").click()
    expect(page.get_by_text("9 due today, 10 in your review plan.")).to_be_visible(timeout=30_000)
