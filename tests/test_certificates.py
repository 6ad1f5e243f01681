"""Certificates: issued once for the first passed final exam, unguessable unique codes, verification, a
cohort's certificates for its trainer, and the PDF's text (read back with pypdf) in Chinese and English."""

from __future__ import annotations

import io
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import Session, func, select

from academy.accounts import personal_data, users
from academy.classroom import cohorts
from academy.classroom.cohorts import CohortError
from academy.core.db import session_scope
from academy.core.models import Certificate, QuizAttempt, Role, User
from academy.core.settings import Settings
from academy.integrations import certificate_pdf, certificates
from academy.integrations.certificates import CertificateError
from tests.conftest import missing

PASSED_AT = datetime(2026, 3, 14, 4, 30, tzinfo=UTC)


def person(session: Session, name: str, role: Role = Role.learner, display: str | None = None) -> User:
    user = users.register(session, username=name, display_name=display or name.title(), password="correct-horse")
    user.role = role
    session.add(user)
    session.commit()
    return user


def sit_final(session: Session, user: User, score: float, when: datetime = PASSED_AT, module_id=None) -> QuizAttempt:
    attempt = QuizAttempt(
        user_id=user.id,
        module_id=module_id,
        layout=[],
        pass_mark=0.8,
        finished_at=when,
        score=score,
        passed=score >= 0.8,
    )
    session.add(attempt)
    session.commit()
    return attempt


# --- codes ------------------------------------------------------------------------------------------


def test_codes_are_random_in_an_unambiguous_alphabet() -> None:
    codes = {certificates.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", c) for c in codes)


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("7K3M-Q9TR-2WXA-H4PD", "7K3M-Q9TR-2WXA-H4PD"),
        (" 7k3m q9tr 2wxa h4pd ", "7K3M-Q9TR-2WXA-H4PD"),
        ("7K3MQ9TR2WXAH4PD", "7K3M-Q9TR-2WXA-H4PD"),
        ("OOOO-IIII-LLLL-0000", "0000-1111-1111-0000"),  # letters misread for digits
        ("7K3M-Q9TR-2WXA", None),
        ("7K3M-Q9TR-2WXA-H4PU", None),  # U is not in the alphabet
        ("<script>", None),
        ("7" * 41, None),
    ],
)
def test_typed_codes_are_read_as_printed(typed, printed) -> None:
    assert certificates.normalize_code(typed) == printed


# --- issuing ------------------------------------------------------------------------------------------


def test_no_certificate_before_the_final_exam_is_passed(session: Session) -> None:
    ann = person(session, "ann")
    sit_final(session, ann, 0.5)  # failed
    sit_final(session, ann, 0.95, module_id="m1-key-account-game")  # a module quiz, not the final exam
    assert certificates.certificate_for(session, user=ann) is None
    assert session.exec(select(func.count()).select_from(Certificate)).one() == 0


def test_the_first_pass_gives_one_certificate_that_stays(session: Session) -> None:
    ann = person(session, "ann", display="安 Ann")
    sit_final(session, ann, 0.5, PASSED_AT - timedelta(days=2))
    first = sit_final(session, ann, 0.85, PASSED_AT)
    sit_final(session, ann, 1.0, PASSED_AT + timedelta(days=1))
    issued = certificates.certificate_for(session, user=ann)
    session.commit()
    assert (issued.attempt_id, issued.score, issued.name) == (first.id, 0.85, "安 Ann")
    assert issued.passed_at.replace(tzinfo=UTC) == PASSED_AT

    users.update_profile(session, user=ann, display_name="Someone Else")
    session.commit()
    again = certificates.certificate_for(session, user=ann)
    assert (again.id, again.code, again.name) == (issued.id, issued.code, "安 Ann")


def test_issuing_in_parallel_gives_one_certificate(db_url: str) -> None:
    with session_scope(db_url) as s:
        ann = person(s, "ann")
        sit_final(s, ann, 0.9)

    def issue(_: int) -> str:
        with session_scope(db_url) as s:
            return certificates.certificate_for(s, user=s.get(User, ann.id)).code

    with ThreadPoolExecutor(8) as pool:
        codes = set(pool.map(issue, range(8)))
    assert len(codes) == 1
    with session_scope(db_url) as s:
        assert s.exec(select(func.count()).select_from(Certificate)).one() == 1


def test_a_code_confirms_its_certificate_however_it_is_typed(session: Session) -> None:
    ann = person(session, "ann")
    sit_final(session, ann, 0.9)
    issued = certificates.certificate_for(session, user=ann)
    session.commit()
    assert certificates.verify(session, code=issued.code.lower().replace("-", " ")).id == issued.id
    assert certificates.verify(session, code=certificates.new_code()) is None
    assert certificates.verify(session, code="not a code") is None


