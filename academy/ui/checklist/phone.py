"""The checklist log on a phone: one group of behaviours at a time, a card each, steppers for a thumb.

It saves through the same path as the table (academy.checklist.log.save_period, the whole
period at once): the group on screen is merged into what the period already holds, so
saving one group never clears another, and notes written in the table are kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from academy.checklist import entries
from academy.checklist import log as ck
from academy.ui.checklist.common import ChecklistContext, show_problems
from academy.ui.state import db, tt
from academy.ui.widgets import text

# Streamlit's steppers are ~32 px: a thumb needs 44 (Apple's and Google's minimum). Style only, no script.
_BIG_STEPPERS = """<style>
.st-key-ck-cards [data-testid="stNumberInputStepUp"],
.st-key-ck-cards [data-testid="stNumberInputStepDown"] { min-width: 3rem; min-height: 3rem; }
.st-key-ck-cards [data-testid="stNumberInputField"] { font-size: 1.25rem; min-height: 3rem; }
</style>"""
MOBILE_MARKERS = ("Mobi", "Android", "iPhone", "iPad")


def on_a_phone() -> bool:
    """The browser says it is a phone or tablet (the table layout stays a tap away)."""
    agent = st.context.headers.get("User-Agent", "") if st.context.headers else ""
    return any(marker in agent for marker in MOBILE_MARKERS)


def _value(entry: Any, field: str) -> int:
    # 0, not blank: Streamlit disables the steppers of an empty box, and 0/0 is saved as blank anyway
    return getattr(entry, field, None) or 0  # a row with only a note has blank counts


def _blank_if_zero(executed: int | None, fulfilled: int | None) -> dict[str, int | None]:
    # a stepper taken back to 0 means "did not come up": blank, as the log stores it
    if not executed and not fulfilled:
        return {"executed": None, "fulfilled": None}
    return {"executed": executed, "fulfilled": fulfilled}


def edit_by_group(ctx: ChecklistContext, period: str, start: date, saved: dict, counts_from: dict | None) -> None:
    done = st.session_state.pop("ck_phone_done", None)
    if done is not None:
        st.success(tt("ck_saved_period", n=done) if done else tt("ck_cleared_period"), icon=":material/check:")
    groups = ctx.checklist.groups
    key = "ck_group"
    pending = st.session_state.pop("ck_group_next", None)
    if pending is not None or st.session_state.get(key) not in range(len(groups)):
        st.session_state[key] = pending or 0
    logged = [sum(item.id in saved for item in group.items) for group in groups]
    labels = [f"{text(g.title)} {n}/{len(g.items)}" for g, n in zip(groups, logged, strict=True)]
    index = st.pills(
        tt("ck_col_group"), list(range(len(groups))), format_func=labels.__getitem__, required=True, key=key
    )
    group = groups[index]
    st.html(_BIG_STEPPERS)
    values: dict[str, dict[str, int | None]] = {}
    # a keyed stepper is known by its key alone: the period and ck_ver in it let another week (or a copy) show
    stamp = f"{period}-{start}-{st.session_state.get('ck_ver', 0)}"
    last = index == len(groups) - 1
    with st.container(key="ck-cards"), st.form(f"ck-group-{stamp}-{group.id}"):
        # The cards get their own box and the button is sent first: groups differ in length, and during the
        # rerun a button sitting after the cards would linger, stale, beside the next group's (two "Save"s).
        cards = st.container()
        submitted = st.form_submit_button(
            tt("fw_ck_save_group") if last else tt("fw_ck_save_group_next"),
            type="primary",
            icon=":material/save:",
            width="stretch",
        )
        with cards:
            for item in group.items:
                prefill = saved.get(item.id) or (counts_from or {}).get(item.id)
                with st.container(border=True, key=f"ck-item-{item.id}"):
                    st.markdown(f"**{ctx.labels[item.id]}**")
                    left, right = st.columns(2)
                    executed = left.number_input(
                        tt("ck_col_executed"), 0, 999, _value(prefill, "executed"), 1, key=f"ck-e-{stamp}-{item.id}"
                    )
                    fulfilled = right.number_input(
                        tt("ck_col_fulfilled"), 0, 999, _value(prefill, "fulfilled"), 1, key=f"ck-f-{stamp}-{item.id}"
                    )
                values[item.id] = _blank_if_zero(executed, fulfilled)
    if submitted:
        _save(ctx, period, start, saved, values, None if last else index + 1)


def _save(ctx: ChecklistContext, period: str, start: date, saved: dict, values: dict, following: int | None) -> None:
    rows = {
        item: {"executed": e.executed, "fulfilled": e.fulfilled, "note": e.note} for item, e in saved.items()
    }  # the rest of the period, as stored
    for item, counts in values.items():
        rows[item] = {**counts, "note": saved[item].note if item in saved else ""}
    try:
        with db() as s:
            n = ck.save_period(s, user_id=ctx.user.id, period=period, start=start, rows=rows, item_ids=ctx.item_ids)
    except entries.ChecklistError as err:
        show_problems(ctx, err, from_editor=True)
        return
    if following is None:
        st.session_state.pop("ck_copy", None)
    else:
        st.session_state["ck_group_next"] = following
    st.session_state["ck_ver"] = st.session_state.get("ck_ver", 0) + 1
    if following is None:
        st.session_state["ck_phone_done"] = n  # said on the page: the week is logged
    else:
        st.toast(tt("ck_saved_period", n=n) if n else tt("ck_cleared_period"), icon=":material/check:")
    st.rerun()
