"""Log a week or a day: one editable row per behaviour, the previous period a click away, and its rates."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from academy.checklist import charts, entries, rates
from academy.checklist import log as ck
from academy.core.dates import EARLIEST, LATEST
from academy.ui.checklist.common import ChecklistContext, pct, show_problems
from academy.ui.checklist.howto import howto_picker
from academy.ui.checklist.phone import edit_by_group, on_a_phone
from academy.ui.state import db, lang, tt
from academy.ui.widgets import text


def _shift(days: int) -> None:
    st.session_state["ck_day"] = min(max(st.session_state["ck_day"] + timedelta(days=days), EARLIEST), LATEST)


def _copy_from(target: tuple[str, date], source: date) -> None:
    st.session_state["ck_copy"] = (*target, source)
    st.session_state["ck_ver"] = st.session_state.get("ck_ver", 0) + 1


def _editor_frame(ctx: ChecklistContext, saved: dict, counts_from: dict | None) -> pd.DataFrame:
    counts = saved if counts_from is None else counts_from
    frame = pd.DataFrame(
        {
            "group": [text(group.title) for group, _ in ctx.items],
            "behaviour": [ctx.labels[item.id] for _, item in ctx.items],
            "executed": [counts[i.id].executed if i.id in counts else None for _, i in ctx.items],
            "fulfilled": [counts[i.id].fulfilled if i.id in counts else None for _, i in ctx.items],
            "note": [saved[i.id].note if i.id in saved else "" for _, i in ctx.items],
        },
        index=[item.id for _, item in ctx.items],
    )
    return frame.astype({"executed": "Int64", "fulfilled": "Int64"})


def _plain(value: object) -> object:
    return None if pd.isna(value) else value


def log_period(ctx: ChecklistContext, today: date) -> None:
    period, start = _pick_period(today)
    _edit_period(ctx, period, start)
    howto_picker(ctx)  # every row of the table has a card: what it means, well and badly, where it is trained
    _period_rates(ctx, period, start)


def _pick_period(today: date) -> tuple[str, date]:
    """Week or day, and which one: arrows step a whole period."""
    period = st.segmented_control(
        tt("ck_period"),
        list(rates.PERIODS),
        format_func=lambda p: tt(f"ck_period_{p}"),
        default="week",
        required=True,
        key="ck_period",
    )
    st.session_state.setdefault("ck_day", today)
    step = rates.period_days(period)
    left, mid, right = st.columns([1, 3, 1], vertical_alignment="bottom")
    left.button(tt("ck_prev"), icon=":material/chevron_left:", on_click=_shift, args=(-step,), key="ck_prev")
    mid.date_input(tt("ck_date"), key="ck_day", min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD")
    right.button(tt("ck_next"), icon=":material/chevron_right:", on_click=_shift, args=(step,), key="ck_next")
    start = rates.period_start(period, st.session_state["ck_day"])
    end = start + timedelta(days=step - 1)
    st.subheader(tt("ck_week_of", start=start, end=end) if period == "week" else tt("ck_day_of", day=start))
    return period, start


def _edit_period(ctx: ChecklistContext, period: str, start: date) -> None:
    """The period's counts as one editable table, optionally prefilled from the last logged period."""
    with db() as s:
        saved = ck.load_period(s, user_id=ctx.user.id, period=period, start=start)
        earlier = ck.previous_logged_start(s, user_id=ctx.user.id, period=period, before=start)
        copying = earlier if st.session_state.get("ck_copy") == (period, start, earlier) else None
        counts_from = ck.load_period(s, user_id=ctx.user.id, period=period, start=copying) if copying else None
        logged_by = ck.week_logged_by(s, user_id=ctx.user.id, day=start)
    if period == "week" and "day" in logged_by:
        st.info(tt("ck_week_has_days"), icon=":material/info:")
    elif period == "day" and "week" in logged_by:
        st.info(tt("ck_week_is_whole"), icon=":material/info:")

    st.button(
        tt("ck_copy_previous", start=earlier) if earlier else tt("ck_copy_none"),
        icon=":material/content_copy:",
        disabled=earlier is None,
        on_click=_copy_from,
        args=((period, start), earlier),
        key="ck_copy_button",
    )
    if copying:
        st.info(tt("ck_copied", start=copying), icon=":material/content_copy:")
    st.caption(tt("ck_entry_help"))
    layout = st.segmented_control(
        tt("fw_ck_layout"),
        ["cards", "table"],
        format_func=lambda v: tt(f"fw_ck_layout_{v}"),
        default="cards" if on_a_phone() else "table",
        required=True,
        key="ck_layout",
    )
    if layout == "cards":
        edit_by_group(ctx, period, start, saved, counts_from)
        return
    with st.form("ck-log"):
        edited = st.data_editor(
            _editor_frame(ctx, saved, counts_from),
            key=f"ck-editor-{period}-{start}-{st.session_state.get('ck_ver', 0)}",
            hide_index=True,
            disabled=["group", "behaviour"],
            column_config={
                "group": st.column_config.TextColumn(tt("ck_col_group"), width="medium"),
                "behaviour": st.column_config.TextColumn(tt("ck_col_behaviour"), width="large"),
                "executed": st.column_config.NumberColumn(
                    tt("ck_col_executed"),
                    help=tt("ck_col_executed_help"),
                    min_value=0,
                    max_value=entries.MAX_COUNT,
                    step=1,
                    format="%d",
                    width="small",
                ),
                "fulfilled": st.column_config.NumberColumn(
                    tt("ck_col_fulfilled"),
                    help=tt("ck_col_fulfilled_help"),
                    min_value=0,
                    max_value=entries.MAX_COUNT,
                    step=1,
                    format="%d",
                    width="small",
                ),
                "note": st.column_config.TextColumn(tt("ck_col_note"), max_chars=entries.NOTE_MAX, width="medium"),
            },
            height=35 * (len(ctx.items) + 1) + 3,
            placeholder="",
            alt=tt("ck_title"),
        )
        submitted = st.form_submit_button(tt("ck_save_period"), type="primary", icon=":material/save:")
    if submitted:
        rows = {item: {k: _plain(row[k]) for k in ("executed", "fulfilled", "note")} for item, row in edited.iterrows()}
        try:
            with db() as s:
                n = ck.save_period(s, user_id=ctx.user.id, period=period, start=start, rows=rows, item_ids=ctx.item_ids)
        except entries.ChecklistError as err:
            show_problems(ctx, err, from_editor=True)
        else:
            st.session_state.pop("ck_copy", None)
            st.session_state["ck_ver"] = st.session_state.get("ck_ver", 0) + 1
            st.toast(tt("ck_saved_period", n=n) if n else tt("ck_cleared_period"), icon=":material/check:")
            st.rerun()


def _period_rates(ctx: ChecklistContext, period: str, start: date) -> None:
    """This period against the one before: overall and per group."""
    st.subheader(tt("ck_period_rates"))
    with db() as s:
        now = ck.period_totals(s, user_id=ctx.user.id, period=period, start=start)
        before = ck.period_totals(s, user_id=ctx.user.id, period=period, start=rates.previous_start(period, start))
    groups = {group.id: [item.id for item in group.items] for group in ctx.checklist.groups}
    current, previous = rates.group_rates(now, groups), rates.group_rates(before, groups)
    cells = [(tt("ck_overall"), rates.pooled(now), rates.pooled(before))]
    cells += [(text(g.title), current[g.id], previous[g.id]) for g in ctx.checklist.groups]
    for column, (label, value, last) in zip(st.columns(len(cells)), cells, strict=True):
        delta = tt("ck_delta_pts", n=(value - last) * 100) if value is not None and last is not None else None
        column.metric(label, pct(value), delta)
    st.plotly_chart(
        charts.compare_chart(
            now, before, ctx.checklist, lang(), labels=(tt("ck_this_period"), tt("ck_previous_period"))
        ),
        key="ck-compare",
    )