def test_a_trainer_gets_the_certificates_of_their_own_cohort_only(session: Session) -> None:
    trainer = person(session, "tina", Role.trainer)
    other = person(session, "otto", Role.trainer)
    cohort = cohorts.create_cohort(session, trainer=trainer, name="Spring")
    session.commit()
    passed, failed, never = person(session, "pam"), person(session, "fay"), person(session, "nev")
    for member in (passed, failed, never):
        cohorts.join_cohort(session, user=member, code=cohort.join_code)
    sit_final(session, passed, 0.9)
    sit_final(session, failed, 0.4)
    session.commit()

    assert certificates.passed_by_cohort(session, viewer=trainer) == {cohort.id: 1}
    assert certificates.passed_by_cohort(session, viewer=other) == {}
    found = certificates.for_cohort(session, viewer=trainer, cohort_id=cohort.id)
    assert [(u.username, c.user_id) for u, c in found] == [("pam", passed.id)]
    with pytest.raises(CohortError, match="cls_not_found"):
        certificates.for_cohort(session, viewer=other, cohort_id=cohort.id)
    with pytest.raises(CohortError, match="cls_not_found"):
        certificates.for_cohort(session, viewer=passed, cohort_id=cohort.id)


def test_the_certificate_is_part_of_the_learners_data(session: Session) -> None:
    ann = person(session, "ann")
    sit_final(session, ann, 0.9)
    issued = certificates.certificate_for(session, user=ann)
    session.commit()
    exported = personal_data.export_user_data(session, user=ann)
    assert [row["code"] for row in exported["certificate"]] == [issued.code]
    personal_data.delete_account(session, user=ann, password="correct-horse")
    session.commit()
    assert certificates.verify(session, code=issued.code) is None


# --- the PDF ------------------------------------------------------------------------------------------


@pytest.fixture
def font_settings() -> Settings:
    settings = Settings()
    if not certificate_pdf.DEFAULT_FONT.is_file():
        missing("the Chinese font is not installed (apt-get install fonts-wqy-microhei)")
    return settings


def a_certificate(name: str = "梅晓丽 Mei", score: float = 0.93) -> Certificate:
    return Certificate(code="7K3M-Q9TR-2WXA-H4PD", user_id=1, attempt_id=1, name=name, score=score, passed_at=PASSED_AT)


def read(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def embedded_fonts(reader: PdfReader) -> set[str]:
    return {str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}


@pytest.mark.parametrize(
    ("lang", "course", "expected"),
    [
        ("zh", "大客户销售学院", ["结业证书", "兹证明", "梅晓丽 Mei", "大客户销售学院", "成绩：93%", "2026年3月14日"]),
        ("en", "Key Account Academy", ["Certificate of Completion", "梅晓丽 Mei", "Score: 93%", "14 March 2026"]),
        ("zh-hant", "大客戶銷售學院", ["結業證書", "茲證明", "梅晓丽 Mei", "大客戶銷售學院", "成績：93%"]),
    ],
)
def test_the_pdf_says_who_passed_what_when_and_how_well_in_their_language(
    font_settings: Settings, lang, course, expected
) -> None:
    url = "https://academy.example.com/verify?code=7K3M-Q9TR-2WXA-H4PD"
    pdf = certificate_pdf.render(
        certificate=a_certificate(), course_title=course, lang=lang, verify_url=url, settings=font_settings
    )
    reader, text = read(pdf)
    assert len(reader.pages) == 1
    for part in [*expected, "7K3M-Q9TR-2WXA-H4PD", url]:
        assert part in text, f"{part!r} is not in the text of the {lang} certificate:\n{text}"
    # the Chinese glyphs are drawn from the embedded Chinese font, not left to the reader's fonts
    assert any("WenQuanYi" in font for font in embedded_fonts(reader))
    assert reader.metadata.title.endswith("梅晓丽 Mei")


def test_a_long_name_and_title_still_fit_on_one_page(font_settings: Settings) -> None:
    name = "欧阳" + "名" * 78
    course = "大客户销售学院：" + "战略客户经营与复杂销售" * 8
    pdf = certificate_pdf.render(
        certificate=a_certificate(name=name),
        course_title=course,
        lang="zh",
        verify_url="http://x/verify",
        settings=font_settings,
    )
    reader, text = read(pdf)
    assert len(reader.pages) == 1
    assert name in re.sub(r"\s", "", text)


def test_a_missing_font_is_named_not_a_traceback() -> None:
    settings = Settings(certificate_font="/nowhere/font.ttf")
    with pytest.raises(CertificateError) as err:
        certificate_pdf.render(
            certificate=a_certificate(), course_title="x", lang="zh", verify_url="http://x", settings=settings
        )
    assert (err.value.key, err.value.params) == ("cert_no_font", {"path": "/nowhere/font.ttf"})


def test_a_cohort_zip_holds_one_pdf_per_learner() -> None:
    data = certificate_pdf.cohort_zip([("certificate-ann.pdf", b"%PDF-a"), ("certificate-bob.pdf", b"%PDF-b")])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["certificate-ann.pdf", "certificate-bob.pdf"]
        assert archive.read("certificate-bob.pdf") == b"%PDF-b"
