import streamlit as st

from academy.checklist.rates import window_start
from academy.classroom import cohorts
from academy.core.models import Role, utcnow
from academy.dashboard import charts, tables
from academy.dashboard import queries as dashboard
from academy.ui.auth import require_role
from academy.ui.cached import cohort_figures, shared_checklist_counts
from academy.ui.dashboard import exports, pick_cohort, progress_over_time, weakest_items
from academy.ui.state import course, db, lang, settings, tt

user = require_role(Role.trainer, Role.admin)
c = course()
st.title(tt("nav_dashboard"))

cohort_id = pick_cohort(user)


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
    weakest_items(dash, c, sheets)


with tab_progress:
    progress_over_time(dash, sheets)


with tab_ck:
    st.caption(tt("dash_ck_help", shared=len(dash.checklist), total=len(roster)))
    if dash.checklist.empty:
        st.info(tt("dash_ck_none"), icon=":material/visibility_off:")
    else:
        st.plotly_chart(charts.checklist_heatmap(dash.checklist, roster, c, lang()), key="dash-checklist")
        st.dataframe(sheets["checklist"], hide_index=True)

with tab_export:
    exports(cohort_id, sheets)
