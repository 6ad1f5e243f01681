"""Process-wide resources (settings, migrations, content) and the per-run database session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlmodel import Session

from academy import dashboard
from academy.content.loader import ContentInvalid, Course, load_course
from academy.db import session_scope
from academy.i18n import t
from academy.migrations import upgrade
from academy.settings import Settings, get_settings


def settings() -> Settings:
    return get_settings()


@st.cache_resource(show_spinner=False)
def _migrated(url: str) -> bool:
    upgrade(url)  # once per process and database
    return True


def bootstrap() -> None:
    _migrated(settings().database_url)


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


# --- derived data reused across runs -----------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def _item_stats(url: str, cohort_id: int, version: tuple[int, int]) -> pd.DataFrame:
    with session_scope(url) as session:
        return dashboard.item_stats(session, cohort_id=cohort_id)


def cached_item_stats(session: Session, cohort_id: int) -> pd.DataFrame:
    """The cohort's item statistics, recomputed only when its finished attempts change.

    The full scan over every answer is the dashboard's one cost that grows with the cohort's
    history; the version is a single aggregate, so reruns (a filter, a tab) stay fast. The key
    lives in the database, so every replica sees the same staleness test.
    """
    version = dashboard.item_version(session, cohort_id=cohort_id)
    return _item_stats(settings().database_url, cohort_id, version)
