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

# Colour and shape per option position, the same on the projector and on every phone (as Kahoot
# does): a trainee finds "the red triangle" on the phone without reading the text again. Colours
# are strong enough for white text; the shapes tell them apart for colour-blind trainees.
OPTION_STYLES: list[tuple[str, str]] = [
    ("#d01937", "▲"),
    ("#1368ce", "◆"),
    ("#c88a00", "●"),
    ("#26890c", "■"),
    ("#864cbf", "★"),
    ("#0a7e8c", "⬟"),
]


def option_style(position: int) -> tuple[str, str]:
    """(colour, shape) of the option shown in this position."""
    return OPTION_STYLES[position % len(OPTION_STYLES)]


def answer_distribution(
    question: Question,
    responses: Sequence[list[Any]],
    lang: str,
    order: Sequence[Any] | None = None,
    big: bool = False,
) -> go.Figure:
    """How the room answered: a bar per option (the right ones green), or right/partly/wrong for
    matching and ordering questions, whose answers are arrangements rather than options.

    With `order` (the options as the phones showed them) each bar takes its option's colour and
    shape, and the right answers are ticked; `big` sets projector-sized type."""
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
        if order:
            by_id = {o.id: o for o in question.options}
            shown = [by_id[oid] for oid in order if oid in by_id]
            labels = [
                f"{option_style(i)[1]} {html.escape(_short(tr(o.text, lang), 28 if big else 80))}"
                + (" ✓" if o.id in question.answer else "")
                for i, o in enumerate(shown)
            ]
            colours = [option_style(i)[0] for i in range(len(shown))]
        else:
            shown = list(question.options)
            labels = [html.escape(tr(o.text, lang)) for o in shown]  # a trainer's set: text, not markup
            colours = [RIGHT if o.id in question.answer else OTHER for o in shown]
        counts = [chosen.get(o.id, 0) for o in shown]
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
    if big:  # read from the back of a room
        fig.update_traces(textfont={"size": 34}, textposition="outside", cliponaxis=False)
        fig.update_layout(
            font={"size": 26},
            height=80 + 75 * len(labels),
            bargap=0.2,
            xaxis={"title": "", "showticklabels": False, "showgrid": False},
            yaxis={"tickfont": {"size": 26}, "automargin": True, "ticksuffix": "  "},
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


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
