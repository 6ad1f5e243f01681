"""Derived data reused across runs, each keyed by a cheap version read from the database.

Kept apart from state.py so the navigation shell (every page, the login page included) does not
import pandas and the dashboard's queries.
"""

from __future__ import annotations

import streamlit as st
from sqlmodel import Session

from academy import dashboard
from academy.db import session_scope
from academy.ui.state import course, settings


@st.cache_data(show_spinner=False, max_entries=32)
def _figures(url: str, cohort_id: int, version: tuple[str, ...]) -> dashboard.Figures:
    with session_scope(url) as session:
        return dashboard.figures(session, cohort_id=cohort_id, course=course())


def cohort_figures(session: Session, cohort_id: int) -> dashboard.Figures:
    """The cohort's dashboard aggregates, recomputed only when what they read changes.

    On a large cohort (hundreds of trainees, tens of thousands of attempts) the aggregates scan
    every answer; the version is a few indexed counts, so reruns (a filter, a tab) stay fast. It
    is read from the database on every run, so every replica notices a change at once.
    """
    version = dashboard.data_version(session, cohort_id=cohort_id)
    return _figures(settings().database_url, cohort_id, version)
