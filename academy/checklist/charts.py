"""Checklist charts: pure functions of weekly totals (see academy.checklist.rates), the checklist content and `lang`.

Rates are drawn as 0..1 with percent ticks; the user's target and per-behaviour goals are drawn
as dashed lines or markers so progress against them is visible at a glance.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from academy.checklist import rates
from academy.content.schema import Checklist
from academy.core.figures import PALETTE, date_axis, titled
from academy.core.i18n import t, tr

RATE_AXIS = {"range": [0, 1.05], "tickformat": ".0%"}
HEAT_SCALE = [[0, "#d73027"], [0.5, "#fee08b"], [1, "#1a9850"]]  # red (never) -> green (always)


def _texts(checklist: Checklist, lang: str) -> dict[str, str]:
    return {item.id: tr(item.text, lang) for group in checklist.groups for item in group.items}


def _short(text: str, n: int = 26) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _rate_axes(fig: go.Figure, lang: str) -> go.Figure:
    fig.update_yaxes(title=t("ck_axis_rate", lang), **RATE_AXIS)
    fig.update_xaxes(title=t("ck_axis_week", lang))
    return fig


def _target_line(fig: go.Figure, target: float, lang: str) -> None:
    fig.add_hline(
        y=target,
        line_dash="dash",
        line_color="grey",
        annotation_text=t("ck_chart_target", lang, pct=_pct(target)),
        annotation_position="top left",
    )


def overall_chart(weekly: pd.DataFrame, lang: str, *, target: float) -> go.Figure:
    """The overall rate week by week, with the user's target."""
    overall = rates.overall_by_week(weekly)
    fig = px.line(overall, x="week", y="rate", markers=True, color_discrete_sequence=[PALETTE[0]])
    fig.update_traces(hovertemplate="%{x|%Y-%m-%d}: %{y:.0%}<extra></extra>")
    date_axis(fig, overall["week"], week=True)
    _target_line(fig, target, lang)
    return titled(_rate_axes(fig, lang), t("ck_chart_overall", lang))


def groups_chart(weekly: pd.DataFrame, checklist: Checklist, lang: str) -> go.Figure:
    """One line per behaviour group."""
    group_of = {item.id: group.id for group in checklist.groups for item in group.items}
    names = {group.id: tr(group.title, lang) for group in checklist.groups}
    frame = rates.groups_by_week(weekly, group_of)
    frame["name"] = frame["group"].map(names)
    fig = px.line(
        frame,
        x="week",
        y="rate",
        color="name",
        markers=True,
        category_orders={"name": list(names.values())},
        color_discrete_sequence=PALETTE,
    )
    fig.update_traces(hovertemplate="%{fullData.name}<br>%{x|%Y-%m-%d}: %{y:.0%}<extra></extra>")
    date_axis(fig, frame["week"], week=True)
    return titled(_rate_axes(fig, lang), t("ck_chart_groups", lang))


def heatmap_chart(weekly: pd.DataFrame, checklist: Checklist, lang: str, *, goals: Mapping[str, float]) -> go.Figure:
    """Behaviour x week, coloured by rate; blank where the behaviour did not come up. Goal behaviours carry a ★."""
    texts = _texts(checklist, lang)
    order = list(texts)
    frame = weekly.assign(rate=weekly["fulfilled"] / weekly["executed"])
    grid = frame.pivot_table(index="item_id", columns="week", values="rate", aggfunc="first")
    grid = grid.reindex(index=order)
    weeks = [str(w) for w in grid.columns]
    labels = [("★ " if item in goals else "") + _short(texts[item]) for item in order]
    full = [[texts[item]] * len(weeks) for item in order]
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype=float),
            x=weeks,
            y=labels,
            customdata=full,
            colorscale=HEAT_SCALE,
            zmin=0,
            zmax=1,
            xgap=1,
            ygap=1,
            hovertemplate="%{customdata}<br>%{x}: %{z:.0%}<extra></extra>",
            colorbar={"tickformat": ".0%", "title": {"text": t("ck_axis_rate", lang)}},
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("ck_axis_week", lang), type="category")
    fig.update_layout(height=max(420, 24 * len(order) + 120))
    return titled(fig, t("ck_chart_heatmap", lang))


