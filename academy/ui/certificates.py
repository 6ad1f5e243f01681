"""Certificate downloads: the learner's own (Profile, the final exam's result) and a cohort's zip (Classroom)."""

from __future__ import annotations

import streamlit as st

from academy.core.i18n import tr
from academy.core.models import Certificate, User
from academy.integrations import certificate_pdf, certificates
from academy.ui.live import app_address
from academy.ui.state import course, db, lang, settings, tt


def verify_base() -> str:
    """The verification page's address up to the code. Read during the run: a download's callable runs
    later, outside it, where the address in use is no longer known."""
    return app_address("verify?code=")


def _pdf(certificate: Certificate, language: str, verify_base: str) -> bytes:
    return certificate_pdf.render(
        certificate=certificate,
        course_title=tr(course().manifest.title, language),
        lang=language,
        verify_url=verify_base + certificate.code,
        settings=settings(),
    )


def _font_ready() -> bool:
    try:
        certificate_pdf.font_file(settings())
    except certificates.CertificateError as err:
        st.warning(tt(err.key, **err.params), icon=":material/font_download_off:")
        return False
    return True


def my_certificate(user: User, *, quiet: bool = False) -> None:
    """The learner's certificate to download, issued on first sight after passing the final exam."""
    try:
        with db() as s:
            certificate = certificates.certificate_for(s, user=s.get(User, user.id))
    except certificates.CertificateError as err:
        st.error(tt(err.key, **err.params))
        return
    if certificate is None:
        if not quiet:
            st.caption(tt("cert_not_yet"))
        return
    if not _font_ready():
        return
    language, base = lang(), verify_base()
    st.download_button(
        tt("cert_download"),
        lambda: _pdf(certificate, language, base),
        file_name=f"certificate-{user.username}.pdf",
        mime="application/pdf",
        icon=":material/workspace_premium:",
        on_click="ignore",
        key=f"cert-{certificate.code}",
    )
    st.caption(tt("cert_code_is", code=certificate.code))


def cohort_certificates(viewer: User, cohort_id: int, passed: int) -> None:
    """A trainer's zip of every certificate in a cohort, each in its learner's language."""
    if not passed:
        st.caption(tt("cert_cohort_none"))
        return
    if not _font_ready():
        return

    base = verify_base()

    def build() -> bytes:
        with db() as s:
            found = certificates.for_cohort(s, viewer=s.get(User, viewer.id), cohort_id=cohort_id)
        return certificate_pdf.cohort_zip(
            [(f"certificate-{member.username}.pdf", _pdf(cert, member.language, base)) for member, cert in found]
        )

    st.download_button(
        tt("cert_cohort_download", n=passed),
        build,
        file_name=f"certificates-cohort-{cohort_id}.zip",
        mime="application/zip",
        icon=":material/folder_zip:",
        on_click="ignore",
        key=f"cert-cohort-{cohort_id}",
    )
