"""Printable one-page views of a call plan and a deal plan: a standalone HTML page that the browser prints.

Everything the user typed is HTML-escaped here, so the page shows it as text whatever it contains. The
page loads nothing from outside and runs no script but its Print button's one call (the button is hidden
in print). A4 and compact type, so that a typical plan fits on one sheet (tests/e2e/test_callplan_flow.py
prints one to PDF and counts the pages); a plan filled to every limit flows onto a second.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from academy.content.frameworks import CYCLE_STEPS
from academy.core.i18n import t
from academy.core.models import ToolCallPlan, ToolContact, ToolDealPlan
from academy.tools.dealplan import step_status

HTML_LANG = {"zh": "zh-CN", "zh-hant": "zh-Hant", "en": "en"}

STYLE = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
       font-size: 10pt; line-height: 1.35; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
.sub { color: #444; margin: 0 0 4mm; }
h2 { font-size: 10.5pt; margin: 3mm 0 1mm; border-bottom: 1px solid #bbb; padding-bottom: 0.5mm; }
p { margin: 0 0 1mm; white-space: pre-wrap; }
ol { margin: 0; padding-left: 6mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; white-space: pre-wrap; }
th { background: #f0f0f0; }
.grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; }
footer { margin-top: 4mm; color: #777; font-size: 8pt; }
.print { margin-bottom: 4mm; padding: 2mm 6mm; font-size: 11pt; }
@media print { .print { display: none; } body { padding: 0; } }
"""


@dataclass(frozen=True)
class Block:
    """One titled part of the page: a paragraph, a numbered list or a table (first row: the header)."""

    heading: str
    text: str = ""
    items: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = field(default_factory=list)
    half: bool = False  # set side by side with the next half block


def _block(block: Block) -> str:
    parts = [f"<h2>{html.escape(block.heading)}</h2>"]
    if block.text:
        parts.append(f"<p>{html.escape(block.text)}</p>")
    if block.items:
        parts.append("<ol>" + "".join(f"<li>{html.escape(i)}</li>" for i in block.items) + "</ol>")
    if block.rows:
        head, *body = block.rows
        parts.append(
            "<table><tr>"
            + "".join(f"<th>{html.escape(c)}</th>" for c in head)
            + "</tr>"
            + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in body)
            + "</table>"
        )
    return "<section>" + "".join(parts) + "</section>"


def page(*, title: str, subtitle: str, blocks: Sequence[Block], lang: str, footer: str) -> str:
    """The whole document; half blocks pair up in two columns."""
    body, pending = [], None
    for block in blocks:
        if block.half and pending is None:
            pending = block
            continue
        if pending is not None:
            body.append(f'<div class="grid">{_block(pending)}{_block(block)}</div>')
            pending = None
        else:
            body.append(_block(block))
    if pending is not None:
        body.append(_block(pending))
    return (
        f'<!DOCTYPE html><html lang="{HTML_LANG.get(lang, "zh-CN")}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>"
        f'<button class="print" type="button" onclick="window.print()">'
        f"{html.escape(t('cp_print_button', lang))}</button>"
        f'<h1>{html.escape(title)}</h1><p class="sub">{html.escape(subtitle)}</p>'
        + "".join(body)
        + f"<footer>{html.escape(footer)}</footer></body></html>"
    )


def _or_dash(text: str) -> str:
    return text or "—"


