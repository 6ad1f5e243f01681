"""Certificates in Chromium: pass the final exam, download the PDF (result screen and Profile, in the
learner's language), verify its code without logging in, and a trainer's zip of the cohort's certificates."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sqlmodel import select

from academy.classroom import cohorts
from academy.content.loader import Course
from academy.content.schema import Question
from academy.core.db import session_scope
from academy.core.i18n import tr
from academy.core.models import CohortMember, User
from academy.integrations import certificate_pdf, certificates
from academy.learning import quiz
from tests.conftest import missing
from tests.e2e.conftest import choose_language, new_user, promote, register, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True, scope="module")
def _patient_expectations():
    """A sign-on is several page runs and a download a PDF build; on a machine loaded by other suites each
    can take a while. Waits still end as soon as the page shows what they wait for."""
    expect.set_options(timeout=90_000)
    yield
    expect.set_options(timeout=30_000)  # what tests/e2e/conftest.py sets for everything else


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return reader.pages[0].extract_text()


def download(page: Page, button_name: str) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("button", name=button_name).click()
    return Path(started.value.path()).read_bytes()


def correct_response(question) -> list:
    if question.type == "matching":
        return list(range(len(question.left)))
    if question.type == "ordering":
        return [o.id for o in question.options]
    return list(question.answer)


def nearly_finished_final_exam(database_url: str, username: str, course: Course) -> Question:
    """A final exam with every question answered right but one single-choice question, left for the browser.

    Thirty questions answered by hand would only test the quiz page again (tests/e2e/test_quiz_flow.py).
    """
    with session_scope(database_url) as s:
        user = s.exec(select(User).where(User.username == username)).one()
        attempt = quiz.start_attempt(s, user_id=user.id, course=course, module_id=None, pass_mark=0.8)
        ids = [item["q"] for item in attempt.layout]
        last = next(q for q in ids if course.question(q).type in ("single", "true_false"))
        for qid in ids:
            if qid != last:
                response = correct_response(course.question(qid))
                quiz.submit_answer(
                    s, user_id=user.id, attempt_id=attempt.id, question_id=qid, response=response, course=course
                )
    return course.question(last)


def test_pass_the_final_exam_download_verify_and_a_trainers_zip(
    page: Page, app_url: str, app_env: dict, course: Course, browser, browser_context_args
) -> None:
    if not certificate_pdf.DEFAULT_FONT.is_file():
        missing("the Chinese font is not installed (apt-get install fonts-wqy-microhei)")
    learner = new_user("cert")
    page.goto(app_url)
    register(page, learner, "证书 学员")

    question = nearly_finished_final_exam(app_env["DATABASE_URL"], learner, course)
    page.goto(f"{app_url}/assessments?quiz=final")  # the open attempt, at its one unanswered question
    right = next(o for o in question.options if o.id in question.answer)
    choice = page.locator("label").filter(has_text=re.compile(rf"^{re.escape(tr(right.text, 'zh'))}$")).first
    expect(choice).to_be_visible()
    choice.click()
    page.get_by_role("button", name="提交答案").click()
    page.get_by_role("button", name="查看成绩").click()
    expect(page.get_by_text("通过综合考试！")).to_be_visible()

    text = pdf_text(download(page, "下载结业证书（PDF）"))
    assert "结业证书" in text and "证书 学员" in text and "成绩：100%" in text
    code = re.search(r"证书编号：([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})", text).group(1)
    verify_link = re.search(r"验证证书：(\S+)", text).group(1)
    assert verify_link == f"{app_url}/verify?code={code}"

    # Profile has the same certificate; in English it is drawn in English
    page.goto(f"{app_url}/profile")
    expect(page.get_by_text(f"证书编号：{code}")).to_be_visible()
    choose_language(page, "English")
    english = pdf_text(download(page, "Download my certificate (PDF)"))
    assert "Certificate of Completion" in english and "证书 学员" in english and code in english

    # anyone can check the code printed on it, without logging in
    guest = browser.new_context(**browser_context_args).new_page()
    try:
        guest.goto(verify_link)
        expect(guest.get_by_text("证书有效")).to_be_visible()
        expect(guest.get_by_text("证书 学员 于", exact=False)).to_be_visible()
        expect(guest.get_by_text("成绩 100%", exact=False)).to_be_visible()
        wait_ready(guest)
        box = guest.get_by_role("textbox", name="证书编号")
        box.fill(certificates.new_code())
        guest.get_by_role("button", name="验证").click()
        expect(guest.get_by_text("没有编号为", exact=False)).to_be_visible()
        box.fill("not-a-code")
        guest.get_by_role("button", name="验证").click()
        expect(guest.get_by_text("证书编号由 16 个字母和数字组成", exact=False)).to_be_visible()

        # the learner's trainer downloads the whole cohort's certificates
        coach = new_user("coach")
        guest.goto(app_url)
        register(guest, coach, "Coach")
        promote(app_env["DATABASE_URL"], coach, "trainer")
        with session_scope(app_env["DATABASE_URL"]) as s:
            trainer = s.exec(select(User).where(User.username == coach)).one()
            member = s.exec(select(User).where(User.username == learner)).one()
            cohort = cohorts.create_cohort(s, trainer=trainer, name="证书班")
            s.add(CohortMember(cohort_id=cohort.id, user_id=member.id))
        guest.goto(f"{app_url}/classroom")
        guest.get_by_text("证书班", exact=False).first.click()
        zipped = download(guest, "下载本班的结业证书（zip，1 份）")
        with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
            assert archive.namelist() == [f"certificate-{learner}.pdf"]
            inside = pdf_text(archive.read(f"certificate-{learner}.pdf"))
        assert code in inside and "Certificate of Completion" in inside  # the learner now reads English
    finally:
        guest.context.close()
