"""The cohort dashboard in a real browser: a trainer's cohort, two trainees' quizzes, both languages, downloads."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlmodel import select

from academy.accounts import users
from academy.classroom import cohorts
from academy.content.loader import Course
from academy.core.db import session_scope
from academy.core.models import Cohort, User
from academy.dashboard import queries as dashboard
from academy.learning import progress, quiz
from tests.e2e.conftest import choose_language, new_user, promote, register, wait_ready

pytestmark = pytest.mark.browser


def _response(course: Course, qid: str, right: bool) -> list:
    q = course.question(qid)
    if q.type == "matching":
        n = len(q.left)
        return [i if right else (i + 1) % n for i in range(n)]
    if q.type == "ordering":
        ids = [o.id for o in q.options]
        return ids if right else ids[::-1]
    if q.type == "multiple":
        return list(q.answer) if right else [o.id for o in q.options if o.id not in q.answer]
    return list(q.answer) if right else [next(o.id for o in q.options if o.id not in q.answer)]


def _trainee(database_url: str, course: Course, code: str, display: str, right: bool) -> None:
    """A learner who joins with the code, reads the first module and sits its quiz (all right or all wrong)."""
    module = course.modules[0]
    with session_scope(database_url) as s:
        user = users.register(s, username=new_user("dl"), display_name=display, password="password-123")
        s.flush()
        cohorts.join_cohort(s, user=user, code=code)
        for section in module.sections[: len(module.sections) if right else 1]:
            progress.set_section_read(s, user_id=user.id, module=module, section_id=section.id, read=True)
        sitting = quiz.start_attempt(s, user_id=user.id, course=course, module_id=module.id, pass_mark=0.8, seed=42)
        for item in sitting.layout:
            response = _response(course, item["q"], right)
            quiz.submit_answer(
                s, user_id=user.id, attempt_id=sitting.id, question_id=item["q"], response=response, course=course
            )
        quiz.finish_attempt(s, user_id=user.id, attempt_id=sitting.id, course=course)


def _charts(page: Page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent !== null).map(p => ({
            title: p.layout.title && p.layout.title.text, type: p.data[0] && p.data[0].type,
            y: p.data[0] && p.data[0].y, yaxis: p.layout.yaxis.title && p.layout.yaxis.title.text}))"""
    )


def test_trainer_sees_the_cohort_in_both_languages_and_downloads_it(
    page: Page, app_url: str, app_env, course: Course, tmp_path: Path
) -> None:
    database_url = app_env["DATABASE_URL"]
    trainer = new_user("coach")
    page.goto(app_url)
    register(page, trainer, "Coach Wang")
    expect(page.get_by_role("heading", name="你好，Coach Wang")).to_be_visible(timeout=30_000)
    promote(database_url, trainer)

    # the trainer creates the cohort on the Classroom page
    page.goto(f"{app_url}/classroom")
    wait_ready(page)
    page.get_by_role("textbox", name=re.compile("^班级名称")).fill("华东 2026 Q4")
    page.get_by_role("button", name="创建", exact=True).click()
    created = page.get_by_text(re.compile(r"班级已创建，代码 [A-Z0-9]{6}。"))
    expect(created).to_be_visible(timeout=30_000)
    code = re.search(r"[A-Z0-9]{6}", created.inner_text()).group(0)

    # two trainees join and take the first module's quiz (seeded through the services the pages call)
    _trainee(database_url, course, code, "Li <b>Lei</b>", right=True)
    _trainee(database_url, course, code, "Zhao Min", right=False)
    with session_scope(database_url) as s:
        cohort = s.exec(select(Cohort).where(Cohort.join_code == code)).one()
        coach = s.exec(select(User).where(User.username == trainer)).one()
        items = dashboard.item_analysis(s, viewer=coach, cohort_id=cohort.id, course=course)
    weakest = course.question(items["question_id"][0])
    assert items["facility"][0] < 1

    # Chinese
    page.goto(f"{app_url}/dashboard")
    wait_ready(page)
    expect(page.get_by_role("heading", name="班级看板")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(rf"cohort={cohort.id}"))
    expect(page.get_by_test_id("stMetric").filter(has_text="学员")).to_contain_text("2")
    expect(page.get_by_test_id("stPlotlyChart").first).to_be_visible(timeout=30_000)
    heatmap = _charts(page)[0]
    assert (heatmap["type"], heatmap["yaxis"]) == ("heatmap", "学员") and "各单元完成度" in heatmap["title"]
    ticks = page.locator(".js-plotly-plot .ytick text").all_text_contents()
    assert "Li <b>Lei</b>" in ticks and "Zhao Min" in ticks  # a name with markup is shown as typed

    page.get_by_role("tab", name="薄弱题目").click()
    wait_ready(page)
    expect(page.get_by_role("heading", name="最薄弱的 10 道题")).to_be_visible(timeout=30_000)
    first = page.locator(".st-key-dash-weak-1")
    expect(first).to_contain_text(weakest.prompt.zh)
    expect(first).to_contain_text("F 0.50")
    expect(first.get_by_role("link")).to_contain_text("回到课程")

    # English
    choose_language(page, "English")
    expect(page.get_by_role("heading", name="Cohort dashboard")).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Completion").click()
    wait_ready(page)
    assert _charts(page)[0]["yaxis"] == "Trainee"
    page.get_by_role("tab", name="Weakest questions").click()
    wait_ready(page)
    expect(page.get_by_role("heading", name="The 10 weakest questions")).to_be_visible(timeout=30_000)
    expect(page.locator(".st-key-dash-weak-1")).to_contain_text(weakest.prompt.en)

    page.get_by_role("tab", name="Export").click()
    wait_ready(page)
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Download Excel (every table)").click()
    assert xlsx_download.value.suggested_filename == f"cohort-{cohort.id}-dashboard.xlsx"
    book = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    assert book.sheetnames == [
        "Completion",
        "Quizzes",
        "Score distribution",
        "Item analysis",
        "Progress over time",
        "Checklist",
    ]
    assert [c.value for c in book["Completion"]["A"]][1:] == ["Li <b>Lei</b>", "Zhao Min"]
    assert book["Item analysis"]["B2"].value == weakest.prompt.en
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download CSV").click()
    rows = Path(csv_download.value.path()).read_text("utf-8-sig").splitlines()
    assert rows[0].startswith("Trainee,Username,Modules complete,1. ")
    assert rows[1].startswith("Li <b>Lei</b>,") and ",1," in rows[1]  # one module complete
    assert len(rows) == 3
