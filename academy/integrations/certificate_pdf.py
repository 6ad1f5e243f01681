"""The certificate as a one-page PDF (fpdf2) in the learner's language, and a zip of a cohort's certificates.

Chinese needs a font with its glyphs embedded: CERTIFICATE_FONT, else Debian's WenQuanYi Micro Hei
(fonts-wqy-microhei, installed by scripts/system-deps.sh). A TrueType font keeps the text extractable
(copy, search, screen readers). In a font collection (.ttc) the Simplified or Traditional Chinese face
is chosen by its name, so a pan-CJK collection draws Chinese, not Japanese, glyph shapes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import segno
from fontTools.ttLib import TTCollection
from fpdf import FPDF

from academy.core.i18n import t
from academy.core.models import Certificate
from academy.core.settings import Settings
from academy.integrations.certificates import CertificateError

DEFAULT_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
PAGE_W, PAGE_H = 297.0, 210.0  # A4 landscape, millimetres
MARGIN = 12.0
INK = (31, 58, 95)
GREY = (110, 110, 110)
PDF_LANG = {"zh": "zh-CN", "zh-hant": "zh-TW", "en": "en"}


def font_file(settings: Settings) -> Path:
    path = Path(settings.certificate_font) if settings.certificate_font else DEFAULT_FONT
    if not path.is_file():
        raise CertificateError("cert_no_font", path=str(path))
    return path


@lru_cache(maxsize=16)
def _face(path: str, lang: str) -> int:
    """The face of a font collection to use: Traditional (TC) for zh-hant, else Simplified (SC), else the first."""
    if not path.lower().endswith((".ttc", ".otc")):
        return 0
    wanted = " TC" if lang == "zh-hant" else " SC"
    collection = TTCollection(path, lazy=True)
    names = [str(font["name"].getDebugName(4) or "") for font in collection.fonts]
    collection.close()
    for index, name in enumerate(names):
        if name.endswith(wanted) and "Mono" not in name:
            return index
    return 0


def local_date(moment: datetime, lang: str) -> str:
    """A date as people write it in the language, in the server's time zone."""
    day = moment.astimezone().date()
    if lang == "en":
        return f"{day.day} {day:%B} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def _centered(pdf: FPDF, y: float, text: str, size: float, *, minimum: float = 11, line: float | None = None) -> float:
    """Text centred across the page at y, shrunk to fit one line down to `minimum`, wrapped beyond it.

    Returns the y below it.
    """
    width = PAGE_W - 2 * MARGIN - 16
    while size > minimum:
        pdf.set_font_size(size)
        if pdf.get_string_width(text) <= width:
            break
        size -= 1
    pdf.set_font_size(size)
    pdf.set_xy(MARGIN + 8, y)
    pdf.multi_cell(width, line or size * 0.5, text, align="C")
    return pdf.get_y()


def _qr(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=1)
    buffer.seek(0)
    return buffer


def render(*, certificate: Certificate, course_title: str, lang: str, verify_url: str, settings: Settings) -> bytes:
    """The certificate as a one-page A4 PDF in `lang` (zh, zh-hant or en)."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN)
    font = font_file(settings)
    pdf.add_font("cjk", fname=str(font), collection_font_number=_face(str(font), lang))
    title = t("cert_pdf_title", lang)
    pdf.set_title(f"{title} · {certificate.name}")
    pdf.set_author(t("app_title", lang))
    pdf.set_lang(PDF_LANG.get(lang, "zh-CN"))
    pdf.add_page()

    pdf.set_draw_color(*INK)
    pdf.set_line_width(1.2)
    pdf.rect(MARGIN - 2, MARGIN - 2, PAGE_W - 2 * MARGIN + 4, PAGE_H - 2 * MARGIN + 4)
    pdf.set_line_width(0.3)
    pdf.rect(MARGIN + 1, MARGIN + 1, PAGE_W - 2 * MARGIN - 2, PAGE_H - 2 * MARGIN - 2)

    pdf.set_font("cjk", size=14)
    pdf.set_text_color(*GREY)
    _centered(pdf, 26, t("app_title", lang), 14)
    pdf.set_text_color(*INK)
    _centered(pdf, 40, title, 34)
    pdf.set_text_color(0, 0, 0)
    _centered(pdf, 66, t("cert_pdf_certifies", lang), 14)
    below = _centered(pdf, 78, certificate.name, 30, minimum=16)
    below = _centered(pdf, max(below + 6, 98), t("cert_pdf_passed", lang), 14)
    below = _centered(pdf, below + 4, course_title, 20, minimum=12)
    score = t("cert_pdf_score", lang, pct=round(certificate.score * 100))
    when = t("cert_pdf_date", lang, date=local_date(certificate.passed_at, lang))
    _centered(pdf, max(below + 8, 130), f"{score}        {when}", 14)

    pdf.set_font_size(11)
    pdf.set_xy(MARGIN + 10, 160)
    pdf.cell(200, 7, t("cert_pdf_code", lang, code=certificate.code))
    pdf.set_text_color(*GREY)
    pdf.set_font_size(9)
    pdf.set_xy(MARGIN + 10, 168)
    pdf.multi_cell(200, 5, t("cert_pdf_verify", lang, url=verify_url))
    pdf.image(_qr(verify_url), x=PAGE_W - MARGIN - 40, y=PAGE_H - MARGIN - 46, w=34)
    return bytes(pdf.output())


def cohort_zip(files: list[tuple[str, bytes]]) -> bytes:
    """(file name, PDF) pairs as one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()
