"""Ratio calculator: work back from the annual target to calls per day; save and compare scenarios."""

from __future__ import annotations

import streamlit as st

from academy.tools import ratio
from academy.tools.charts import ratio_funnel, scenario_comparison
from academy.tools.clients import ToolError
from academy.ui.state import db, lang, tt
from academy.ui.tools.common import ToolContext, download_csv, frames, save, show_error

RATIO_FIELDS = {
    "annual_target": "%.0f",
    "deal_size": "%.0f",
    "prospects_per_deal": "%.1f",
    "meetings_per_prospect": "%.1f",
    "calls_per_meeting": "%.1f",
    "working_days": None,
}


def _load_scenario(scenarios: dict) -> None:
    row = scenarios.get(st.session_state.get("rc-load"))
    if row is not None:
        for field, value in ratio.scenario_inputs(row).model_dump().items():
            st.session_state[f"rc-{field}"] = value


def ratio_calculator(ctx: ToolContext) -> None:
    with db() as s:
        scenarios = {row.id: row for row in ratio.list_scenarios(s, user_id=ctx.user.id)}
    if scenarios:
        st.selectbox(
            tt("tool_load_scenario"),
            [None, *scenarios],
            format_func=lambda sid: tt("tool_worked_example") if sid is None else scenarios[sid].name,
            key="rc-load",
            on_change=_load_scenario,
            args=(scenarios,),
        )
    example = ratio.WORKED_EXAMPLE.model_dump()
    values = {}
    columns = st.columns(3)
    for i, (field, fmt) in enumerate(RATIO_FIELDS.items()):
        key = f"rc-{field}"
        if key not in st.session_state:
            st.session_state[key] = example[field]
        values[field] = columns[i % 3].number_input(
            tt(f"tool_{field}"), step=1 if fmt is None else None, format=fmt, key=key, help=tt(f"tool_{field}_help")
        )
    try:
        inputs = ratio.inputs_from(**values)
    except ToolError as err:
        show_error(err)
        return
    plan = ratio.work_back(inputs)
    cols = st.columns(5)
    cols[0].metric(tt("tool_deals"), f"{plan.deals:,}")
    cols[1].metric(tt("tool_prospects"), f"{plan.prospects:,}")
    cols[2].metric(tt("tool_meetings"), f"{plan.meetings:,}")
    cols[3].metric(tt("tool_calls"), f"{plan.calls:,}")
    cols[4].metric(tt("tool_calls_per_day"), f"{plan.calls_per_day:g}")
    st.success(tt("tool_plan", n=plan.plan_per_day, exact=f"{plan.calls_per_day:g}"), icon=":material/call:")
    st.caption(tt("tool_rates", close=f"{plan.close_rate:.0%}", meeting=f"{plan.meeting_rate:.0%}"))
    st.plotly_chart(ratio_funnel(plan, lang()), key="rc-funnel")

    with st.form("rc-save", clear_on_submit=True):
        name = st.text_input(tt("tool_scenario_name"), key="rc-name")
        if st.form_submit_button(tt("tool_save_scenario")):
            save(ctx, ratio.save_scenario, name=name, inputs=inputs)
    if scenarios:
        st.subheader(tt("tool_compare_scenarios"))
        table = frames(ctx)["scenarios"]
        st.dataframe(table, hide_index=True)
        rows = [(row.name, ratio.work_back(ratio.scenario_inputs(row)).calls_per_day) for row in scenarios.values()]
        st.plotly_chart(scenario_comparison(rows, lang()), key="rc-compare")
        with st.expander(tt("tool_manage"), icon=":material/settings:"):
            gone = st.selectbox(
                tt("tool_delete_scenario"), list(scenarios), format_func=lambda sid: scenarios[sid].name, key="rc-del"
            )
            if st.button(tt("tool_delete"), key="rc-del-btn", icon=":material/delete:"):
                with db() as s:
                    ratio.delete_scenario(s, user_id=ctx.user.id, scenario_id=gone)
                st.rerun()
        download_csv(table, "ratio-scenarios", "rc-csv")
