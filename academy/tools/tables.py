"""The user's field-tool data as tables in their language: CSV per table, or one workbook (core.spreadsheets)."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session

from academy.content.loader import Course
from academy.content.rubrics import ToolRubrics
from academy.core import spreadsheets as exports
from academy.core.i18n import t
from academy.tools import clients, decision_unit, opportunity, ratio, scorecard
from academy.tools.charts import term_labels
from academy.tools.clients import lesson_for

SHEETS = ("contacts", "ties", "scorecards", "opportunities", "scenarios")


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
    return frames


def to_excel(frames: dict[str, pd.DataFrame], lang: str) -> bytes:
    """One workbook, a sheet per table, sheet names in the user's language."""
    return exports.to_excel({t(f"tool_sheet_{sheet}", lang): frame for sheet, frame in frames.items()})
