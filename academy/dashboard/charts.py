"""Cohort dashboard charts: pure functions of the frames of `academy.dashboard.queries`, the course and `lang`.

Trainee names are user text: they are HTML-escaped before they reach plotly, which would
otherwise read tags such as <a> or <b> in labels and hover texts.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from academy.checklist.charts import HEAT_SCALE
from academy.content.loader import Course
from academy.core.figures import PALETTE, date_axis, titled
from academy.core.i18n import t, tr
from academy.dashboard.queries import BANDS

PCT_AXIS = {"range": [0, 1.05], "tickformat": ".0%"}
DONE_SCALE = [[0, "#f7fbff"], [0.5, "#6baed6"], [1, "#08519c"]]  # not started (white) -> complete (dark blue)


def _short(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def module_labels(course: Course, lang: str) -> dict[str, str]:
    """module id -> "3. Title" (numbered in the recommended order, shortened for an axis)."""
    return {m.id: f"{i}. {_short(tr(m.title, lang))}" for i, m in enumerate(course.modules, start=1)}


def band_labels() -> list[str]:
    """ "0–9%" ... "90–100%": the score bands of `academy.dashboard.queries.score_bands`."""
    step = 100 // BANDS
    return [f"{b * step}–{b * step + step - 1}%" for b in range(BANDS - 1)] + [f"{100 - step}–100%"]


def _names(roster: pd.DataFrame) -> dict[int, str]:
    return {uid: html.escape(label) for uid, label in zip(roster["user_id"], roster["label"], strict=True)}


_QUIZ_STATE = {None: "dash_quiz_none", True: "dash_quiz_yes", False: "dash_quiz_no"}


def _height(rows: int) -> int:
    return min(4000, max(320, 22 * rows + 160))


def _share_grid(z, x: list[str], y: list[str], colours, scale_title: str, hover=None) -> go.Figure:
    """A trainee-per-row grid of shares 0..1 (blank cells stay blank), first trainee at the top."""
    extra = "" if hover is None else " · %{customdata}"
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            customdata=hover,
            colorscale=colours,
            zmin=0,
            zmax=1,
            xgap=1,
            ygap=1,
            hovertemplate="%{y} · %{x}<br>%{z:.0%}" + extra + "<extra></extra>",
            colorbar={"tickformat": ".0%", "title": {"text": scale_title}},
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top", automargin=True)  # a tall grid: column names stay in view
    fig.update_layout(height=_height(len(y)))
    return fig


def completion_heatmap(completion: pd.DataFrame, roster: pd.DataFrame, course: Course, lang: str) -> go.Figure:
    """Trainee x module, coloured by the share of the module done (sections read, then its quiz passed)."""
    modules = module_labels(course, lang)
    names = _names(roster)
    grid = completion.pivot(index="user_id", columns="module_id", values="completion")
    grid = grid.reindex(index=list(names), columns=list(modules))
    hover = completion.assign(
        text=[
            f"{t('dash_hover_sections', lang, read=r.sections_read, total=r.sections_total)} · "
            f"{t(_QUIZ_STATE[r.quiz_passed], lang)}"
            for r in completion.itertuples()
        ]
    ).pivot(index="user_id", columns="module_id", values="text")
    hover = hover.reindex(index=list(names), columns=list(modules))
    fig = _share_grid(
        grid.to_numpy(dtype=float),
        list(modules.values()),
        list(names.values()),
        DONE_SCALE,
        t("dash_axis_completion", lang),
        hover=hover.to_numpy(dtype=object),
    )
    fig.update_yaxes(title=t("dash_axis_trainee", lang))
    fig.update_xaxes(tickangle=-30)
    return titled(fig, t("dash_chart_completion", lang))


def score_distribution(bands: pd.DataFrame, lang: str, *, pass_mark: float, title: str) -> go.Figure:
    """Finished attempts per score band (all the quizzes in `bands` together), with the pass mark."""
    labels = band_labels()
    counts = bands.groupby("band")["attempts"].sum().reindex(range(BANDS), fill_value=0)
    frame = pd.DataFrame({"band": labels, "attempts": counts.to_numpy()})
    fig = px.bar(frame, x="band", y="attempts", text="attempts", color_discrete_sequence=[PALETTE[0]])
    fig.update_traces(hovertemplate="%{x}: %{y}<extra></extra>")
    # the bands are categories 0..9 on the axis: the pass mark falls between two of them
    fig.add_vline(
        x=pass_mark * BANDS - 0.5,
        line_dash="dash",
        line_color="grey",
        annotation_text=t("chart_pass_mark", lang),
        annotation_position="top left",
    )
    fig.update_xaxes(title=t("dash_axis_band", lang), type="category")
    fig.update_yaxes(title=t("dash_axis_attempts", lang))
    return titled(fig, title)


def weakest_chart(items: pd.DataFrame, course: Course, lang: str, *, n: int = 10) -> go.Figure:
    """The n questions with the lowest facility index, as bars 0..100%."""
    worst = items.head(n)
    prompts = [tr(course.question(q).prompt, lang) for q in worst["question_id"]]
    fig = go.Figure(
        go.Bar(
            x=worst["facility"],
            y=[f"{i}. {_short(p, 40)}" for i, p in enumerate(prompts, start=1)],
            orientation="h",
            marker_color=PALETTE[1],
            text=[f"{f:.0%}" for f in worst["facility"]],
            customdata=prompts,
            hovertemplate="%{customdata}<br>%{x:.0%}<extra></extra>",
        )
    )
    fig.update_xaxes(title=t("dash_col_facility", lang), **PCT_AXIS)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=_height(len(worst)))
    return titled(fig, t("dash_chart_weakest", lang, n=len(worst)))


def item_scatter(items: pd.DataFrame, course: Course, lang: str) -> go.Figure:
    """Facility against discrimination for every question with enough answers: bottom left needs a look."""
    rated = items.dropna(subset=["discrimination"])
    frame = pd.DataFrame(
        {
            "facility": rated["facility"],
            "discrimination": rated["discrimination"],
            "question": [_short(tr(course.question(q).prompt, lang), 80) for q in rated["question_id"]],
            "answers": rated["answers"],
        }
    )
    fig = px.scatter(
        frame, x="facility", y="discrimination", hover_name="question", color_discrete_sequence=[PALETTE[2]]
    )
    fig.update_traces(
        customdata=frame[["answers"]].to_numpy(),
        hovertemplate="%{hovertext}<br>F %{x:.2f} · D %{y:.2f} · n %{customdata[0]}<extra></extra>",
    )
    fig.add_hline(y=0, line_color="grey", line_width=1)
    fig.update_xaxes(title=t("dash_col_facility", lang), range=[-0.02, 1.02])
    fig.update_yaxes(title=t("dash_col_discrimination", lang), range=[-1.05, 1.05])
    return titled(fig, t("dash_chart_items", lang))


def progress_chart(
    progress: pd.DataFrame, average: pd.DataFrame, roster: pd.DataFrame, lang: str, *, user_ids: Sequence[int]
) -> go.Figure:
    """The share of the course read over time for the chosen trainees, with the cohort average dashed."""
    names = _names(roster)
    fig = go.Figure()
    for i, uid in enumerate(user_ids):
        mine = progress[progress["user_id"] == uid]
        fig.add_trace(
            go.Scatter(
                x=mine["week"],
                y=mine["course_read"],
                mode="lines+markers",
                line_shape="hv",  # the share stays put until the next week with reading
                name=names[uid],
                marker_color=PALETTE[i % len(PALETTE)],
                hovertemplate="%{fullData.name}<br>%{x|%Y-%m-%d}: %{y:.0%}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=average["week"],
            y=average["course_read"],
            mode="lines",
            line={"dash": "dash", "color": "black"},
            line_shape="hv",
            name=t("dash_cohort_average", lang),
            hovertemplate="%{fullData.name}<br>%{x|%Y-%m-%d}: %{y:.0%}<extra></extra>",
        )
    )
    date_axis(fig, average["week"], week=True)
    fig.update_xaxes(title=t("dash_axis_week", lang))
    fig.update_yaxes(title=t("dash_axis_course_read", lang), **PCT_AXIS)
    return titled(fig, t("dash_chart_progress", lang))


def scores_over_time(
    progress: pd.DataFrame, roster: pd.DataFrame, lang: str, *, user_ids: Sequence[int], pass_mark: float
) -> go.Figure:
    """Each chosen trainee's mean quiz score per week in which they finished an attempt."""
    names = _names(roster)
    fig = go.Figure()
    for i, uid in enumerate(user_ids):
        mine = progress[(progress["user_id"] == uid) & (progress["attempts"] > 0)]
        fig.add_trace(
            go.Scatter(
                x=mine["week"],
                y=mine["mean_score"],
                mode="lines+markers",
                name=names[uid],
                marker_color=PALETTE[i % len(PALETTE)],
                customdata=mine[["attempts"]].to_numpy(),
                hovertemplate="%{fullData.name}<br>%{x|%Y-%m-%d}: %{y:.0%} (n %{customdata[0]})<extra></extra>",
            )
        )
    fig.add_hline(y=pass_mark, line_dash="dash", line_color="grey", annotation_text=t("chart_pass_mark", lang))
    fig.update_xaxes(title=t("dash_axis_week", lang))
    fig.update_yaxes(title=t("dash_axis_mean_score", lang), **PCT_AXIS)
    return titled(fig, t("dash_chart_scores_time", lang))


def checklist_heatmap(adherence: pd.DataFrame, roster: pd.DataFrame, course: Course, lang: str) -> go.Figure:
    """Sharing trainee x behaviour group (and overall), coloured by the pooled rate; blank where nothing came up."""
    names = _names(roster)
    columns = {g.id: _short(tr(g.title, lang)) for g in course.checklist.groups} | {"overall": t("ck_overall", lang)}
    grid = adherence.set_index("user_id").reindex(columns=list(columns)).astype(float)
    fig = _share_grid(
        grid.to_numpy(), list(columns.values()), [names[uid] for uid in grid.index], HEAT_SCALE, t("ck_axis_rate", lang)
    )
    return titled(fig, t("dash_chart_checklist", lang))
