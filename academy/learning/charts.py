"""Charts of a learner's own results: quiz scores, self-assessments and role-plays (pure, no Streamlit)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from academy.core.figures import date_axis
from academy.core.i18n import t


def score_history(points: Sequence[tuple[datetime, float]], pass_mark: float, lang: str) -> go.Figure:
    """Quiz scores (0..1) attempt by attempt, one marker each, the date on hover, with the pass mark.

    Numbered attempts rather than a time axis: attempts minutes apart stay apart, and a first
    attempt is one point in the middle instead of a zoom into milliseconds.
    """
    attempt, when, score = t("chart_attempt", lang), t("chart_date", lang), t("chart_score", lang)
    frame = pd.DataFrame(
        {
            attempt: range(1, len(points) + 1),
            when: [p[0].strftime("%Y-%m-%d %H:%M") for p in points],
            score: [round(p[1] * 100) for p in points],
        }
    )
    fig = px.line(frame, x=attempt, y=score, markers=True, hover_data=[when], range_y=[0, 105])
    fig.update_traces(marker_size=10)
    fig.update_xaxes(range=[0.5, len(points) + 0.5], dtick=1 if len(points) <= 20 else None, tick0=1)
    fig.add_hline(y=pass_mark * 100, line_dash="dash", line_color="grey", annotation_text=t("chart_pass_mark", lang))
    fig.update_layout(margin={"l": 10, "r": 10, "t": 30, "b": 10}, height=300)
    return fig


def radar(labels: Sequence[str], latest: Sequence[float], previous: Sequence[float] | None, lang: str) -> go.Figure:
    """Scores 0..100 on a radar, the latest against the previous result when there is one."""
    rows = [(label, value, t("chart_latest", lang)) for label, value in zip(labels, latest, strict=True)]
    if previous is not None:
        rows += [(label, value, t("chart_previous", lang)) for label, value in zip(labels, previous, strict=True)]
    frame = pd.DataFrame(rows, columns=["dimension", "score", "when"])
    fig = px.line_polar(frame, r="score", theta="dimension", color="when", line_close=True, range_r=[0, 100])
    fig.update_traces(fill="toself", opacity=0.7)
    fig.update_layout(legend_title_text="", margin={"l": 30, "r": 30, "t": 30, "b": 30}, height=380)
    return fig


def trend(rows: Sequence[tuple[datetime, str, float]], lang: str) -> go.Figure:
    """One line per dimension: (when, dimension label, score 0..100)."""
    frame = pd.DataFrame(rows, columns=[t("chart_date", lang), "dimension", t("chart_score_100", lang)])
    fig = px.line(
        frame, x=t("chart_date", lang), y=t("chart_score_100", lang), color="dimension", markers=True, range_y=[0, 105]
    )
    date_axis(fig, frame[t("chart_date", lang)])
    fig.update_layout(legend_title_text="", margin={"l": 10, "r": 10, "t": 30, "b": 10}, height=320)
    return fig


def roleplay_dimensions(rows: Sequence[tuple[str, int, int]], lang: str) -> go.Figure:
    """A role-play's result per dimension (label, points earned, best achievable): the learner's bar by the best."""
    you, best = t("chart_rp_you", lang), t("chart_rp_best", lang)
    frame = pd.DataFrame(
        [(label, you, points) for label, points, _ in rows] + [(label, best, top) for label, _, top in rows],
        columns=["dimension", "who", t("chart_rp_points", lang)],
    )
    fig = px.bar(
        frame,
        x=t("chart_rp_points", lang),
        y="dimension",
        color="who",
        barmode="group",
        orientation="h",
        text=t("chart_rp_points", lang),
        color_discrete_map={you: "#1f77b4", best: "#c7c7c7"},
    )
    fig.update_layout(
        yaxis={"autorange": "reversed", "title": ""},
        legend_title_text="",
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=120 + 48 * len(rows),
    )
    return fig


def roleplay_records(rows: Sequence[tuple[str, int, int]], lang: str) -> go.Figure:
    """The learner's role-plays: per scenario (title, best %, latest %), two bars side by side."""
    best, latest = t("chart_rp_best_score", lang), t("chart_latest", lang)
    frame = pd.DataFrame(
        [(title, best, b) for title, b, _ in rows] + [(title, latest, last) for title, _, last in rows],
        columns=["scenario", "which", t("chart_score", lang)],
    )
    fig = px.bar(
        frame,
        x=t("chart_score", lang),
        y="scenario",
        color="which",
        barmode="group",
        orientation="h",
        text=t("chart_score", lang),
        range_x=[0, 105],
        color_discrete_map={best: "#2ca02c", latest: "#1f77b4"},
    )
    fig.update_layout(
        yaxis={"autorange": "reversed", "title": ""},
        legend_title_text="",
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=120 + 56 * len(rows),
    )
    return fig
