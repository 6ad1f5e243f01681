"""Derived data reused across runs, each keyed by a cheap version read from the database.

Kept apart from state.py so the navigation shell (every page, the login page included) does not
import pandas and the dashboard's queries.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from sqlmodel import Session

from academy.checklist import log as checklist
from academy.content.loader import Course
from academy.core.db import session_scope
from academy.dashboard import queries as dashboard
from academy.ui.state import settings


@st.cache_data(show_spinner=False, max_entries=32)
def _figures(url: str, cohort_id: int, version: tuple[str, ...], _course: Course) -> dashboard.Figures:
    # `_course` is left out of the cache key (leading underscore): one course per process
    with session_scope(url) as session:
        return dashboard.figures(session, cohort_id=cohort_id, course=_course)


def cohort_figures(session: Session, cohort_id: int, course: Course) -> dashboard.Figures:
    """The cohort's dashboard aggregates, recomputed only when what they read changes.

    On a large cohort (hundreds of trainees, tens of thousands of attempts) the aggregates scan
    every answer; the version is a few indexed counts, so reruns (a filter, a tab) stay fast. It
    is read from the database on every run, so every replica notices a change at once.
    """
    version = dashboard.data_version(session, cohort_id=cohort_id)
    return _figures(settings().database_url, cohort_id, version, course)


@st.cache_data(show_spinner=False, max_entries=64)
def _counts(
    url: str, cohort_id: int, user_ids: tuple[int, ...], since: date | None, version: tuple[int, int]
) -> pd.DataFrame:
    with session_scope(url) as session:
        return dashboard.checklist_counts(session, cohort_id=cohort_id, user_ids=user_ids, since=since)


def shared_checklist_counts(
    session: Session, cohort_id: int, user_ids: tuple[int, ...], since: date | None
) -> pd.DataFrame:
    """The sharing members' checklist sums, recomputed when any of their logs changes (or who shares does)."""
    version = checklist.log_version(session, user_ids=user_ids)
    return _counts(settings().database_url, cohort_id, user_ids, since, version)


@st.cache_data(show_spinner=False, max_entries=256)
def _weekly(url: str, user_id: int, since: date | None, version: tuple[int, int]) -> pd.DataFrame:
    with session_scope(url) as session:
        return checklist.weekly_totals(session, user_id=user_id, since=since)


def weekly_totals(session: Session, user_id: int, since: date | None) -> pd.DataFrame:
    """The user's own weekly sums for the charts, recomputed only when their log changes."""
    version = checklist.log_version(session, user_ids=[user_id])
    return _weekly(settings().database_url, user_id, since, version)