def weakest_chart(
    weekly: pd.DataFrame, checklist: Checklist, lang: str, *, goals: Mapping[str, float], n: int = 5
) -> go.Figure:
    """The n weakest behaviours in the window, with their goal where one is set."""
    texts = _texts(checklist, lang)
    worst = rates.weakest(weekly, n, item_ids=texts)
    labels = [_short(texts[i], 40) for i in worst["item_id"]]
    fig = go.Figure(
        go.Bar(
            x=worst["rate"],
            y=labels,
            orientation="h",
            name=t("ck_axis_rate", lang),
            marker_color=PALETTE[1],
            text=[f"{_pct(r.rate)} ({r.fulfilled}/{r.executed})" for r in worst.itertuples()],
            customdata=[texts[i] for i in worst["item_id"]],
            hovertemplate="%{customdata}: %{x:.0%}<extra></extra>",
        )
    )
    with_goal = [(label, goals[i]) for label, i in zip(labels, worst["item_id"], strict=True) if i in goals]
    if with_goal:
        fig.add_trace(
            go.Scatter(
                x=[g for _, g in with_goal],
                y=[label for label, _ in with_goal],
                mode="markers",
                name=t("ck_goal", lang),
                marker={"symbol": "diamond", "size": 14, "color": "black"},
                hovertemplate=t("ck_goal", lang) + ": %{x:.0%}<extra></extra>",
            )
        )
    fig.update_xaxes(title=t("ck_axis_rate", lang), **RATE_AXIS)
    fig.update_yaxes(autorange="reversed")
    return titled(fig, t("ck_chart_weakest", lang, n=n))


def streak_chart(weekly: pd.DataFrame, lang: str, *, target: float, this_week: date) -> go.Figure:
    """Each week's overall rate, green when at or above the target; the title gives the current and best streak."""
    overall = rates.overall_by_week(weekly)
    streak = rates.streaks(overall, target, this_week)
    hit = overall["rate"] >= target
    fig = go.Figure(
        go.Bar(
            x=[str(w) for w in overall["week"]],
            y=overall["rate"],
            marker_color=[PALETTE[3] if h else "#c9c9c9" for h in hit],
            hovertemplate="%{x}: %{y:.0%}<extra></extra>",
        )
    )
    _target_line(fig, target, lang)
    fig.update_xaxes(type="category")
    title = t("ck_chart_streak", lang, current=streak.current, longest=streak.longest)
    return titled(_rate_axes(fig, lang), title)


def compare_chart(
    current: rates.Totals, previous: rates.Totals, checklist: Checklist, lang: str, *, labels: tuple[str, str]
) -> go.Figure:
    """This period against the previous one, group by group and overall."""
    groups = {group.id: [item.id for item in group.items] for group in checklist.groups}
    names = [tr(group.title, lang) for group in checklist.groups] + [t("ck_overall", lang)]
    fig = go.Figure()
    for totals, label, colour in ((previous, labels[1], "#c9c9c9"), (current, labels[0], PALETTE[0])):
        values = [*rates.group_rates(totals, groups).values(), rates.pooled(totals)]
        fig.add_trace(
            go.Bar(
                name=label,
                x=names,
                y=[v if v is not None else float("nan") for v in values],
                marker_color=colour,
                text=[_pct(v) if v is not None else "" for v in values],
                hovertemplate="%{x}: %{y:.0%}<extra>" + label + "</extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=t("ck_axis_rate", lang), **RATE_AXIS)
    return titled(fig, t("ck_chart_compare", lang))


def goals_chart(weekly: pd.DataFrame, checklist: Checklist, lang: str, *, goals: Mapping[str, float]) -> go.Figure:
    """Each goal behaviour's weekly rate with its goal as a dashed line of the same colour."""
    texts = _texts(checklist, lang)
    fig = go.Figure()
    chosen = [item for item in texts if item in goals]  # checklist order
    for i, item in enumerate(chosen):
        colour = PALETTE[i % len(PALETTE)]
        rows = weekly[weekly["item_id"] == item]
        fig.add_trace(
            go.Scatter(
                x=rows["week"],
                y=rows["fulfilled"] / rows["executed"],
                mode="lines+markers",
                name=_short(texts[item], 30),
                line={"color": colour},
                hovertemplate=texts[item] + "<br>%{x|%Y-%m-%d}: %{y:.0%}<extra></extra>",
            )
        )
        fig.add_hline(y=goals[item], line_dash="dash", line_color=colour)
    date_axis(fig, weekly.loc[weekly["item_id"].isin(chosen), "week"], week=True)
    return titled(_rate_axes(fig, lang), t("ck_chart_goals", lang))
