"""Process-wide resources (settings, migrations, content) and the per-run database session."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from sqlmodel import Session

from academy.accounts.users import setup_code
from academy.content.loader import ContentInvalid, Course, load_course
from academy.core.db import session_scope
from academy.core.i18n import t
from academy.core.migrations import ensure_current
from academy.core.settings import Settings, get_settings


def settings() -> Settings:
    return get_settings()


@st.cache_resource(show_spinner=False)
def _migrated(url: str) -> bool:
    ensure_current(url)  # once per process and database
    _announce_setup_code(url)
    return True


@st.cache_resource(show_spinner=False)
def _sender(url: str, endpoint: str) -> object | None:
    """This process's xAPI sender thread (the database lease lets one process per deployment send)."""
    from academy.integrations.xapi_sender import Sender

    s = settings()
    try:
        loaded = _course(str(s.content_dir), str(s.assessments_dir))
    except ContentInvalid:
        return None  # the page shows the content errors; nothing can be built from broken content
    sender = Sender(url, course=loaded, settings=s)
    sender.start()
    return sender


def _announce_setup_code(url: str) -> None:
    """While there is no administrator, print the one-time setup code to the server's log (never to a page)."""
    with session_scope(url) as s:
        code = setup_code(s)
    if code:
        print(
            f"No administrator yet. Register with the setup code {code} to become the administrator,"
            " or run: python -m academy create-admin USERNAME",
            file=sys.stderr,
            flush=True,
        )


def bootstrap() -> None:
    s = settings()
    _migrated(s.database_url)
    if s.records_events:
        _sender(s.database_url, s.xapi_endpoint)


@st.cache_resource(show_spinner=False)
def _course(content_dir: str, assessments_dir: str) -> Course:
    return load_course(Path(content_dir), Path(assessments_dir))


def course() -> Course:
    """The loaded course, cached per process; invalid content stops the page with the errors, not a traceback."""
    s = settings()
    try:
        return _course(str(s.content_dir), str(s.assessments_dir))
    except ContentInvalid as exc:
        st.error(t("content_invalid", lang()))
        st.code("\n".join(str(e) for e in exc.errors), language=None)
        st.stop()


@contextmanager
def db() -> Iterator[Session]:
    with session_scope(settings().database_url) as session:
        yield session


def lang() -> str:
    return st.session_state.get("lang") or settings().default_language


def tt(key: str, **params: object) -> str:
    """A UI string in the current language."""
    return t(key, lang(), **params)
