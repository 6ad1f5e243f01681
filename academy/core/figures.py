"""The look shared by every plotly figure: one colour palette and one title/margin layout."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

PALETTE = px.colors.qualitative.Safe  # colour-blind safe


def titled(fig: go.Figure, title: str) -> go.Figure:
    """Give a figure its title and the app's common margins."""
    fig.update_layout(title=title, margin={"l": 10, "r": 10, "t": 50, "b": 10}, legend_title_text="")
    return fig


DAY_MS = 86_400_000  # plotly's date axes count in milliseconds


def date_axis(fig: go.Figure, values: Sequence[date | datetime], *, week: bool = False) -> go.Figure:
    """Dates on the x axis shown as dates (YYYY-MM-DD in every language), never as clock times.

    Plotly zooms a single point (or points within a day) into milliseconds: "23:59:59.9995".
    Such a chart gets a few days either side instead, and few points get one tick per day (or
    per week on a weekly axis, starting on its first Monday) rather than half-days.
    """
    stamps = sorted({pd.Timestamp(v) for v in values})
    fig.update_xaxes(type="date", tickformat="%Y-%m-%d", hoverformat="%Y-%m-%d")
    if not stamps:
        return fig
    span = stamps[-1] - stamps[0]
    step = pd.Timedelta(days=7 if week else 1)
    if span < pd.Timedelta(days=1):
        pad = pd.Timedelta(days=4 if week else 3)
        fig.update_xaxes(range=[stamps[0] - pad, stamps[-1] + pad])
    if span <= 12 * step:
        fig.update_xaxes(tick0=stamps[0].normalize(), dtick=step.days * DAY_MS)
    return fig
