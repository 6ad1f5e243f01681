"""A call plan's review after the visit: how it went, the checklist behaviours that came up, logged in one click."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from academy.core.models import ToolCallPlan, ToolContact
from academy.tools import callplan
from academy.tools.clients import ToolError
from academy.ui.state import db, tt
from academy.ui.tools.common import ToolContext, saved, show_error


def review(ctx: ToolContext, plan: ToolCallPlan, contact: ToolContact) -> None:
    st.subheader(tt("cp_review"))
    if plan.visit_on > date.today():
        st.info(tt("cp_review_later", day=plan.visit_on.isoformat()), icon=":material/event:")
        return
    if plan.logged_start is not None:
        st.info(tt("cp_already_logged", start=plan.logged_start.isoformat()), icon=":material/task_alt:")
    slot = f"cp-rv-{plan.id}"
    outcome = st.radio(
        tt("cp_outcome"),
        list(callplan.OUTCOMES),
        index=callplan.OUTCOMES.index(plan.outcome) if plan.outcome else None,
        format_func={o: tt(f"cp_outcome_{o}") for o in callplan.OUTCOMES}.get,
        horizontal=True,
        key=f"{slot}-outcome",
    )
    note = st.text_area(tt("cp_review_note"), value=plan.review_note, max_chars=2000, key=f"{slot}-note")
    cause = ""
    if outcome in ("partly", "missed"):
        cause = st.text_area(tt("cp_miss_cause"), value=plan.miss_cause, max_chars=1000, key=f"{slot}-cause")
    agreed = st.text_input(tt("cp_agreed_next"), value=plan.agreed_next, max_chars=500, key=f"{slot}-next")
    items = [item for item in callplan.VISIT_ITEMS if item in ctx.item_ids]
    if plan.behaviours:
        done = dict(plan.behaviours)
    else:
        done = callplan.review_defaults(
            plan, outcome=outcome, agreed_next=agreed, miss_cause=cause, role_known=bool(contact.roles)
        )
    st.markdown(f"**{tt('cp_came_up')}**")
    st.caption(tt("cp_log_help"))
    editor = pd.DataFrame(
        {
            "behaviour": [ctx.behaviours[i] for i in items],
            "came_up": [i in done for i in items],
            "done": [bool(done.get(i)) for i in items],
        },
        index=items,
    )
    # the ticks start from what the review says so far; they start again when the outcome or the next step changes
    signature = f"{outcome}-{bool(agreed.strip())}-{bool(cause.strip())}"
    edited = st.data_editor(
        editor,
        key=f"{slot}-items-{signature}",
        hide_index=True,
        disabled=["behaviour"],
        column_config={
            "behaviour": st.column_config.TextColumn(tt("ck_col_behaviour"), width="large"),
            "came_up": st.column_config.CheckboxColumn(tt("ck_col_executed"), width="small"),
            "done": st.column_config.CheckboxColumn(tt("ck_col_fulfilled"), width="small"),
        },
        height=35 * (len(items) + 1) + 3,
    )
    label = tt("cp_save_review") if plan.logged_start else tt("cp_log")
    if st.button(label, type="primary", icon=":material/playlist_add_check:", key=f"{slot}-save"):
        behaviours = {i: bool(r["done"]) for i, r in edited.iterrows() if r["came_up"] or r["done"]}
        try:
            with db() as s:
                _, where = callplan.save_review(
                    s,
                    user_id=ctx.user.id,
                    plan_id=plan.id,
                    outcome=outcome or "",
                    review_note=note,
                    miss_cause=cause,
                    agreed_next=agreed,
                    behaviours=behaviours,
                    item_ids=ctx.item_ids,
                )
        except ToolError as err:
            show_error(err)
            return
        if where is None:
            saved()
        else:
            period, start = where
            st.session_state["cp-logged"] = tt(f"cp_logged_{period}", n=len(behaviours), start=start.isoformat())
        st.rerun()
    if st.session_state.get("cp-logged"):
        st.success(st.session_state.pop("cp-logged"), icon=":material/task_alt:")
        st.page_link("views/checklist.py", label=tt("cp_open_checklist"), icon=":material/checklist:")
