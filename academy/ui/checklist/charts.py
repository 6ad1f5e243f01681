"""The checklist over time: overall and group rates, weakest behaviours, streaks, goals and a heatmap."""

from __future__ import annotations

from datetime import date

import streamlit as st

from academy.checklist import charts, rates
from academy.checklist import log as ck
from academy.ui import cached
from academy.ui.checklist.common import ChecklistContext, pct
from academy.ui.checklist.howto import weakest_cards
from academy.ui.state import db, lang, tt


def over_time(ctx: ChecklistContext, today: date) -> None:
    weeks = st.segmented_control(
        tt("ck_window"),
        [4, 12, 26, 52, 0],
        format_func=lambda n: tt("ck_window_n", n=n) if n else tt("ck_window_all"),
        default=12,
        required=True,
        key="ck_window",
    )
    with db() as s:
        weekly = cached.weekly_totals(s, ctx.user.id, rates.window_start(today, weeks))
        goals = ck.goals(s, user_id=ctx.user.id)
    st.caption(tt("ck_rollup_note"))
    if weekly.empty:
        st.info(tt("ck_no_data"), icon=":material/info:")
    else:
        overall = rates.overall_by_week(weekly)
        streak = rates.streaks(overall, ctx.user.checklist_target, rates.monday(today))
        a, b, c, d = st.columns(4)
        a.metric(tt("ck_metric_rate"), pct(rates.rate(overall["executed"].sum(), overall["fulfilled"].sum())))
        b.metric(tt("ck_metric_streak"), streak.current)
        c.metric(tt("ck_metric_longest"), streak.longest)
        d.metric(tt("ck_metric_weeks"), len(overall))
        target = ctx.user.checklist_target
        st.plotly_chart(charts.overall_chart(weekly, lang(), target=target), key="ck-overall")
        st.plotly_chart(charts.groups_chart(weekly, ctx.checklist, lang()), key="ck-groups")
        st.plotly_chart(charts.weakest_chart(weekly, ctx.checklist, lang(), goals=goals), key="ck-weakest")
        weakest_cards(ctx, weekly)
        st.plotly_chart(
            charts.streak_chart(weekly, lang(), target=target, this_week=rates.monday(today)), key="ck-streak"
        )
        if goals:
            st.plotly_chart(charts.goals_chart(weekly, ctx.checklist, lang(), goals=goals), key="ck-goals")
        st.plotly_chart(charts.heatmap_chart(weekly, ctx.checklist, lang(), goals=goals), key="ck-heatmap")
