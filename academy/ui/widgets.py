"""Small rendering helpers shared by pages."""

from __future__ import annotations

import re

import streamlit as st

from academy.content.schema import L10n
from academy.core.i18n import tr
from academy.core.text import clean_text
from academy.ui.state import lang


def text(value: L10n) -> str:
    return tr(value, lang())


_MARKDOWN_CONTROL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")
# Streamlit's Markdown turns bare addresses into links after parsing, so no escape stops it; a
# word joiner (U+2060, invisible) inside "://", "www." and before "@" does.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?i:(?<=www))(?=\\?\.)|(?=@)")
WORD_JOINER = "\u2060"


def plain(value: str) -> str:
    """One person's text for st.markdown on another's screen, as text: the one escaping helper.

    Invisible and direction-changing characters are dropped (a right-to-left override would
    reverse the names after it), every Markdown control character is escaped and bare addresses
    are kept from becoming links, so links, images, headings, LaTeX and coloured boxes show as
    the characters typed.
    """
    escaped = _MARKDOWN_CONTROL.sub(r"\\\1", clean_text(value))
    return _AUTOLINK.sub(WORD_JOINER, escaped)


def markdown(value: L10n) -> None:
    # Content is authored Markdown; HTML stays off so nothing in it can run.
    st.markdown(text(value))


def coming_soon(title_key: str) -> None:
    from academy.ui.state import tt

    st.title(tt(title_key))
    st.info(tt("coming_soon"), icon=":material/construction:")


def module_card(module, progress, number: int) -> None:
    """One module in a list: title, summary, progress and an Open link."""
    from academy.ui.state import tt

    with st.container(border=True):
        left, right = st.columns([5, 1], vertical_alignment="center")
        with left:
            badge = f" :green-badge[:material/check: {tt('module_complete')}]" if progress.complete else ""
            st.markdown(f"**{number}. {text(module.title)}**{badge}")
            st.caption(f"{text(module.summary)} · {tt('module_minutes', n=module.minutes)}")
            st.progress(progress.fraction, text=progress_status(progress))
        with right:
            st.page_link(
                "views/module.py",
                label=tt("open_module"),
                icon=":material/arrow_forward:",
                query_params={"m": module.id},
            )


def progress_status(progress) -> str:
    """A module's progress in words, the same on every page: sections read, the quiz, the role-play."""
    from academy.ui.state import tt

    parts = [tt("module_status", read=progress.sections_read, total=progress.sections_total)]
    if progress.quiz_passed is not None:
        parts.append(tt("fw_quiz_passed") if progress.quiz_passed else tt("fw_quiz_not_passed"))
    if progress.roleplay_played is not None:
        parts.append(tt("rp_module_practised") if progress.roleplay_played else tt("rp_module_to_practise"))
    return " · ".join(parts)


def completion_rule() -> None:
    """What "complete" means, said where completion is shown (Home, Course, a module)."""
    from academy.ui.state import settings, tt

    st.caption(tt("fw_complete_rule", pct=round(settings().pass_mark * 100)))


def learner_progress(course, user_id: int) -> list:
    """The progress of every module for this user (sections read, quizzes passed)."""
    from academy.learning.progress import module_progress, sections_read
    from academy.learning.quiz import passed_modules
    from academy.learning.roleplay import finished_scenarios
    from academy.ui.state import db

    with db() as s:
        progress = module_progress(
            course,
            sections_read(s, user_id=user_id),
            passed_modules(s, user_id=user_id),
            played=finished_scenarios(s, user_id=user_id),
        )
    return progress


def module_cards(course, progress) -> None:
    for number, (module, p) in enumerate(zip(course.modules, progress, strict=True), start=1):
        module_card(module, p, number)
