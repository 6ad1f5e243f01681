"""The user's field-tool data as tables in their language: CSV per table, or one workbook (core.spreadsheets)."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session

from academy.content.loader import Course
from academy.content.rubrics import ToolRubrics
from academy.core import spreadsheets as exports
from academy.core.i18n import t
from academy.tools import callplan, clients, dealplan, decision_unit, opportunity, ratio, scorecard
from academy.tools.charts import term_labels
from academy.tools.clients import lesson_for

SHEETS = ("contacts", "ties", "scorecards", "opportunities", "scenarios", "dealplans", "callplans")


def tool_frames(
    session: Session, *, user_id: int, course: Course, rubrics: ToolRubrics, lang: str
) -> dict[str, pd.DataFrame]:
    """sheet id -> table with translated headers and labels; only the given user's rows."""
    unit = lesson_for(course, "decision-unit-map")
    names = {
        **term_labels(unit, "role", lang),
        **term_labels(unit, "attitude", lang),
        **term_labels(unit, "relationship", lang),
    }
    accounts = {a.id: a.name for a in clients.list_accounts(session, user_id=user_id)}
    contacts = clients.list_contacts(session, user_id=user_id)
    people = {c.id: c.name for c in contacts}
    h = lambda key: t(key, lang)  # noqa: E731  (column headers)

    frames: dict[str, pd.DataFrame] = {}
    frames["contacts"] = pd.DataFrame(
        [
            {
                h("tool_account"): accounts[c.account_id],
                h("tool_name"): c.name,
                h("tool_title"): c.title,
                h("tool_role"): ", ".join(names[r] for r in c.roles),
                h("tool_attitude"): names.get(c.attitude or "", ""),
                h("tool_relationship"): names.get(c.relationship or "", ""),
                h("tool_influence"): c.influence,
                h("tool_met"): c.met,
                h("tool_note"): c.note,
            }
            for c in contacts
        ]
    )
    ties = [tie for aid in accounts for tie in decision_unit.list_ties(session, user_id=user_id, account_id=aid)]
    frames["ties"] = pd.DataFrame(
        [
            {
                h("tool_account"): accounts[tie.account_id],
                h("tool_person_a"): people[tie.contact_a],
                h("tool_person_b"): people[tie.contact_b],
                h("tool_tie_kind"): t(f"tool_tie_{tie.kind}", lang),
                h("tool_note"): tie.note,
            }
            for tie in ties
        ]
    )
    elements = term_labels(lesson_for(course, "relationship-scorecard"), "element", lang)
    frames["scorecards"] = pd.DataFrame(
        [
            {
                h("tool_account"): account.name,
                h("tool_name"): contact.name,
                h("tool_date"): card.assessed_on,
                **{label: card.scores.get(e) for e, label in elements.items()},
                h("tool_note"): card.note,
            }
            for account, contact, card in scorecard.all_scorecards(session, user_id=user_id)
        ]
    )
    assessments = term_labels(lesson_for(course, "opportunity-assessment"), "assessment", lang)
    opp_rows = []
    for account, opp in opportunity.list_opportunities(session, user_id=user_id):
        result = opportunity.score_opportunity(rubrics.opportunity, opp.ratings)
        opp_rows.append(
            {
                h("tool_account"): account.name,
                h("tool_opportunity"): opp.name,
                **{assessments[r.assessment_id]: r.score for r in result.assessments},
                h("tool_recommendation"): t(f"tool_overall_{result.overall}", lang),
                h("tool_note"): opp.note,
                h("tool_updated"): opp.updated_at.strftime("%Y-%m-%d %H:%M"),
            }
        )
    frames["opportunities"] = pd.DataFrame(opp_rows)
    scenario_rows = []
    for row in ratio.list_scenarios(session, user_id=user_id):
        inputs = ratio.scenario_inputs(row)
        plan = ratio.work_back(inputs)
        scenario_rows.append(
            {
                h("tool_scenario"): row.name,
                **{h(f"tool_{k}"): v for k, v in inputs.model_dump().items()},
                h("tool_deals"): plan.deals,
                h("tool_prospects"): plan.prospects,
                h("tool_meetings"): plan.meetings,
                h("tool_calls"): plan.calls,
                h("tool_calls_per_day"): plan.calls_per_day,
            }
        )
    frames["scenarios"] = pd.DataFrame(scenario_rows)
    frames.update(plan_frames(session, user_id=user_id, course=course, lang=lang))
    return frames