def call_plan_page(
    *,
    plan: ToolCallPlan,
    account: str,
    contact: ToolContact,
    labels: Mapping[str, str],
    behaviours: Mapping[str, str],
    opportunity: str | None,
    focus: str | None,
    lang: str,
    today: date,
) -> str:
    """The plan of one visit, and its review once there is one.

    `labels`: term id -> name for roles, attitudes, relationships, personalities and cycle steps;
    `behaviours`: checklist item id -> its text; `focus`: the scorecard's advice line, if any.
    """
    unknown = t("cp_unknown", lang)
    roles = ", ".join(labels.get(r, r) for r in contact.roles) or unknown
    person = " · ".join(
        [
            roles,
            labels.get(contact.attitude or "", unknown),
            labels.get(contact.relationship or "", unknown),
            labels.get(plan.personality or "", unknown),
        ]
    )
    step = labels.get(plan.step or "", t("cp_no_step", lang))
    objective_step = t("cp_print_step_of", lang, step=step, opportunity=opportunity) if opportunity else step
    blocks = [
        Block(t("cp_objective", lang), text=f"{objective_step}\n{_or_dash(plan.objective)}", half=True),
        Block(
            f"{t('cp_print_person', lang)}: {t('cp_print_roles', lang)}",
            text=person + (f"\n{focus}" if focus else ""),
            half=True,
        ),
        Block(t("cp_opening", lang), text=_or_dash(plan.opening)),
        Block(t("cp_print_questions", lang), items=plan.questions or ["—"]),
    ]
    if plan.points:
        header = [t("tool_role", lang), t("cp_need", lang), t("cp_point", lang), t("cp_value", lang)]
        rows = [
            [labels.get(p["role"], p["role"]), p.get("need", ""), p.get("point", ""), p.get("value", "")]
            for p in plan.points
        ]
        blocks.append(Block(t("cp_points", lang), rows=[header, *rows]))
    blocks += [
        Block(t("cp_evidence", lang), text=_or_dash(plan.evidence), half=True),
        Block(t("cp_next_step", lang), text=_or_dash(plan.next_step), half=True),
    ]
    if plan.outcome:
        lines = [t(f"cp_outcome_{plan.outcome}", lang) + (f": {plan.review_note}" if plan.review_note else "")]
        if plan.miss_cause:
            lines.append(f"{t('cp_miss_cause', lang)}: {plan.miss_cause}")
        if plan.agreed_next:
            lines.append(f"{t('cp_agreed_next', lang)}: {plan.agreed_next}")
        did = [
            f"{behaviours.get(item, item)}: {t('cp_print_done' if done else 'cp_print_not_done', lang)}"
            for item, done in plan.behaviours.items()
        ]
        blocks.append(Block(t("cp_print_review", lang), text="\n".join(lines), items=did))
    subtitle = t("cp_print_visit", lang, name=contact.name, title=contact.title or "—", day=plan.visit_on.isoformat())
    return page(
        title=f"{t('tool_name_call-plan', lang)} · {account}",
        subtitle=subtitle,
        blocks=blocks,
        lang=lang,
        footer=t("cp_print_footer", lang, day=today.isoformat()),
    )


def deal_plan_page(
    *,
    plan: ToolDealPlan,
    account: str,
    opportunity: str,
    labels: Mapping[str, str],
    calls: Sequence[tuple[ToolContact, ToolCallPlan]],
    lang: str,
    today: date,
) -> str:
    """The opportunity's strategy and plan with the cycle's timetable and the visits planned for it."""
    states = step_status(plan.steps, today=today)
    timetable = [[t("dp_col_step", lang), t("dp_planned", lang), t("dp_done", lang), t("dp_col_state", lang)]]
    timetable += [
        [
            f"{n}. {labels.get(s.step, s.step)}",
            s.planned.isoformat() if s.planned else "—",
            s.done.isoformat() if s.done else "—",
            t(f"dp_state_{s.state}", lang),
        ]
        for n, s in enumerate(states, start=1)
    ]
    blocks = [
        Block(t("dp_team", lang), text=_or_dash(plan.team), half=True),
        Block(t("dp_goal", lang), text=_or_dash(plan.goal), half=True),
        Block(t("dp_strategy", lang), text=_or_dash(plan.strategy)),
        Block(t("dp_activities", lang), text=_or_dash(plan.activities)),
        Block(t("dp_timetable", lang), rows=timetable),
    ]
    if calls:
        header = [t("cp_col_day", lang), t("cp_col_contact", lang), t("cp_col_step", lang), t("cp_col_objective", lang)]
        rows = [
            [c.visit_on.isoformat(), person.name, labels.get(c.step or "", "—"), c.objective]
            for person, c in sorted(
                calls, key=lambda pc: (pc[1].visit_on, CYCLE_STEPS.index(pc[1].step) if pc[1].step else 9)
            )
        ]
        blocks.append(Block(t("dp_calls", lang), rows=[header, *rows]))
    return page(
        title=f"{t('tool_name_deal-plan', lang)} · {account}",
        subtitle=opportunity,
        blocks=blocks,
        lang=lang,
        footer=t("cp_print_footer", lang, day=today.isoformat()),
    )
