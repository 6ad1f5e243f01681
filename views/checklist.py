from datetime import date

import streamlit as st

from academy.ui.auth import require_user
from academy.ui.checklist.charts import over_time
from academy.ui.checklist.common import ChecklistContext
from academy.ui.checklist.files import files
from academy.ui.checklist.goals import goals_and_sharing
from academy.ui.checklist.log import log_period
from academy.ui.state import course, tt

ctx = ChecklistContext.of(require_user(), course().checklist)

st.title(tt("ck_title"))
st.caption(tt("ck_intro"))
# Only the open tab runs (on_change="rerun"), so the charts cost nothing while a learner logs.
log_tab, charts_tab, goals_tab, files_tab = st.tabs(
    [tt("ck_tab_log"), tt("ck_tab_charts"), tt("ck_tab_goals"), tt("ck_tab_files")], key="ck_tab", on_change="rerun"
)
if log_tab.open:
    with log_tab:
        log_period(ctx, date.today())
if charts_tab.open:
    with charts_tab:
        over_time(ctx, date.today())
if goals_tab.open:
    with goals_tab:
        goals_and_sharing(ctx)
if files_tab.open:
    with files_tab:
        files(ctx)
