"""Call plan: prepare a visit from the decision-unit map and the scorecard, review it, log it in the checklist."""

from __future__ import annotations

from datetime import date

import streamlit as st

from academy.content.frameworks import CYCLE_STEPS, PERSONALITIES, ROLE_WEIGHT
from academy.core.dates import EARLIEST, LATEST
from academy.core.models import ToolCallPlan, ToolContact
from academy.learning import self_assessment
from academy.tools import callplan, clients, dealplan, decision_unit, opportunity, printable, scorecard, tables
from academy.tools.charts import term_labels
from academy.tools.clients import ToolError
from academy.ui.state import db, lang, tt
from academy.ui.tools.callplan_review import review
from academy.ui.tools.common import ToolContext, download_csv, frames, pick_account, printable_page, saved, show_error
from academy.ui.widgets import plain, text


def call_plan(ctx: ToolContext) -> None:
    labels = tables.plan_labels(ctx.course, lang())
    picked = pick_account(ctx, "cp")
    if picked is None:
        return
    account_id, account_name = picked
    with db() as s:
        members = clients.list_contacts(s, user_id=ctx.user.id, account_id=account_id)
        plans = callplan.list_call_plans(s, user_id=ctx.user.id, account_id=account_id)
        opps = {
            o.id: o.name
            for _, o in opportunity.list_opportunities(s, user_id=ctx.user.id)
            if o.account_id == account_id
        }
    if not members:
        st.info(tt("cp_map_first"), icon=":material/account_tree:")
        st.page_link("views/tools.py", label=tt("cp_open_map"), query_params={"tool": "decision-unit-map"})
        return
    # the people who weigh most in the decision first (the decider on top), then by name
    ranked = sorted(members, key=lambda m: (-max((ROLE_WEIGHT[r] for r in m.roles), default=0), m.name))
    people = {m.id: m for m in ranked}
    by_id = {p.id: (c, p) for _, c, p in plans}
    key = f"cp-plan-{account_id}"
    if st.session_state.get("cp-select-next") in by_id:  # a plan just created: open it
        st.session_state[key] = st.session_state.pop("cp-select-next")
    # options are named now: a format_func called later, outside this run, must not depend on its language
    chosen = st.selectbox(
        tt("cp_pick"),
        [None, *by_id],
        format_func={None: tt("cp_new"), **{pid: _plan_label(c, p, labels) for pid, (c, p) in by_id.items()}}.get,
        key=key,
    )
    plan = by_id[chosen][1] if chosen is not None else None
    if plan is None:
        contact_id = st.selectbox(
            tt("cp_contact"), list(people), format_func=lambda c: people[c].name, key=f"cp-contact-{account_id}"
        )
    else:
        contact_id = plan.contact_id
    contact = people[contact_id]
    personality, focus = _from_map_and_scorecard(ctx, contact, members, labels)
    previous = plan.points if plan else (plans[0][2].points if plans else [])
    _plan_form(ctx, contact, members, opps, plan, previous, personality, labels)
    if plan is not None:
        review(ctx, plan, contact)
        _print(ctx, plan, account_name, contact, opps, focus, labels)
        with st.expander(tt("tool_manage"), icon=":material/settings:"):
            st.caption(tt("cp_delete_help"))
            if st.button(tt("cp_delete"), key=f"cp-del-{plan.id}", icon=":material/delete:"):
                with db() as s:
                    callplan.delete_call_plan(s, user_id=ctx.user.id, plan_id=plan.id)
                st.session_state.pop(key, None)
                st.rerun()
    _plan_list(account_name, plans, labels)
    download_csv(frames(ctx)["callplans"], "call-plans", "cp-csv")


def _plan_label(contact: ToolContact, plan: ToolCallPlan, labels: dict[str, str]) -> str:
    step = labels.get(plan.step or "", tt("cp_no_step"))
    return f"{plan.visit_on.isoformat()} · {contact.name} · {step}"


