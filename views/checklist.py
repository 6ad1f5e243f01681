from datetime import date, timedelta

import pandas as pd
import streamlit as st

from academy.checklist import charts, rates
from academy.checklist import files as checklist_io
from academy.checklist import log as ck
from academy.ui import cached
from academy.ui.auth import require_user
from academy.ui.state import course, db, lang, tt
from academy.ui.widgets import text

user = require_user()
checklist = course().checklist
items = [(group, item) for group in checklist.groups for item in group.items]
item_ids = {item.id for _, item in items}
behaviour = {item.id: text(item.text) for _, item in items}
today = date.today()

st.title(tt("ck_title"))
st.caption(tt("ck_intro"))
# Only the open tab runs (on_change="rerun"), so the charts cost nothing while a learner logs.
log_tab, charts_tab, goals_tab, files_tab = st.tabs(
    [tt("ck_tab_log"), tt("ck_tab_charts"), tt("ck_tab_goals"), tt("ck_tab_files")], key="ck_tab", on_change="rerun"
)


def _pct(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else tt("ck_no_rate")


def _show_problems(err: ck.ChecklistError, *, from_editor: bool) -> None:
    """Every bad value with its row and column, as plain text (the values may be the user's own)."""
    st.error(tt(err.key, **err.params))
    problems = getattr(err, "problems", [])
    if from_editor:
        lines = [
            tt(
                "ck_problem_item",
                row=behaviour.get(p.row, p.row),
                column=tt(f"ck_col_{p.column}"),
                message=tt(p.key, **p.params),
            )
            for p in problems
        ]
    else:
        lines = [tt("ck_problem", row=p.row, column=p.column, message=tt(p.key, **p.params)) for p in problems]
    if lines:
        st.code("\n".join(lines), language=None, wrap_lines=True)


# --- log a period -------------------------------------------------------------------------------


def _shift(days: int) -> None:
    st.session_state["ck_day"] += timedelta(days=days)


def _copy_from(target: tuple[str, date], source: date) -> None:
    st.session_state["ck_copy"] = (*target, source)
    st.session_state["ck_ver"] = st.session_state.get("ck_ver", 0) + 1


def _editor_frame(saved: dict, counts_from: dict | None) -> pd.DataFrame:
    counts = saved if counts_from is None else counts_from
    frame = pd.DataFrame(
        {
            "group": [text(group.title) for group, _ in items],
            "behaviour": [behaviour[item.id] for _, item in items],
            "executed": [counts[i.id].executed if i.id in counts else None for _, i in items],
            "fulfilled": [counts[i.id].fulfilled if i.id in counts else None for _, i in items],
            "note": [saved[i.id].note if i.id in saved else "" for _, i in items],
        },
        index=[item.id for _, item in items],
    )
    return frame.astype({"executed": "Int64", "fulfilled": "Int64"})


def _plain(value: object) -> object:
    return None if pd.isna(value) else value


if log_tab.open:
    with log_tab:
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
        mid.date_input(tt("ck_date"), key="ck_day", format="YYYY-MM-DD")
        right.button(tt("ck_next"), icon=":material/chevron_right:", on_click=_shift, args=(step,), key="ck_next")
        start = rates.period_start(period, st.session_state["ck_day"])
        end = start + timedelta(days=step - 1)
        st.subheader(tt("ck_week_of", start=start, end=end) if period == "week" else tt("ck_day_of", day=start))

        with db() as s:
            saved = ck.load_period(s, user_id=user.id, period=period, start=start)
            earlier = ck.previous_logged_start(s, user_id=user.id, period=period, before=start)
            copying = earlier if st.session_state.get("ck_copy") == (period, start, earlier) else None
            counts_from = ck.load_period(s, user_id=user.id, period=period, start=copying) if copying else None
            logged_by = ck.week_logged_by(s, user_id=user.id, day=start)
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
        with st.form("ck-log"):
            edited = st.data_editor(
                _editor_frame(saved, counts_from),
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
                        step=1,
                        format="%d",
                        width="small",
                    ),
                    "fulfilled": st.column_config.NumberColumn(
                        tt("ck_col_fulfilled"),
                        help=tt("ck_col_fulfilled_help"),
                        min_value=0,
                        step=1,
                        format="%d",
                        width="small",
                    ),
                    "note": st.column_config.TextColumn(tt("ck_col_note"), max_chars=ck.NOTE_MAX, width="medium"),
                },
                height=35 * (len(items) + 1) + 3,
                placeholder="",
                alt=tt("ck_title"),
            )
            submitted = st.form_submit_button(tt("ck_save_period"), type="primary", icon=":material/save:")
        if submitted:
            rows = {
                item: {k: _plain(row[k]) for k in ("executed", "fulfilled", "note")} for item, row in edited.iterrows()
            }
            try:
                with db() as s:
                    n = ck.save_period(s, user_id=user.id, period=period, start=start, rows=rows, item_ids=item_ids)
            except ck.ChecklistError as err:
                _show_problems(err, from_editor=True)
            else:
                st.session_state.pop("ck_copy", None)
                st.session_state["ck_ver"] = st.session_state.get("ck_ver", 0) + 1
                st.toast(tt("ck_saved_period", n=n) if n else tt("ck_cleared_period"), icon=":material/check:")
                st.rerun()

        st.subheader(tt("ck_period_rates"))
        with db() as s:
            now = ck.period_totals(s, user_id=user.id, period=period, start=start)
            before = ck.period_totals(s, user_id=user.id, period=period, start=rates.previous_start(period, start))
        groups = {group.id: [item.id for item in group.items] for group in checklist.groups}
        current, previous = rates.group_rates(now, groups), rates.group_rates(before, groups)
        cells = [(tt("ck_overall"), rates.pooled(now), rates.pooled(before))]
        cells += [(text(g.title), current[g.id], previous[g.id]) for g in checklist.groups]
        for column, (label, value, last) in zip(st.columns(len(cells)), cells, strict=True):
            delta = tt("ck_delta_pts", n=(value - last) * 100) if value is not None and last is not None else None
            column.metric(label, _pct(value), delta)
        st.plotly_chart(
            charts.compare_chart(
                now, before, checklist, lang(), labels=(tt("ck_this_period"), tt("ck_previous_period"))
            ),
            key="ck-compare",
        )

