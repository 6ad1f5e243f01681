"""Figures of the field tools: pure functions of data and language, returning plotly figures.

People's names are the user's own text: they are HTML-escaped before plotly (which renders a few tags).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from academy.content.frameworks import STANCE
from academy.content.schema import Module
from academy.core.figures import PALETTE, titled
from academy.core.i18n import t, tr
from academy.core.models import ToolContact, ToolTie
from academy.tools.dealplan import StepStatus
from academy.tools.ratio import RatioPlan


def term_labels(module: Module, kind: str, lang: str) -> dict[str, str]:
    """Term id -> name in the language, for the module's terms of one kind, in lesson order."""
    return {term.id: tr(term.name, lang) for term in module.terms if term.attrs.get("kind") == kind}


def scorecard_radar(
    labels: dict[str, str],
    scale: int,
    latest: tuple[date, dict[str, int]],
    previous: tuple[date, dict[str, int]] | None,
    lang: str,
) -> go.Figure:
    """The latest assessment against the previous one, one spoke per element."""
    rows = []
    for key, pair in (("tool_previous_on", previous), ("tool_latest_on", latest)):
        if pair is not None:
            when, scores = pair
            series = t(key, lang, date=when.isoformat())
            rows += [{"element": labels[e], "score": scores[e], "series": series} for e in labels if e in scores]
    df = pd.DataFrame(rows)
    fig = px.line_polar(
        df,
        r="score",
        theta="element",
        color="series",
        line_close=True,
        range_r=[0, scale],
        markers=True,
        color_discrete_sequence=[PALETTE[1], PALETTE[0]] if previous else [PALETTE[0]],
    )
    fig.update_traces(fill="toself", opacity=0.7)
    fig.update_layout(polar={"radialaxis": {"dtick": 1}})
    return titled(fig, t("tool_chart_radar", lang))


def scorecard_trend(
    labels: dict[str, str], scale: int, history: Sequence[tuple[date, dict[str, int]]], lang: str
) -> go.Figure:
    """Each element's score over time."""
    rows = [
        {"date": when, "score": scores[e], "element": labels[e]}
        for when, scores in history
        for e in labels
        if e in scores
    ]
    fig = px.line(
        pd.DataFrame(rows),
        x="date",
        y="score",
        color="element",
        markers=True,
        category_orders={"element": list(labels.values())},
        color_discrete_sequence=PALETTE,
        labels={"date": t("tool_date", lang), "score": t("tool_score", lang), "element": t("tool_element", lang)},
    )
    fig.update_yaxes(range=[0.5, scale + 0.5], dtick=1)
    days = sorted({when for when, _ in history})
    # whole days on the axis; a single day gets a week around it instead of a zoom into milliseconds
    span = [days[0] - timedelta(days=3), days[-1] + timedelta(days=3)] if days[0] == days[-1] else None
    fig.update_xaxes(type="date", tickformat="%Y-%m-%d", range=span)
    return titled(fig, t("tool_chart_trend", lang))


def _spread(n: int, width: float = 0.6) -> list[float]:
    """Offsets that place n markers side by side within one grid cell."""
    return [0.0] if n == 1 else [-width / 2 + width * i / (n - 1) for i in range(n)]


def decision_map(
    members: Sequence[ToolContact],
    ties: Sequence[ToolTie],
    roles: dict[str, str],
    relationships: dict[str, str],
    attitudes: dict[str, str],
    lang: str,
) -> go.Figure:
    """Role (rows) against relationship to us (columns), marker size by influence, colour by attitude.

    A person with several roles appears once per role; an unknown role or relationship puts them in a
    '?' row or column, so nobody on the list is missing from the map. Ties are dotted lines between
    the people's first positions.
    """
    unknown = t("tool_unknown", lang)
    # columns run from the friendliest to the most hostile, whatever order the labels come in
    relationships = {r: relationships[r] for r in sorted(relationships, key=STANCE.get)}
    columns = [*relationships, None]
    lines = [*roles, None]
    cells: dict[tuple[int, int], list[ToolContact]] = {}
    for m in members:
        for role in m.roles or [None]:
            cells.setdefault((lines.index(role), columns.index(m.relationship)), []).append(m)
    rows, first_pos = [], {}
    for (y, x), people in sorted(cells.items()):
        for m, dx in zip(people, _spread(len(people)), strict=True):
            first_pos.setdefault(m.id, (x + dx, y))
            rows.append(
                {
                    "x": x + dx,
                    "y": y,
                    "name": html.escape(m.name),
                    "influence": m.influence,
                    "attitude": attitudes.get(m.attitude or "", unknown),
                }
            )
    df = pd.DataFrame(rows, columns=["x", "y", "name", "influence", "attitude"])
    colours = dict(zip([*attitudes.values(), unknown], [PALETTE[0], PALETTE[2], PALETTE[1], "#999999"], strict=False))
    fig = px.scatter(
        df,
        x="x",
        y="y",
        size="influence",
        size_max=40,
        color="attitude",
        text="name",
        category_orders={"attitude": list(colours)},
        color_discrete_map=colours,
        hover_data={"x": False, "y": False, "influence": True},
        labels={"attitude": t("tool_attitude", lang), "influence": t("tool_influence", lang)},
    )
    fig.update_traces(textposition="top center", marker={"sizemin": 8})
    for tie in ties:
        if tie.contact_a in first_pos and tie.contact_b in first_pos:
            (x0, y0), (x1, y1) = first_pos[tie.contact_a], first_pos[tie.contact_b]
            fig.add_shape(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line={"dash": "dot", "color": "grey"}, layer="below")
    fig.update_xaxes(
        tickvals=list(range(len(columns))),
        ticktext=[*relationships.values(), "?"],
        range=[-0.6, len(columns) - 0.4],
        title=t("tool_relationship", lang),
        showgrid=False,
    )
    fig.update_yaxes(
        tickvals=list(range(len(lines))),
        ticktext=[*roles.values(), "?"],
        range=[len(lines) - 0.4, -0.6],  # the decider on top
        title=t("tool_role", lang),
        showgrid=False,
    )
    for x in range(len(columns) - 1):
        fig.add_vline(x=x + 0.5, line_color="#e6e6e6")
    for y in range(len(lines) - 1):
        fig.add_hline(y=y + 0.5, line_color="#e6e6e6")
    return titled(fig, t("tool_chart_unit", lang))


