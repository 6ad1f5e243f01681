"""The cohort dashboard's tables with translated headers: shown on the page and exported as they are.

Shares and scores are percentages rounded to one decimal; facility and discrimination stay
indices (0..1 and -1..1) with two decimals, as quiz statistics reports print them.
"""

from __future__ import annotations

import pandas as pd

from academy.content.loader import Course
from academy.core.i18n import t, tr
from academy.core.spreadsheets import to_excel
from academy.dashboard.charts import band_labels
from academy.dashboard.queries import FINAL, CohortDashboard


def _pct(series: pd.Series) -> pd.Series:
    return (series.astype(float) * 100).round(1)


def _names(dash: CohortDashboard) -> dict[int, str]:
    return dict(zip(dash.roster["user_id"], dash.roster["label"], strict=True))


def quiz_order(course: Course) -> list[str]:
    """Quiz keys in course order, the final exam last."""
    return [m.id for m in course.modules if course.questions(m.id)] + [FINAL]


def index_text(value: float) -> str:
    """A facility or discrimination index with two decimals; a dash where it is blank (too few answers)."""
    return "–" if pd.isna(value) else f"{round(value, 2) + 0.0:.2f}"  # + 0.0: no "-0.00"


def quiz_title(course: Course, quiz: str, lang: str) -> str:
    return t("quiz_final", lang) if quiz == FINAL else tr(course.module(quiz).title, lang)


def completion_table(dash: CohortDashboard, course: Course, lang: str) -> pd.DataFrame:
    """One row per trainee: the share of each module done and how many modules are complete."""
    titles = {m.id: f"{i}. {tr(m.title, lang)}" for i, m in enumerate(course.modules, start=1)}
    wide = dash.completion.pivot(index="user_id", columns="module_id", values="completion")
    wide = _pct(wide.reindex(index=dash.roster["user_id"], columns=list(titles))).rename(columns=titles)
    complete = dash.completion.groupby("user_id")["complete"].sum().reindex(dash.roster["user_id"], fill_value=0)
    head = pd.DataFrame(
        {
            t("dash_col_trainee", lang): dash.roster["label"].to_numpy(),
            t("username", lang): dash.roster["username"].to_numpy(),
            t("dash_col_modules_complete", lang): complete.to_numpy(),
        }
    )
    return pd.concat([head, wide.reset_index(drop=True)], axis=1)


def quiz_table(dash: CohortDashboard, course: Course, lang: str) -> pd.DataFrame:
    order = {q: i for i, q in enumerate(quiz_order(course))}
    rows = dash.quizzes[dash.quizzes["quiz"].isin(list(order))].sort_values("quiz", key=lambda s: s.map(order))
    return pd.DataFrame(
        {
            t("dash_col_quiz", lang): [quiz_title(course, q, lang) for q in rows["quiz"]],
            t("dash_col_attempts", lang): rows["attempts"].to_numpy(),
            t("dash_col_trainees", lang): rows["trainees"].to_numpy(),
            t("dash_col_mean", lang): _pct(rows["mean_score"]).to_numpy(),
            t("dash_col_pass_rate", lang): _pct(rows["pass_rate"]).to_numpy(),
        }
    )


def bands_table(dash: CohortDashboard, course: Course, lang: str) -> pd.DataFrame:
    labels = band_labels()
    order = {q: i for i, q in enumerate(quiz_order(course))}
    known = dash.bands[dash.bands["quiz"].isin(list(order))]
    rows = known.assign(position=known["quiz"].map(order)).sort_values(["position", "band"])
    return pd.DataFrame(
        {
            t("dash_col_quiz", lang): [quiz_title(course, q, lang) for q in rows["quiz"]],
            t("dash_axis_band", lang): [labels[b] for b in rows["band"]],
            t("dash_col_attempts", lang): rows["attempts"].to_numpy(),
        }
    )


def items_table(dash: CohortDashboard, course: Course, lang: str) -> pd.DataFrame:
    """Every answered question, weakest (lowest facility) first."""
    items = dash.items

    def section_title(qid: str) -> str:
        question = course.question(qid)
        module = course.module_of(qid)
        return next(tr(s.title, lang) for s in module.sections if s.id == question.section)

    return pd.DataFrame(
        {
            t("dash_col_rank", lang): range(1, len(items) + 1),
            t("dash_col_question", lang): [tr(course.question(q).prompt, lang) for q in items["question_id"]],
            t("dash_col_module", lang): [tr(course.module(m).title, lang) for m in items["module_id"]],
            t("dash_col_section", lang): [section_title(q) for q in items["question_id"]],
            t("dash_col_answers", lang): items["answers"].to_numpy(),
            t("dash_col_facility", lang): items["facility"].round(2).to_numpy(),
            t("dash_col_discrimination", lang): (items["discrimination"].round(2) + 0.0).to_numpy(),
            t("dash_col_question_id", lang): items["question_id"].to_numpy(),
        }
    )


def progress_table(dash: CohortDashboard, lang: str) -> pd.DataFrame:
    names = _names(dash)
    rows = dash.progress
    return pd.DataFrame(
        {
            t("dash_col_trainee", lang): [names.get(u, "") for u in rows["user_id"]],
            t("dash_axis_week", lang): rows["week"].to_numpy(),
            t("dash_col_sections_read", lang): rows["sections"].to_numpy(),
            t("dash_axis_course_read", lang): _pct(rows["course_read"]).to_numpy(),
            t("dash_col_attempts", lang): rows["attempts"].to_numpy(),
            t("dash_col_mean", lang): _pct(rows["mean_score"]).to_numpy(),
        }
    )


def checklist_table(dash: CohortDashboard, course: Course, lang: str) -> pd.DataFrame:
    """One row per trainee who shares the checklist: target, overall and group rates, counts."""
    names = _names(dash)
    target = dict(zip(dash.roster["user_id"], dash.roster["target"], strict=True))
    rows = dash.checklist
    overall = rows["overall"].astype(float)
    targets = rows["user_id"].map(target).astype(float)
    at_target = [
        "" if pd.isna(o) else t("dash_yes" if o >= g else "dash_no", lang)
        for o, g in zip(overall, targets, strict=True)
    ]
    frame = pd.DataFrame(
        {
            t("dash_col_trainee", lang): [names[u] for u in rows["user_id"]],
            t("dash_col_target", lang): _pct(targets).to_numpy(),
            t("ck_overall", lang): _pct(overall).to_numpy(),
            t("dash_col_at_target", lang): at_target,
            t("dash_col_came_up", lang): rows["executed"].to_numpy(),
            t("dash_col_done", lang): rows["fulfilled"].to_numpy(),
        }
    )
    for group in course.checklist.groups:
        frame[tr(group.title, lang)] = _pct(rows[group.id]).to_numpy()
    return frame


SHEETS = ("completion", "quizzes", "bands", "items", "progress", "checklist")  # titles: dash_sheet_<key>


def export_sheets(dash: CohortDashboard, course: Course, lang: str) -> dict[str, pd.DataFrame]:
    """Every table of the dashboard by SHEETS key."""
    return {
        "completion": completion_table(dash, course, lang),
        "quizzes": quiz_table(dash, course, lang),
        "bands": bands_table(dash, course, lang),
        "items": items_table(dash, course, lang),
        "progress": progress_table(dash, lang),
        "checklist": checklist_table(dash, course, lang),
    }


def workbook(sheets: dict[str, pd.DataFrame], lang: str) -> bytes:
    """The Excel file of `export_sheets`, one translated sheet per table."""
    return to_excel({t(f"dash_sheet_{key}", lang): frame for key, frame in sheets.items()})