# --- charts over time ---------------------------------------------------------------------------

if charts_tab.open:
    with charts_tab:
        weeks = st.segmented_control(
            tt("ck_window"),
            [4, 12, 26, 52, 0],
            format_func=lambda n: tt("ck_window_n", n=n) if n else tt("ck_window_all"),
            default=12,
            required=True,
            key="ck_window",
        )
        with db() as s:
            weekly = cached.weekly_totals(s, user.id, rates.window_start(today, weeks))
            goals = ck.goals(s, user_id=user.id)
        st.caption(tt("ck_rollup_note"))
        if weekly.empty:
            st.info(tt("ck_no_data"), icon=":material/info:")
        else:
            overall = rates.overall_by_week(weekly)
            streak = rates.streaks(overall, user.checklist_target, rates.monday(today))
            a, b, c, d = st.columns(4)
            a.metric(tt("ck_metric_rate"), _pct(rates.rate(overall["executed"].sum(), overall["fulfilled"].sum())))
            b.metric(tt("ck_metric_streak"), streak.current)
            c.metric(tt("ck_metric_longest"), streak.longest)
            d.metric(tt("ck_metric_weeks"), len(overall))
            target = user.checklist_target
            st.plotly_chart(charts.overall_chart(weekly, lang(), target=target), key="ck-overall")
            st.plotly_chart(charts.groups_chart(weekly, checklist, lang()), key="ck-groups")
            st.plotly_chart(charts.weakest_chart(weekly, checklist, lang(), goals=goals), key="ck-weakest")
            st.plotly_chart(
                charts.streak_chart(weekly, lang(), target=target, this_week=rates.monday(today)), key="ck-streak"
            )
            if goals:
                st.plotly_chart(charts.goals_chart(weekly, checklist, lang(), goals=goals), key="ck-goals")
            st.plotly_chart(charts.heatmap_chart(weekly, checklist, lang(), goals=goals), key="ck-heatmap")

