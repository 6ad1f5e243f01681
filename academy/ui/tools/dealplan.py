"""Deal plan: an opportunity's strategy and plan along the six-step sales cycle, with its visits."""

from __future__ import annotations

from datetime import date

import streamlit as st

from academy.content.frameworks import CYCLE_STEPS
from academy.core.models import ToolDealPlan
from academy.tools import callplan, dealplan, opportunity, printable, tables
from academy.tools.charts import deal_timeline
from academy.tools.clients import ToolError
from academy.ui.state import db, lang, tt
from academy.ui.tools.common import ToolContext, download_csv, frames, pick_account, printable_page, save, show_error
from academy.ui.widgets import plain


def deal_plan(ctx: ToolContext) -> None:
    labels = tables.plan_labels(ctx.course, lang())
    picked = pick_account(ctx, "dp")
    if picked is None:
        return
    account_id, account_name = picked
    key = f"dp-opp-{account_id}"
    with (
        st.expander(tt("dp_new_opportunity"), icon=":material/add_chart:"),
        st.form(f"dp-new-opp-{account_id}", clear_on_submit=True),
    ):
        name = st.text_input(tt("dp_opportunity_name"), max_chars=120, key=f"dp-opp-name-{account_id}")
        if st.form_submit_button(tt("dp_create")):
            try:
                with db() as s:
                    opp = opportunity.save_opportunity(
                        s,
                        user_id=ctx.user.id,
                        account_id=account_id,
                        name=name,
                        rubric=ctx.rubrics.opportunity,
                        ratings={},
                    )
                st.session_state[key] = opp.id  # the selectbox below is not drawn yet in this run
            except ToolError as err:
                show_error(err)
    with db() as s:
        opps = {
            o.id: o.name
            for _, o in opportunity.list_opportunities(s, user_id=ctx.user.id)
            if o.account_id == account_id
        }
    if not opps:
        st.info(tt("dp_no_opportunities"), icon=":material/info:")
        return
    if st.session_state.get(key) not in opps:
        st.session_state[key] = next(iter(opps))
    opp_id = st.selectbox(tt("dp_opportunity"), list(opps), format_func=opps.get, key=key)
    with db() as s:
        plan = dealplan.get_deal_plan(s, user_id=ctx.user.id, opportunity_id=opp_id)
        calls = [(c, p) for _, c, p in callplan.list_call_plans(s, user_id=ctx.user.id, opportunity_id=opp_id)]
    steps = plan.steps if plan else {}
    _where_it_stands(steps, labels)
    _plan_form(ctx, opp_id, plan, labels)
    if plan is not None:
        statuses = dealplan.step_status(steps, today=date.today())
        st.plotly_chart(deal_timeline(statuses, labels, date.today(), lang()), key=f"dp-chart-{opp_id}")
    st.subheader(tt("dp_calls"))
    if calls:
        st.dataframe(
            [
                {
                    tt("cp_col_day"): p.visit_on,
                    tt("cp_col_contact"): c.name,
                    tt("cp_col_step"): labels.get(p.step or "", ""),
                    tt("cp_col_objective"): p.objective,
                    tt("cp_col_outcome"): tt(f"cp_outcome_{p.outcome}") if p.outcome else "",
                }
                for c, p in calls
            ],
            hide_index=True,
        )
    else:
        st.caption(tt("dp_no_calls"))
    if plan is not None:
        page = printable.deal_plan_page(
            plan=plan,
            account=account_name,
            opportunity=opps[opp_id],
            labels=labels,
            calls=calls,
            lang=lang(),
            today=date.today(),
        )
        printable_page(page, f"deal-plan-{opp_id}", f"dp-print-{opp_id}")
    download_csv(frames(ctx)["dealplans"], "deal-plans", "dp-csv")


def _where_it_stands(steps: dict, labels: dict[str, str]) -> None:
    """The next step of the cycle and any step that is overdue."""
    statuses = dealplan.step_status(steps, today=date.today())
    for s in statuses:
        if s.state == "overdue":
            st.warning(tt("dp_overdue", step=labels[s.step], day=s.planned.isoformat()), icon=":material/schedule:")
    nxt = dealplan.next_step(steps)
    if nxt is None:
        st.success(tt("dp_all_done"), icon=":material/verified:")
        return
    planned = next(s.planned for s in statuses if s.step == nxt)
    if planned is None:
        st.info(tt("dp_next_unplanned", step=labels[nxt]), icon=":material/flag:")
    else:
        st.info(tt("dp_next", step=labels[nxt], day=planned.isoformat()), icon=":material/flag:")


def _day(steps: dict, step: str, which: str) -> date | None:
    value = steps.get(step, {}).get(which)
    return date.fromisoformat(value) if value else None


def _plan_form(ctx: ToolContext, opp_id: int, plan: ToolDealPlan | None, labels: dict[str, str]) -> None:
    steps = plan.steps if plan else {}
    with st.form(f"dp-form-{opp_id}"):
        left, right = st.columns(2)
        team = left.text_input(tt("dp_team"), value=plan.team if plan else "", max_chars=200)
        goal = right.text_input(tt("dp_goal"), value=plan.goal if plan else "", max_chars=500)
        strategy = st.text_area(tt("dp_strategy"), value=plan.strategy if plan else "", max_chars=2000)
        activities = st.text_area(tt("dp_activities"), value=plan.activities if plan else "", max_chars=2000)
        st.markdown(f"**{tt('dp_timetable')}**")
        dates = {}
        for n, step in enumerate(CYCLE_STEPS, start=1):
            name, planned, done = st.columns([2, 2, 2], vertical_alignment="bottom")
            name.markdown(f"{n}. {plain(labels[step])}")
            dates[step] = (
                planned.date_input(
                    tt("dp_planned"),
                    value=_day(steps, step, "planned"),
                    min_value=dealplan.EARLIEST,
                    max_value=dealplan.LATEST,
                    format="YYYY-MM-DD",
                    key=f"dp-planned-{opp_id}-{step}",
                ),
                done.date_input(
                    tt("dp_done"),
                    value=_day(steps, step, "done"),
                    min_value=dealplan.EARLIEST,
                    max_value=date.today(),
                    format="YYYY-MM-DD",
                    key=f"dp-done-{opp_id}-{step}",
                ),
            )
        if st.form_submit_button(tt("dp_save"), type="primary", icon=":material/save:"):
            save(
                ctx,
                dealplan.save_deal_plan,
                opportunity_id=opp_id,
                dates=dates,
                team=team,
                goal=goal,
                strategy=strategy,
                activities=activities,
            )
