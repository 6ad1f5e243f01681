"""The learner's target rate, goals per behaviour, and whether their trainers may see the log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from academy.checklist import entries
from academy.checklist import log as ck
from academy.ui.checklist.common import ChecklistContext
from academy.ui.state import db, tt


def goals_and_sharing(ctx: ChecklistContext) -> None:
    st.subheader(tt("ck_settings_title"))
    with st.form("ck-settings"):
        target_pct = st.number_input(
            tt("ck_target_label"), min_value=0, max_value=100, step=5, value=round(ctx.user.checklist_target * 100)
        )
        share = st.toggle(tt("ck_share_label"), value=ctx.user.share_checklist, help=tt("ck_share_help"))
        if st.form_submit_button(tt("ck_settings_save"), type="primary"):
            with db() as s:
                ck.set_target(s, user_id=ctx.user.id, target=target_pct / 100)
                ck.set_sharing(s, user_id=ctx.user.id, share=share)
            st.toast(tt("saved"), icon=":material/check:")
            st.rerun()

    st.subheader(tt("ck_goals_title"))
    st.caption(tt("ck_goals_help"))
    with db() as s:
        current_goals = ck.goals(s, user_id=ctx.user.id)
    goal_frame = pd.DataFrame(
        {
            "behaviour": [ctx.labels[item.id] for _, item in ctx.items],
            "goal": [round(current_goals[i.id] * 100) if i.id in current_goals else None for _, i in ctx.items],
        },
        index=[item.id for _, item in ctx.items],
    ).astype({"goal": "Int64"})
    with st.form("ck-goals"):
        edited_goals = st.data_editor(
            goal_frame,
            key="ck-goal-editor",
            hide_index=True,
            disabled=["behaviour"],
            column_config={
                "behaviour": st.column_config.TextColumn(tt("ck_col_behaviour"), width="large"),
                "goal": st.column_config.NumberColumn(
                    tt("ck_col_goal"), min_value=0, max_value=100, step=5, format="%d%%"
                ),
            },
            height=35 * (len(ctx.items) + 1) + 3,
            placeholder="",
        )
        if st.form_submit_button(tt("ck_goals_save"), type="primary"):
            chosen = {i: None if pd.isna(v) else float(v) / 100 for i, v in edited_goals["goal"].items()}
            try:
                with db() as s:
                    ck.set_goals(s, user_id=ctx.user.id, targets=chosen, item_ids=ctx.item_ids)
            except entries.ChecklistError as err:
                st.error(tt(err.key, **err.params))
            else:
                st.toast(tt("saved"), icon=":material/check:")
                st.rerun()