# --- target, goals and sharing ------------------------------------------------------------------

if goals_tab.open:
    with goals_tab:
        st.subheader(tt("ck_settings_title"))
        with st.form("ck-settings"):
            target_pct = st.number_input(
                tt("ck_target_label"), min_value=0, max_value=100, step=5, value=round(user.checklist_target * 100)
            )
            share = st.toggle(tt("ck_share_label"), value=user.share_checklist, help=tt("ck_share_help"))
            if st.form_submit_button(tt("ck_settings_save"), type="primary"):
                with db() as s:
                    ck.set_target(s, user_id=user.id, target=target_pct / 100)
                    ck.set_sharing(s, user_id=user.id, share=share)
                st.toast(tt("saved"), icon=":material/check:")
                st.rerun()

        st.subheader(tt("ck_goals_title"))
        st.caption(tt("ck_goals_help"))
        with db() as s:
            current_goals = ck.goals(s, user_id=user.id)
        goal_frame = pd.DataFrame(
            {
                "behaviour": [behaviour[item.id] for _, item in items],
                "goal": [round(current_goals[i.id] * 100) if i.id in current_goals else None for _, i in items],
            },
            index=[item.id for _, item in items],
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
                height=35 * (len(items) + 1) + 3,
                placeholder="",
            )
            if st.form_submit_button(tt("ck_goals_save"), type="primary"):
                chosen = {i: None if pd.isna(v) else float(v) / 100 for i, v in edited_goals["goal"].items()}
                try:
                    with db() as s:
                        ck.set_goals(s, user_id=user.id, targets=chosen, item_ids=item_ids)
                except ck.ChecklistError as err:
                    st.error(tt(err.key, **err.params))
                else:
                    st.toast(tt("saved"), icon=":material/check:")
                    st.rerun()

# --- files --------------------------------------------------------------------------------------

if files_tab.open:
    with files_tab:
        st.subheader(tt("ck_export_title"))
        st.caption(tt("ck_export_help"))
        language = lang()  # the download callables run outside the script run, without session state

        def _csv() -> bytes:
            with db() as s:
                return checklist_io.export_csv(s, user_id=user.id)

        def _excel() -> bytes:
            with db() as s:
                return checklist_io.export_excel(s, user_id=user.id, checklist=checklist, lang=language)

        left, right = st.columns(2)
        left.download_button(
            tt("ck_download_csv"),
            _csv,
            file_name=f"checklist-{user.username}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="ck-csv",
        )
        right.download_button(
            tt("ck_download_excel"),
            _excel,
            file_name=f"checklist-{user.username}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            on_click="ignore",
            key="ck-excel",
        )

        st.subheader(tt("ck_import_title"))
        st.caption(tt("ck_import_help"))
        if "ck_imported" in st.session_state:  # set just before the rerun that follows an import
            st.success(tt("ck_imported", n=st.session_state.pop("ck_imported")), icon=":material/check:")
        upload_key = f"ck-upload-{st.session_state.get('ck_uploads', 0)}"
        upload = st.file_uploader(tt("ck_import_label"), type=["csv"], key=upload_key)
        if st.button(tt("ck_import_button"), disabled=upload is None, type="primary", key="ck-import"):
            try:
                with db() as s:
                    n = checklist_io.import_csv(s, user_id=user.id, data=upload.getvalue(), item_ids=item_ids)
            except ck.ChecklistError as err:
                _show_problems(err, from_editor=False)
            else:
                st.session_state["ck_uploads"] = st.session_state.get("ck_uploads", 0) + 1  # a fresh, empty uploader
                st.session_state["ck_imported"] = n
                st.rerun()