def plan_labels(course: Course, lang: str) -> dict[str, str]:
    """Term id -> name for everything a call or deal plan names: roles (and the maintainer), attitudes,
    relationships, personalities and the steps of the sales cycle."""
    unit, sale = course.module("m7-decision-unit"), course.module("m8-complex-sale")
    kinds = [(unit, "role"), (unit, "selling-role"), (unit, "attitude"), (unit, "relationship"), (sale, "cycle-step")]
    labels = {k: v for module, kind in kinds for k, v in term_labels(module, kind, lang).items()}
    return {**labels, **term_labels(course.module("m6-customer-personalities"), "personality", lang)}


def plan_frames(session: Session, *, user_id: int, course: Course, lang: str) -> dict[str, pd.DataFrame]:
    """The deal plans (a column per step, planned / done) and the call plans with their reviews."""
    names = plan_labels(course, lang)
    h = lambda key: t(key, lang)  # noqa: E731  (column headers)
    deal_rows = []
    for account, opp, plan in dealplan.list_deal_plans(session, user_id=user_id):
        row = {
            h("tool_account"): account.name,
            h("tool_opportunity"): opp.name,
            h("dp_team"): plan.team,
            h("dp_goal"): plan.goal,
            h("dp_strategy"): plan.strategy,
            h("dp_activities"): plan.activities,
        }
        for step in dealplan.CYCLE_STEPS:
            dates = plan.steps.get(step, {})
            row[f"{names[step]} · {h('dp_planned')}"] = dates.get("planned")
            row[f"{names[step]} · {h('dp_done')}"] = dates.get("done")
        deal_rows.append(row)
    frames = {"dealplans": pd.DataFrame(deal_rows)}
    opportunities = {o.id: o.name for _, o in opportunity.list_opportunities(session, user_id=user_id)}
    call_rows = []
    for account, contact, plan in callplan.list_call_plans(session, user_id=user_id):
        call_rows.append(
            {
                h("tool_account"): account.name,
                h("cp_col_contact"): contact.name,
                h("cp_col_day"): plan.visit_on,
                h("tool_opportunity"): opportunities.get(plan.opportunity_id, ""),
                h("cp_col_step"): names.get(plan.step or "", ""),
                h("cp_objective"): plan.objective,
                h("cp_personality"): names.get(plan.personality or "", ""),
                h("cp_opening"): plan.opening,
                h("cp_print_questions"): "\n".join(plan.questions),
                h("cp_points"): "\n".join(
                    f"{names.get(p['role'], p['role'])}: "
                    + " → ".join(p.get(k, "") for k in ("need", "point", "value"))
                    for p in plan.points
                ),
                h("cp_evidence"): plan.evidence,
                h("cp_next_step"): plan.next_step,
                h("cp_col_outcome"): t(f"cp_outcome_{plan.outcome}", lang) if plan.outcome else "",
                h("cp_review_note"): plan.review_note,
                h("cp_agreed_next"): plan.agreed_next,
                h("cp_col_logged"): plan.logged_start,
            }
        )
    frames["callplans"] = pd.DataFrame(call_rows)
    return frames


def to_excel(frames: dict[str, pd.DataFrame], lang: str) -> bytes:
    """One workbook, a sheet per table, sheet names in the user's language."""
    return exports.to_excel({t(f"tool_sheet_{sheet}", lang): frame for sheet, frame in frames.items()})
