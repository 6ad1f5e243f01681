"""Derived data reused across runs, each keyed by a cheap version read from the database.

Kept apart from state.py so the navigation shell (every page, the login page included) does not
import pandas and the dashboard's queries.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import Session

from academy import dashboard
from academy.db import session_scope
from academy.ui.state import settings


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