def _from_map_and_scorecard(
    ctx: ToolContext, contact: ToolContact, members: list[ToolContact], labels: dict[str, str]
) -> tuple[str | None, str | None]:
    """What the map, the scorecard and the personality check say about this person.

    Returns the personality to start from (a single clear style from the last check) and the scorecard's
    focus line for the printable page."""
    unknown = tt("cp_unknown")
    with st.container(border=True):
        st.markdown(f"**{tt('cp_prefill')}**")
        st.markdown(
            tt(
                "cp_person_line",
                name=plain(contact.name),
                title=plain(contact.title or "—"),
                roles=", ".join(labels[r] for r in contact.roles) or unknown,
                attitude=labels.get(contact.attitude or "", unknown),
                relationship=labels.get(contact.relationship or "", unknown),
                influence=contact.influence,
            )
        )
        if not contact.met:
            st.caption(tt("cp_not_met"))
        for w in decision_unit.unit_warnings(members):
            if w.person == contact.name:
                st.warning(tt(w.key, name=plain(w.person), other=plain(w.other), role=labels.get(w.role, "")))
        rubric = ctx.rubrics.scorecard
        elements = term_labels(clients.lesson_for(ctx.course, "relationship-scorecard"), "element", lang())
        with db() as s:
            latest, _ = scorecard.latest_pair(scorecard.history(s, user_id=ctx.user.id, contact_id=contact.id))
            checks = self_assessment.history(s, user_id=ctx.user.id, kind="client-personality", subject=contact.name)
        focus = None
        if latest is None:
            st.caption(tt("cp_no_scorecard"))
        else:
            element, score = scorecard.weakest(latest.scores, list(elements))
            focus = tt(
                "cp_focus",
                element=elements[element],
                score=score,
                scale=rubric.scale,
                day=latest.assessed_on.isoformat(),
                advice=text(rubric.element(element).advice),
            )
            st.markdown(focus)
        personality = None
        if checks:
            styles = [s for s in checks[-1].result.get("styles", []) if s in PERSONALITIES]
            day = checks[-1].created_at.date().isoformat()
            st.caption(tt("cp_personality_from", day=day, styles=" / ".join(labels[s] for s in styles) or unknown))
            personality = styles[0] if len(styles) == 1 else None
    return personality, focus


