"""Charts of the live classroom (pure, no Streamlit)."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from academy.content.schema import Question
from academy.core.i18n import t, tr
from academy.learning.scoring import is_correct, score_response

RIGHT, OTHER = "#1b9e77", "#bdbdbd"


def answer_distribution(question: Question, responses: Sequence[list[Any]], lang: str) -> go.Figure:
    """How the room answered: a bar per option (the right ones green), or right/partly/wrong for
    matching and ordering questions, whose answers are arrangements rather than options."""
    if question.type in ("matching", "ordering"):
        scores = [score_response(question, r) for r in responses]
        labels = [t("chart_correct", lang), t("chart_partial", lang), t("chart_wrong", lang)]
        counts = [
            sum(1 for s in scores if is_correct(s)),
            sum(1 for s in scores if 0 < s < 1 - 1e-9),
            sum(1 for s in scores if s == 0),
        ]
        colours = [RIGHT, "#d95f02", OTHER]
    else:
        chosen = Counter(option for r in responses for option in r)
        labels = [html.escape(tr(o.text, lang)) for o in question.options]  # a trainer's set: text, not markup
        counts = [chosen.get(o.id, 0) for o in question.options]
        colours = [RIGHT if o.id in question.answer else OTHER for o in question.options]
    frame = pd.DataFrame({t("chart_answer", lang): labels, t("chart_count", lang): counts})
    fig = px.bar(
        frame, x=t("chart_count", lang), y=t("chart_answer", lang), orientation="h", text=t("chart_count", lang)
    )
    fig.update_traces(marker_color=colours)
    fig.update_layout(
        yaxis={"autorange": "reversed", "title": ""},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=80 + 50 * len(labels),
    )
    return fig


def vote_split(labels: Sequence[str], counts: Sequence[int], played: int | None, lang: str) -> go.Figure:
    """How the room voted on a role-play turn: a bar per choice (lettered as shown), the line played in green."""
    frame = pd.DataFrame({t("chart_rp_choice", lang): list(labels), t("chart_count", lang): list(counts)})
    fig = px.bar(
        frame,
        x=t("chart_count", lang),
        y=t("chart_rp_choice", lang),
        orientation="h",
        text=t("chart_count", lang),
    )
    fig.update_traces(marker_color=[RIGHT if i == played else OTHER for i in range(len(labels))])
    fig.update_layout(
        yaxis={"autorange": "reversed", "title": ""},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=80 + 50 * len(labels),
    )
    return fig
