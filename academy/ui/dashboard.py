"""The cohort dashboard's pieces: choosing a cohort, the weakest questions, progress and the exports."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from academy.classroom import cohorts
from academy.content.loader import Course
from academy.core.models import User
from academy.core.spreadsheets import to_csv
from academy.dashboard import charts, tables
from academy.dashboard import queries as dashboard
from academy.ui.state import db, lang, settings, tt
from academy.ui.widgets import text


def pick_cohort(user: User) -> int:
    """The cohort to show (from the address when this user may see it); stops the page when there is none."""
    with db() as s:
        visible = cohorts.visible_cohorts(s, viewer=user)
    ids = [k.id for k in visible]
    raw = st.query_params.get("cohort")
    requested = int(raw) if raw and raw.isdigit() else None
    if raw is not None and requested not in ids:
        # an address naming a cohort this user may not see: the service's answer, which does not say whether it exists
        try:
            with db() as s:
                cohorts.cohort_for(s, viewer=user, cohort_id=requested or 0)
        except cohorts.CohortError as err:
            st.error(tt(err.key, **err.params))
        del st.query_params["cohort"]
    if not visible:
        st.info(tt("dash_no_cohorts"), icon=":material/groups:")
        st.page_link("views/classroom.py", label=tt("nav_classroom"), icon=":material/groups:")
        st.stop()

    names = {k.id: k.name for k in visible}
    cohort_id = st.selectbox(
        tt("dash_choose_cohort"),
        ids,
        index=ids.index(requested) if requested in ids else 0,
        format_func=names.__getitem__,
        key="dash-cohort",
    )
    st.query_params["cohort"] = str(cohort_id)
    return cohort_id


def weakest_items(dash: dashboard.CohortDashboard, c: Course, sheets: dict[str, pd.DataFrame]) -> None:
    """The questions the cohort gets wrong most, each with the lesson section to reteach."""
    st.markdown(tt("dash_items_help", n=dashboard.MIN_ANSWERS_FOR_D))
    if dash.items.empty:
        st.caption(tt("dash_no_items"))
    else:
        weakest = dash.items.head(10)
        st.subheader(tt("dash_weakest_n", n=len(weakest)))
        for number, row in enumerate(weakest.itertuples(), start=1):
            question = c.question(row.question_id)
            module = c.module(row.module_id)
            section = next(x for x in module.sections if x.id == row.section_id)
            with st.container(border=True, key=f"dash-weak-{number}"):
                st.markdown(f"**{number}. {text(question.prompt)}**")
                d = tables.index_text(row.discrimination)
                stats = tt("dash_item_stats", f=row.facility, d=d, n=row.answers)
                st.caption(f"{stats} · {text(module.title)}")
                st.page_link(
                    "views/module.py",
                    label=tt("quiz_lesson_link", section=text(section.title)),
                    icon=":material/menu_book:",
                    query_params={"m": module.id},
                )
        st.plotly_chart(charts.weakest_chart(dash.items, c, lang()), key="dash-weakest")
        st.plotly_chart(charts.item_scatter(dash.items, c, lang()), key="dash-items")
        with st.expander(tt("dash_all_items")):
            st.dataframe(sheets["items"], hide_index=True)


def progress_over_time(dash: dashboard.CohortDashboard, sheets: dict[str, pd.DataFrame]) -> None:
    roster = dash.roster
    if dash.progress.empty:
        st.caption(tt("dash_no_progress"))
    else:
        labels = dict(zip(roster["user_id"], roster["label"], strict=True))
        shown = st.multiselect(
            tt("dash_pick_trainees"), list(labels), default=list(labels)[:5], format_func=labels.__getitem__
        )
        average = dashboard.cohort_average(dash.progress, labels)
        st.plotly_chart(charts.progress_chart(dash.progress, average, roster, lang(), user_ids=shown), key="dash-read")
        st.plotly_chart(
            charts.scores_over_time(dash.progress, roster, lang(), user_ids=shown, pass_mark=settings().pass_mark),
            key="dash-scores-time",
        )
        st.dataframe(sheets["progress"], hide_index=True)


def exports(cohort_id: int, sheets: dict[str, pd.DataFrame]) -> None:
    st.caption(tt("dash_export_help"))
    here = lang()  # the file is built on click, outside this run
    st.download_button(
        tt("dash_download_excel"),
        lambda: tables.workbook(sheets, here),
        file_name=f"cohort-{cohort_id}-dashboard.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="dash-excel",
    )
    table = st.selectbox(
        tt("dash_export_table"), tables.SHEETS, format_func=lambda k: tt(f"dash_sheet_{k}"), key="dash-csv-table"
    )
    st.download_button(
        tt("dash_download_csv"),
        to_csv(sheets[table]),
        file_name=f"cohort-{cohort_id}-{table}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="dash-csv",
    )