def _plan_form(
    ctx: ToolContext,
    contact: ToolContact,
    members: list[ToolContact],
    opps: dict[int, str],
    plan: ToolCallPlan | None,
    previous: list[dict],
    personality: str | None,
    labels: dict[str, str],
) -> None:
    slot = f"{plan.id}" if plan else f"new-{contact.id}"
    opp_id = st.selectbox(
        tt("cp_opportunity"),
        [None, *opps],
        index=[None, *opps].index(plan.opportunity_id) if plan and plan.opportunity_id in opps else 0,
        format_func={None: tt("cp_no_opportunity"), **opps}.get,
        key=f"cp-opp-{slot}",
    )
    step = plan.step if plan else None
    if plan is None and opp_id is not None:  # a new visit moves the deal plan on from its first open step
        with db() as s:
            deal = dealplan.get_deal_plan(s, user_id=ctx.user.id, opportunity_id=opp_id)
        step = dealplan.next_step(deal.steps) if deal else CYCLE_STEPS[0]
    rows = callplan.point_rows(members, previous)
    with st.form(f"cp-form-{slot}-{opp_id}"):
        left, right = st.columns(2)
        visit_on = left.date_input(
            tt("cp_visit_on"),
            value=plan.visit_on if plan else date.today(),
            min_value=EARLIEST,
            max_value=LATEST,
            format="YYYY-MM-DD",
            key=f"cp-day-{slot}",
        )
        steps = [None, *CYCLE_STEPS]
        chosen_step = right.selectbox(
            tt("cp_step"),
            steps,
            index=steps.index(step),
            format_func={None: tt("cp_no_step"), **labels}.get,
            key=f"cp-step-{slot}-{opp_id}",
        )
        objective = st.text_input(
            tt("cp_objective"), value=plan.objective if plan else "", max_chars=500, help=tt("cp_objective_help")
        )
        kinds = [None, *PERSONALITIES]
        start = plan.personality if plan else personality
        chosen_personality = st.selectbox(
            tt("cp_personality"),
            kinds,
            index=kinds.index(start),
            format_func={None: tt("cp_unknown"), **labels}.get,
            key=f"cp-pers-{slot}",
        )
        opening = st.text_area(
            tt("cp_opening"), value=plan.opening if plan else "", max_chars=1000, placeholder=tt("cp_opening_help")
        )
        questions = st.text_area(
            tt("cp_questions"),
            value="\n".join(plan.questions) if plan else "",
            max_chars=callplan.MAX_QUESTIONS * 301,
            placeholder=tt("cp_questions_help"),
        )
        st.markdown(f"**{tt('cp_points')}**")
        st.caption(tt("cp_points_help"))
        points = []
        for row in rows:
            who = tt("cp_who", names=plain(", ".join(row["who"]))) if row["who"] else tt("cp_nobody")
            st.markdown(f"**{labels[row['role']]}** · {who}")
            a, b, c = st.columns(3)
            points.append(
                {
                    "role": row["role"],
                    "need": a.text_input(
                        tt("cp_need"), value=row["need"], max_chars=300, key=f"cp-need-{slot}-{row['role']}"
                    ),
                    "point": b.text_input(
                        tt("cp_point"), value=row["point"], max_chars=300, key=f"cp-pt-{slot}-{row['role']}"
                    ),
                    "value": c.text_input(
                        tt("cp_value"), value=row["value"], max_chars=300, key=f"cp-val-{slot}-{row['role']}"
                    ),
                }
            )
        evidence = st.text_area(tt("cp_evidence"), value=plan.evidence if plan else "", max_chars=1000)
        next_step = st.text_input(tt("cp_next_step"), value=plan.next_step if plan else "", max_chars=500)
        submitted = st.form_submit_button(tt("cp_save"), type="primary", icon=":material/save:")
    if submitted:
        try:
            with db() as s:
                new = callplan.save_call_plan(
                    s,
                    user_id=ctx.user.id,
                    contact_id=contact.id,
                    plan_id=plan.id if plan else None,
                    visit_on=visit_on,
                    opportunity_id=opp_id,
                    step=chosen_step,
                    objective=objective,
                    personality=chosen_personality,
                    opening=opening,
                    questions=questions.splitlines(),
                    points=points,
                    evidence=evidence,
                    next_step=next_step,
                )
                new_id = new.id
        except ToolError as err:
            show_error(err)
            return
        st.session_state["cp-select-next"] = new_id
        saved()
        st.rerun()


def _print(
    ctx: ToolContext,
    plan: ToolCallPlan,
    account_name: str,
    contact: ToolContact,
    opps: dict[int, str],
    focus: str | None,
    labels: dict[str, str],
) -> None:
    page = printable.call_plan_page(
        plan=plan,
        account=account_name,
        contact=contact,
        labels=labels,
        behaviours=ctx.behaviours,
        opportunity=opps.get(plan.opportunity_id),
        focus=focus,
        lang=lang(),
        today=date.today(),
    )
    printable_page(page, f"call-plan-{plan.visit_on.isoformat()}", f"cp-print-{plan.id}")


def _plan_list(account_name: str, plans: list, labels: dict[str, str]) -> None:
    if not plans:
        return
    st.subheader(tt("cp_plans_at", account=plain(account_name)))
    st.dataframe(
        [
            {
                tt("cp_col_day"): p.visit_on,
                tt("cp_col_contact"): c.name,
                tt("cp_col_step"): labels.get(p.step or "", ""),
                tt("cp_col_objective"): p.objective,
                tt("cp_col_outcome"): tt(f"cp_outcome_{p.outcome}") if p.outcome else "",
                tt("cp_col_logged"): p.logged_start,
            }
            for _, c, p in plans
        ],
        hide_index=True,
    )
