"""The look shared by every plotly figure: one colour palette and one title/margin layout."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go

PALETTE = px.colors.qualitative.Safe  # colour-blind safe


def titled(fig: go.Figure, title: str) -> go.Figure:
    """Give a figure its title and the app's common margins."""
    fig.update_layout(title=title, margin={"l": 10, "r": 10, "t": 50, "b": 10}, legend_title_text="")
    return fig
