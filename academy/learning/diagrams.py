"""Plotly figures as pure functions of content and data (no Streamlit): unit-testable and reusable.

Course diagrams read the module's terms, so they follow the chosen language and the content files.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.express as px
import plotly.graph_objects as go

from academy.content.frameworks import ROLE_WEIGHT, SOULS, STANCE
from academy.content.schema import Module, Term
from academy.core.figures import PALETTE, titled
from academy.core.i18n import t, tr


def _terms(module: Module, kind: str) -> list[Term]:
    return [term for term in module.terms if term.attrs.get("kind") == kind]


def order_comparison(module: Module, lang: str) -> go.Figure:
    rows = _terms(module, "axis") + _terms(module, "factor")
    names = [tr(term.name, lang) for term in rows]
    fig = go.Figure(
        [
            go.Bar(
                name=t("chart_ordinary", lang),
                y=names,
                x=[term.attrs["ordinary"] for term in rows],
                orientation="h",
                marker_color=PALETTE[0],
            ),
            go.Bar(
                name=t("chart_key_account", lang),
                y=names,
                x=[term.attrs["key_account"] for term in rows],
                orientation="h",
                marker_color=PALETTE[1],
            ),
        ]
    )
    fig.update_layout(
        barmode="group", xaxis={"range": [0, 5], "title": t("chart_difficulty", lang)}, yaxis={"autorange": "reversed"}
    )
    return titled(fig, tr(module.title, lang))


def seven_elements(module: Module, lang: str) -> go.Figure:
    elements = _terms(module, "element")
    names = [f"{i}. {tr(term.name, lang)}" for i, term in enumerate(elements, start=1)]
    fig = px.bar_polar(r=[1] * len(names), theta=names, color=names, color_discrete_sequence=PALETTE)
    fig.update_traces(hovertemplate="%{theta}<extra></extra>")
    fig.update_layout(
        showlegend=False, polar={"radialaxis": {"visible": False}, "angularaxis": {"direction": "clockwise"}}
    )
    return titled(fig, t("chart_seven_elements", lang))


def _soul_label(soul: str, lang: str) -> str:
    return t(f"soul_{soul}", lang)


def seller_types(module: Module, lang: str) -> go.Figure:
    root = t("chart_seller_root", lang)
    ids, labels, parents = [root], [root], [""]
    for term in _terms(module, "seller"):
        name = tr(term.name, lang)
        ids += [term.id, f"{term.id}-soul", f"{term.id}-key"]
        soul = str(term.attrs["soul"])
        keyword = str(term.attrs.get("keyword", ""))
        if lang == "en":  # the one-character key word needs its meaning alongside
            keyword = f"{keyword} {t(f'keyword_{soul}', lang)}"
        labels += [name, _soul_label(soul, lang), keyword]
        parents += [root, term.id, term.id]
    fig = go.Figure(go.Sunburst(ids=ids, labels=labels, parents=parents, insidetextorientation="horizontal"))
    return titled(fig, t("chart_seller_types", lang))


def _grid(z: list[list[float]], x: list[str], y: list[str], text: list[list[str]], colours) -> go.Figure:
    """A labelled grid of cells, first row at the top."""
    fig = go.Figure(
        go.Heatmap(
            z=z, x=x, y=y, text=text, texttemplate="%{text}", colorscale=colours, showscale=False, xgap=3, ygap=3
        )
    )
    fig.update_layout(yaxis={"autorange": "reversed"})
    return fig


def seller_levels(module: Module, lang: str) -> go.Figure:
    levels = _terms(module, "level")
    matrix = [[1 if soul in str(term.attrs["souls"]).split("+") else 0 for soul in SOULS] for term in levels]
    text = [["✔" if v else "" for v in row] for row in matrix]
    fig = _grid(
        matrix,
        [_soul_label(soul, lang) for soul in SOULS],
        [tr(term.name, lang) for term in levels],
        text,
        [[0, "#f2f2f2"], [1, PALETTE[0]]],
    )
    return titled(fig, t("chart_seller_levels", lang))


def traits_freedoms(module: Module, lang: str) -> go.Figure:
    ids, labels, parents = [], [], []
    for kind, key in (("trait", "chart_traits"), ("freedom", "chart_freedoms")):
        ids.append(kind)
        labels.append(t(key, lang))
        parents.append("")
        for term in _terms(module, kind):
            ids.append(term.id)
            labels.append(tr(term.name, lang))
            parents.append(kind)
    fig = go.Figure(go.Sunburst(ids=ids, labels=labels, parents=parents, insidetextorientation="horizontal"))
    return titled(fig, tr(module.title, lang))


def entry_positions(module: Module, lang: str) -> go.Figure:
    positions = sorted(_terms(module, "position"), key=lambda term: int(term.attrs["rank"]))
    heights = [len(positions) - i for i in range(len(positions))]
    fig = px.bar(x=[tr(term.name, lang) for term in positions], y=heights, color_discrete_sequence=[PALETTE[0]])
    fig.update_layout(yaxis={"visible": False}, xaxis={"title": ""})
    return titled(fig, t("chart_entry_positions", lang))


def personality_quadrant(module: Module, lang: str) -> go.Figure:
    return quadrant(module, lang, points=[])


def quadrant(module: Module, lang: str, points: list[tuple[str, float, float]]) -> go.Figure:
    """The control x sensitivity plane with the four styles; `points` adds (label, sensitivity, control) in -1..1."""
    fig = go.Figure()
    for i, term in enumerate(_terms(module, "personality")):
        x = 0.5 if term.attrs["sensitivity"] == "high" else -0.5
        y = 0.5 if term.attrs["control"] == "high" else -0.5
        fig.add_shape(
            type="rect",
            x0=x - 0.5,
            x1=x + 0.5,
            y0=y - 0.5,
            y1=y + 0.5,
            fillcolor=PALETTE[i],
            opacity=0.25,
            line_width=0,
            layer="below",
        )
        fig.add_annotation(x=x, y=y, text=tr(term.name, lang), showarrow=False, font={"size": 16})
    for label, x, y in points:
        fig.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                mode="markers+text",
                text=[label],
                textposition="top center",
                marker={"size": 16, "color": "black", "symbol": "x"},
                showlegend=False,
            )
        )
    fig.add_hline(y=0, line_color="grey")
    fig.add_vline(x=0, line_color="grey")
    fig.update_xaxes(
        range=[-1, 1],
        title=t("chart_sensitivity", lang),
        zeroline=False,
        tickvals=[-0.9, 0.9],
        ticktext=[t("chart_low", lang), t("chart_high", lang)],
    )
    fig.update_yaxes(
        range=[-1, 1],
        title=t("chart_control", lang),
        zeroline=False,
        tickvals=[-0.9, 0.9],
        ticktext=[t("chart_low", lang), t("chart_high", lang)],
    )
    return titled(fig, t("chart_quadrant", lang))


def decision_grid(module: Module, lang: str) -> go.Figure:
    """Where attention goes first: weight of the decision role times distance from a champion."""
    roles = _terms(module, "role")
    rels = _terms(module, "relationship")
    z = [[ROLE_WEIGHT.get(r.id, 1) * STANCE.get(c.id, 2) for c in rels] for r in roles]
    text = [[f"{r.attrs['code']}·{c.attrs['code']}" for c in rels] for r in roles]
    fig = _grid(z, [tr(c.name, lang) for c in rels], [tr(r.name, lang) for r in roles], text, "OrRd")
    return titled(fig, t("chart_decision_grid", lang))


def time_split(module: Module, lang: str) -> go.Figure:
    acts = _terms(module, "activity")
    names = [tr(term.name, lang) for term in acts]
    fig = go.Figure(
        [
            go.Bar(
                name=t("chart_old_model", lang),
                x=names,
                y=[term.attrs["old"] for term in acts],
                text=[f"{term.attrs['old']}%" for term in acts],
                marker_color=PALETTE[1],
            ),
            go.Bar(
                name=t("chart_new_model", lang),
                x=names,
                y=[term.attrs["new"] for term in acts],
                text=[f"{term.attrs['new']}%" for term in acts],
                marker_color=PALETTE[0],
            ),
        ]
    )
    fig.update_layout(barmode="group", yaxis={"title": "%", "range": [0, 50]})
    return titled(fig, t("chart_time_split", lang))


def prospecting_funnel(module: Module, lang: str, start: int = 1000) -> go.Figure:
    stages = _terms(module, "funnel-stage")
    counts, n = [], float(start)
    for term in stages:
        n = n * float(term.attrs.get("rate", 100)) / 100
        counts.append(round(n))
    fig = go.Figure(go.Funnel(y=[tr(term.name, lang) for term in stages], x=counts, textinfo="value+percent initial"))
    return titled(fig, t("chart_funnel", lang))


def _stack(label: str, lang: str) -> str:
    """Pillar labels stack vertically: word by word in English, character by character in Chinese."""
    return "<br>".join(label.split() if lang == "en" else label.replace(" ", ""))


def sales_house(module: Module, lang: str) -> go.Figure:
    pillars = _terms(module, "pillar")
    foundation = _terms(module, "foundation")
    fig = go.Figure()
    fig.add_shape(type="path", path="M 0,6 L 5,8.5 L 10,6 Z", fillcolor=PALETTE[1], line_color="white")
    fig.add_annotation(
        x=5, y=6.9, text=t("chart_house_roof", lang), showarrow=False, font={"size": 15, "color": "white"}
    )
    width = 10 / max(len(pillars), 1)
    for i, term in enumerate(pillars):
        x0 = i * width + 0.25
        fig.add_shape(type="rect", x0=x0, x1=x0 + width - 0.5, y0=1.5, y1=6, fillcolor=PALETTE[0], line_color="white")
        fig.add_annotation(
            x=x0 + (width - 0.5) / 2,
            y=3.75,
            text=_stack(tr(term.name, lang), lang),
            showarrow=False,
            font={"color": "white", "size": 14},
        )
    fig.add_shape(type="rect", x0=0, x1=10, y0=0, y1=1.5, fillcolor=PALETTE[2], line_color="white")
    fig.add_annotation(
        x=5,
        y=0.75,
        text=" · ".join(tr(term.name, lang) for term in foundation),
        showarrow=False,
        font={"color": "white", "size": 15},
    )
    fig.update_xaxes(visible=False, range=[-0.2, 10.2])
    fig.update_yaxes(visible=False, range=[-0.2, 8.7])
    fig.update_layout(height=420, plot_bgcolor="rgba(0,0,0,0)")
    return titled(fig, t("chart_sales_house", lang))


DIAGRAMS: dict[str, Callable[[Module, str], go.Figure]] = {
    "order-comparison": order_comparison,
    "seven-elements": seven_elements,
    "seller-types": seller_types,
    "seller-levels": seller_levels,
    "traits-freedoms": traits_freedoms,
    "entry-positions": entry_positions,
    "personality-quadrant": personality_quadrant,
    "decision-grid": decision_grid,
    "time-split": time_split,
    "prospecting-funnel": prospecting_funnel,
    "sales-house": sales_house,
}
