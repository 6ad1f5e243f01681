import streamlit as st

from academy.checklist.rates import window_start
from academy.classroom import cohorts
from academy.core.models import Role, utcnow
from academy.core.spreadsheets import to_csv
from academy.dashboard import charts, tables
from academy.dashboard import queries as dashboard
from academy.ui.auth import require_role
from academy.ui.cached import cohort_figures, shared_checklist_counts
from academy.ui.state import course, db, lang, settings, tt
from academy.ui.widgets import text

user = require_role(Role.trainer, Role.admin)
c = course()
st.title(tt("nav_dashboard"))

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

tab_done, tab_scores, tab_items, tab_progress, tab_ck, tab_export = st.tabs(
    [tt(f"dash_tab_{k}") for k in ("completion", "scores", "items", "progress", "checklist", "export")]
)
with tab_ck:  # its period is chosen before the data is loaded
    weeks = st.selectbox(
        tt("dash_ck_window"),
        [4, 12, 26, 0],
        index=1,
        format_func=lambda n: tt("dash_ck_weeks", n=n) if n else tt("dash_ck_all_time"),
        key="dash-ck-weeks",
    )

try:
    with db() as s:
        dash = dashboard.load(
            s,
            viewer=user,
            cohort_id=cohort_id,
            course=c,
            since=window_start(utcnow().date(), weeks or None),
            figures_of=cohort_figures,
            counts_of=shared_checklist_counts,
        )
except cohorts.CohortError as err:
    st.error(tt(err.key, **err.params))
    st.stop()

roster = dash.roster
mean = dash.mean_score
top = st.columns(4)
top[0].metric(tt("dash_trainees"), len(roster))
top[1].metric(tt("dash_attempts"), dash.attempts)
top[2].metric(tt("dash_mean_score"), "–" if mean is None else f"{mean:.0%}")
top[3].metric(tt("dash_modules_done"), f"{dash.completed_share:.0%}")
sheets = tables.export_sheets(dash, c, lang())

with tab_done:
    if roster.empty:
        st.info(tt("dash_no_members"), icon=":material/person_add:")
    else:
        st.caption(tt("dash_completion_help"))
        st.plotly_chart(charts.completion_heatmap(dash.completion, roster, c, lang()), key="dash-completion")
        st.dataframe(sheets["completion"], hide_index=True)

with tab_scores:
    if not dash.attempts:
        st.caption(tt("dash_no_attempts"))
    else:
        quizzes = [q for q in tables.quiz_order(c) if q in set(dash.quizzes["quiz"])]
        chosen = st.selectbox(
            tt("dash_choose_quiz"),
            [None, *quizzes],
            format_func=lambda q: tt("dash_quiz_all") if q is None else tables.quiz_title(c, q, lang()),
            key="dash-quiz",
        )
        bands = dash.bands if chosen is None else dash.bands[dash.bands["quiz"] == chosen]
        title = tt("dash_quiz_all") if chosen is None else tables.quiz_title(c, chosen, lang())
        st.plotly_chart(
            charts.score_distribution(bands, lang(), pass_mark=settings().pass_mark, title=title), key="dash-bands"
        )
        st.dataframe(sheets["quizzes"], hide_index=True)

with tab_items:
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

with tab_progress:
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

with tab_ck:
    st.caption(tt("dash_ck_help", shared=len(dash.checklist), total=len(roster)))
    if dash.checklist.empty:
        st.info(tt("dash_ck_none"), icon=":material/visibility_off:")
    else:
        st.plotly_chart(charts.checklist_heatmap(dash.checklist, roster, c, lang()), key="dash-checklist")
        st.dataframe(sheets["checklist"], hide_index=True)

with tab_export:
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