def opportunity_comparison(rows: Sequence[tuple[str, str, int | None]], pass_mark: int, lang: str) -> go.Figure:
    """rows: (opportunity label, tool name, score 0..100) grouped by opportunity, with the pass mark drawn."""
    df = pd.DataFrame(
        [(html.escape(o), tool, score) for o, tool, score in rows if score is not None],
        columns=["opportunity", "tool", "score"],
    )
    fig = px.bar(
        df,
        x="opportunity",
        y="score",
        color="tool",
        barmode="group",
        color_discrete_sequence=PALETTE,
        labels={"opportunity": t("tool_opportunity", lang), "score": t("tool_score", lang), "tool": ""},
    )
    fig.add_hline(y=pass_mark, line_dash="dash", line_color="grey", annotation_text=t("tool_pass_mark", lang))
    fig.update_yaxes(range=[0, 100])
    return titled(fig, t("tool_chart_opportunities", lang))


def ratio_funnel(plan: RatioPlan, lang: str) -> go.Figure:
    stages = [
        (t("tool_calls", lang), plan.calls),
        (t("tool_meetings", lang), plan.meetings),
        (t("tool_prospects", lang), plan.prospects),
        (t("tool_deals", lang), plan.deals),
    ]
    df = pd.DataFrame(stages, columns=["stage", "count"])
    fig = px.funnel(df, x="count", y="stage", color_discrete_sequence=[PALETTE[0]])
    fig.update_traces(textinfo="value")
    fig.update_yaxes(title="")
    return titled(fig, t("tool_chart_funnel", lang))


def scenario_comparison(rows: Sequence[tuple[str, float]], lang: str) -> go.Figure:
    """rows: (scenario name, calls per working day)."""
    df = pd.DataFrame([(html.escape(n), v) for n, v in rows], columns=["scenario", "per_day"])
    fig = px.bar(
        df,
        x="scenario",
        y="per_day",
        text="per_day",
        color_discrete_sequence=[PALETTE[0]],
        labels={"scenario": t("tool_scenario", lang), "per_day": t("tool_calls_per_day", lang)},
    )
    return titled(fig, t("tool_chart_scenarios", lang))


def deal_timeline(statuses: Sequence[StepStatus], labels: dict[str, str], today: date, lang: str) -> go.Figure:
    """The six steps of the sales cycle top to bottom: the planned date (hollow) and the done date (filled)."""
    fig = go.Figure()
    for key, attr, symbol, colour in (
        ("dp_planned", "planned", "circle-open", PALETTE[0]),
        ("dp_done", "done", "circle", PALETTE[3]),
    ):
        dated = [s for s in statuses if getattr(s, attr) is not None]
        fig.add_trace(
            go.Scatter(
                x=[getattr(s, attr) for s in dated],
                y=[labels[s.step] for s in dated],
                mode="markers",
                name=t(key, lang),
                marker={"symbol": symbol, "size": 14, "color": colour, "line": {"width": 2, "color": colour}},
                hovertemplate="%{y}: %{x|%Y-%m-%d}<extra>" + t(key, lang) + "</extra>",
            )
        )
    fig.add_vline(x=today.isoformat(), line={"dash": "dash", "color": "grey"})
    fig.add_annotation(
        x=today.isoformat(), y=1, yref="paper", text=t("dp_today", lang), showarrow=False, yanchor="bottom"
    )
    order = [labels[s.step] for s in statuses]  # every step shows, dated or not, the first on top
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, range=[len(order) - 0.5, -0.5])
    fig.update_xaxes(type="date", tickformat="%Y-%m-%d")
    fig.update_layout(height=340)
    return titled(fig, t("dp_chart", lang))
