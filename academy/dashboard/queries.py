"""The cohort dashboard's data: every query is scoped to one cohort the viewer may manage and aggregated in SQL.

Scoping. The entry points (`load`, `roster`, `item_analysis`) first call `cohorts.cohort_for`,
which refuses a cohort of another trainer (administrators see all) and everyone who is not
staff; the aggregates they then run read only rows of the cohort's members. Checklist counts
are read only for members who chose to share them.

Cost. A fixed number of grouped queries per dashboard whatever the size of the cohort (no query
per trainee): a cohort of 500 trainees with thirty attempts each returns a few thousand rows.

Item analysis (as in quiz statistics reports), over the answers given in finished attempts of
the cohort's members, to module quizzes and the final exam alike:

- facility index F = the mean score on the question, 0..1 (1 = everyone got it right; a
  multiple-choice or matching question can earn partial credit);
- discrimination index D (Kelley's upper-lower index) = F among the top third of those answers'
  attempts, ranked by attempt score, minus F among the bottom third. Each third holds
  floor(n / 3) answers; ties in attempt score are split by attempt id so the result is stable.
  D runs from -1 to 1: high when stronger trainees get the question right and weaker ones do
  not; near 0 or negative flags a question that does not tell them apart (or is misleading).
  It is reported only for questions with at least MIN_ANSWERS_FOR_D answers, else left blank.

The weakest questions are those with the lowest facility.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, func, or_
from sqlmodel import Session, col, select

from academy.checklist import rates
from academy.checklist.log import week_start
from academy.classroom.cohorts import cohort_for, members
from academy.content.loader import Course
from academy.core.models import ChecklistEntry, Cohort, CohortMember, QuizAnswer, QuizAttempt, SectionRead, User
from academy.learning.progress import ModuleProgress

FINAL = "final"  # the quiz key of the final exam (its attempts have no module)
MIN_ANSWERS_FOR_D = 6
BANDS = 10  # score distributions in bands of 10 percentage points
EPS = 1e-9  # scores are sums of fractions: 0.7999999 counts as 80%, as the pass check does

ROSTER_COLUMNS = ["user_id", "name", "username", "share_checklist", "target", "label"]
COMPLETION_COLUMNS = [
    "user_id",
    "module_id",
    "sections_read",
    "sections_total",
    "quiz_passed",
    "complete",
    "completion",
]
QUIZ_COLUMNS = ["quiz", "attempts", "trainees", "mean_score", "pass_rate"]
BAND_COLUMNS = ["quiz", "band", "attempts"]
ITEM_COLUMNS = ["question_id", "answers", "facility", "upper", "lower"]
PROGRESS_COLUMNS = ["user_id", "week", "sections", "course_read", "attempts", "mean_score"]
CHECKLIST_COLUMNS = ["user_id", "item_id", "executed", "fulfilled"]


def _members(cohort_id: int):
    return select(CohortMember.user_id).where(CohortMember.cohort_id == cohort_id)


def _course_sections(course: Course) -> ColumnElement[bool]:
    """Only sections still in the course count (ids removed from the content are ignored)."""
    return or_(
        *(
            and_(SectionRead.module_id == m.id, col(SectionRead.section_id).in_([s.id for s in m.sections]))
            for m in course.modules
        )
    )


def _finished_of(cohort_id: int) -> ColumnElement[bool]:
    return and_(col(QuizAttempt.user_id).in_(_members(cohort_id)), col(QuizAttempt.finished_at).is_not(None))


def _frame(rows: Iterable, columns: list[str]) -> pd.DataFrame:
    # plain tuples: pandas inspects SQLAlchemy Row objects one by one, which costs more than the query
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=columns)


def _as_int(condition: ColumnElement[bool]) -> ColumnElement[int]:
    # portable boolean aggregates: PostgreSQL has no max()/avg() of booleans
    return case((condition, 1), else_=0)


# --- pure helpers -----------------------------------------------------------------------------


def trainee_labels(names: Iterable[str], usernames: Iterable[str]) -> list[str]:
    """Display names, with the username added where two trainees share a name (charts need unique labels)."""
    names, usernames = list(names), list(usernames)
    clash = {n for n, k in Counter(names).items() if k > 1}
    return [f"{n} ({u})" if n in clash else n for n, u in zip(names, usernames, strict=True)]


def completion_share(p: ModuleProgress) -> float:
    """The share of a module done: each section read is a step and so is passing its quiz; 1.0 = complete."""
    return p.fraction  # the learner's own pages show the same figure


def completion_grid(
    course: Course,
    user_ids: Iterable[int],
    read: Mapping[tuple[int, str], int],
    passed: Mapping[tuple[int, str], bool],
) -> pd.DataFrame:
    """One row per trainee and module from (user, module) -> sections read and -> quiz passed."""
    has_quiz = {m.id: bool(course.questions(m.id)) for m in course.modules}
    rows = []
    for uid in user_ids:
        for m in course.modules:
            p = ModuleProgress(
                module_id=m.id,
                sections_read=read.get((uid, m.id), 0),
                sections_total=len(m.sections),
                quiz_passed=passed.get((uid, m.id), False) if has_quiz[m.id] else None,
            )
            rows.append((uid, m.id, p.sections_read, p.sections_total, p.quiz_passed, p.complete, completion_share(p)))
    return pd.DataFrame(rows, columns=COMPLETION_COLUMNS)


def finish_items(raw: pd.DataFrame, course: Course) -> pd.DataFrame:
    """Item statistics from the grouped query: discrimination where there are enough answers, weakest first.

    `raw` has question_id, answers, facility (mean score), upper and lower (mean score in the top
    and bottom third). Questions no longer in the course are dropped.
    """
    known = {q.id for q in course.questions()}
    items = raw[raw["question_id"].isin(known)].copy()
    enough = items["answers"] >= MIN_ANSWERS_FOR_D
    items["discrimination"] = (items["upper"] - items["lower"]).where(enough)
    items["module_id"] = [course.module_of(q).id for q in items["question_id"]]
    items["section_id"] = [course.question(q).section for q in items["question_id"]]
    ordered = items.sort_values(["facility", "answers", "question_id"], ascending=[True, False, True], kind="stable")
    return ordered.reset_index(drop=True)


def progress_weeks(course: Course, reads: pd.DataFrame, quizzes: pd.DataFrame) -> pd.DataFrame:
    """Per trainee and week: sections read that week, share of the course read so far, quiz attempts, mean score."""
    frame = reads.merge(quizzes, on=["user_id", "week"], how="outer").sort_values(["user_id", "week"])
    frame["sections"] = frame["sections"].fillna(0).astype("int64")
    frame["attempts"] = frame["attempts"].fillna(0).astype("int64")
    total = sum(len(m.sections) for m in course.modules)
    frame["course_read"] = frame.groupby("user_id")["sections"].cumsum() / total
    return frame[PROGRESS_COLUMNS].reset_index(drop=True)


def cohort_average(progress: pd.DataFrame, user_ids: Iterable[int]) -> pd.DataFrame:
    """week, course_read: the mean over every trainee (those who have not started count as 0) week by week."""
    ids = list(user_ids)
    if progress.empty or not ids:
        return pd.DataFrame({"week": [], "course_read": []})
    grid = progress.pivot_table(index="week", columns="user_id", values="course_read", aggfunc="last")
    grid = grid.reindex(columns=ids).sort_index().ffill().fillna(0.0)
    return grid.mean(axis=1).rename("course_read").reset_index()


def adherence(raw: pd.DataFrame, sharing: Iterable[int], course: Course) -> pd.DataFrame:
    """Per sharing trainee: pooled rate per behaviour group and overall (None where nothing came up), and counts.

    Rates are pooled as on the learner's own checklist page (`academy.checklist.rates`).
    """
    groups = {g.id: [i.id for i in g.items] for g in course.checklist.groups}
    totals_of: dict[int, dict[str, tuple[int, int]]] = {}
    for r in raw.itertuples():
        totals_of.setdefault(r.user_id, {})[r.item_id] = (int(r.executed), int(r.fulfilled))
    rows = []
    for uid in sharing:
        totals = totals_of.get(uid, {})
        rows.append(
            {
                "user_id": uid,
                "executed": sum(e for e, _ in totals.values()),
                "fulfilled": sum(f for _, f in totals.values()),
                "overall": rates.pooled(totals),
                **rates.group_rates(totals, groups),
            }
        )
    return pd.DataFrame(rows, columns=["user_id", "executed", "fulfilled", "overall", *groups])


# --- queries -------------------------------------------------------------------------------------
#
# `roster` and `load` are the entry points and check the viewer through cohort_for. The aggregates
# below them take a cohort id only: they are called by `figures` after that check.


def roster(session: Session, *, viewer: User, cohort_id: int) -> pd.DataFrame:
    people = members(session, viewer=viewer, cohort_id=cohort_id)
    frame = pd.DataFrame(
        [(u.id, u.display_name, u.username, u.share_checklist, u.checklist_target) for u in people],
        columns=ROSTER_COLUMNS[:-1],
    )
    frame["label"] = trainee_labels(frame["name"], frame["username"])
    return frame


def _member_ids(session: Session, cohort_id: int) -> list[int]:
    return list(session.exec(_members(cohort_id).order_by(CohortMember.user_id)))


def _completion(session: Session, *, cohort_id: int, course: Course) -> pd.DataFrame:
    """Sections read and quizzes passed per trainee and module (two grouped queries)."""
    read_rows = session.exec(
        select(SectionRead.user_id, SectionRead.module_id, func.count())
        .where(col(SectionRead.user_id).in_(_members(cohort_id)), _course_sections(course))
        .group_by(SectionRead.user_id, SectionRead.module_id)
    )
    passed_rows = session.exec(
        select(QuizAttempt.user_id, QuizAttempt.module_id, func.max(_as_int(col(QuizAttempt.passed).is_(True))))
        .where(_finished_of(cohort_id), col(QuizAttempt.module_id).is_not(None))
        .group_by(QuizAttempt.user_id, QuizAttempt.module_id)
    )
    read = {(uid, mid): int(n) for uid, mid, n in read_rows}
    passed = {(uid, mid): bool(p) for uid, mid, p in passed_rows}
    return completion_grid(course, _member_ids(session, cohort_id), read, passed)


def _quiz_key(frame: pd.DataFrame) -> pd.DataFrame:
    frame["quiz"] = frame["quiz"].fillna(FINAL)
    return frame


def _quiz_summary(session: Session, *, cohort_id: int) -> pd.DataFrame:
    """Per quiz (module id, or FINAL): finished attempts, trainees who sat it, mean score and pass rate."""
    rows = session.exec(
        select(
            QuizAttempt.module_id,
            func.count(),
            func.count(func.distinct(QuizAttempt.user_id)),
            func.avg(QuizAttempt.score),
            func.avg(_as_int(col(QuizAttempt.passed).is_(True))),
        )
        .where(_finished_of(cohort_id))
        .group_by(QuizAttempt.module_id)
    )
    frame = _frame(rows, QUIZ_COLUMNS)
    return _quiz_key(frame.astype({"mean_score": "float64", "pass_rate": "float64"}))


def _score_bands(session: Session, *, cohort_id: int) -> pd.DataFrame:
    """The score distribution per quiz: finished attempts per band of 10 points (band 9 = 90-100%)."""
    score = col(QuizAttempt.score)
    band = case(*((score >= b / BANDS - EPS, b) for b in range(BANDS - 1, 0, -1)), else_=0).label("band")
    rows = session.exec(
        select(QuizAttempt.module_id, band, func.count())
        .where(_finished_of(cohort_id))
        .group_by(QuizAttempt.module_id, band)
    )
    return _quiz_key(_frame(rows, BAND_COLUMNS))


def _item_stats(session: Session, *, cohort_id: int) -> pd.DataFrame:
    """ITEM_COLUMNS for every question answered in the cohort's finished attempts.

    One query: a window ranks each question's answers by their attempt's score, the outer query
    averages the item scores overall, in the top third and in the bottom third.
    """
    ranked = (
        select(
            QuizAnswer.question_id,
            QuizAnswer.score,
            func.row_number()
            .over(partition_by=QuizAnswer.question_id, order_by=(QuizAttempt.score, QuizAttempt.id))
            .label("rank"),
            func.count().over(partition_by=QuizAnswer.question_id).label("n"),
        )
        .join(QuizAttempt, col(QuizAttempt.id) == QuizAnswer.attempt_id)
        .where(_finished_of(cohort_id))
        .subquery()
    )
    third = ranked.c.n // 3  # integer division on both backends
    rows = session.exec(
        select(
            ranked.c.question_id,
            func.count(),
            func.avg(ranked.c.score),
            func.avg(case((ranked.c.rank > ranked.c.n - third, ranked.c.score))),
            func.avg(case((ranked.c.rank <= third, ranked.c.score))),
        ).group_by(ranked.c.question_id)
    )
    return _frame(rows, ITEM_COLUMNS).astype({"facility": "float64", "upper": "float64", "lower": "float64"})


def item_analysis(session: Session, *, viewer: User, cohort_id: int, course: Course) -> pd.DataFrame:
    """Facility and discrimination of every question answered in the cohort's finished attempts, weakest first."""
    cohort_for(session, viewer=viewer, cohort_id=cohort_id)
    return finish_items(_item_stats(session, cohort_id=cohort_id), course)


def _progress(session: Session, *, cohort_id: int, course: Course) -> pd.DataFrame:
    """Each trainee's progress week by week: sections read (by ISO week) and finished quiz attempts."""
    read_week = week_start(SectionRead.read_at)
    reads = session.exec(
        select(SectionRead.user_id, read_week.label("week"), func.count())
        .where(col(SectionRead.user_id).in_(_members(cohort_id)), _course_sections(course))
        .group_by(SectionRead.user_id, read_week)
    )
    quiz_week = week_start(QuizAttempt.finished_at)
    quizzes = session.exec(
        select(QuizAttempt.user_id, quiz_week.label("week"), func.count(), func.avg(QuizAttempt.score))
        .where(_finished_of(cohort_id))
        .group_by(QuizAttempt.user_id, quiz_week)
    )
    return progress_weeks(
        course,
        _frame(reads, ["user_id", "week", "sections"]),
        _frame(quizzes, ["user_id", "week", "attempts", "mean_score"]).astype({"mean_score": "float64"}),
    )


def checklist_counts(session: Session, *, cohort_id: int, user_ids: Iterable[int], since: date | None) -> pd.DataFrame:
    """user_id, item_id, executed, fulfilled summed per behaviour for these members (callers pass those who share).

    Unscoped like `figures`: `load` passes the roster's sharing members after checking the viewer.
    """
    query = (
        select(
            ChecklistEntry.user_id,
            ChecklistEntry.item_id,
            func.sum(ChecklistEntry.executed),
            func.sum(ChecklistEntry.fulfilled),
        )
        .where(col(ChecklistEntry.user_id).in_(_members(cohort_id)), col(ChecklistEntry.user_id).in_(list(user_ids)))
        .group_by(ChecklistEntry.user_id, ChecklistEntry.item_id)
    )
    if since is not None:
        query = query.where(ChecklistEntry.period_start >= rates.monday(since))
    frame = _frame(session.exec(query), CHECKLIST_COLUMNS)
    return frame.astype({"executed": "int64", "fulfilled": "int64"})


@dataclass(frozen=True)
class Figures:
    """The dashboard's aggregates of learning (progress and quizzes), before they meet the roster."""

    completion: pd.DataFrame  # COMPLETION_COLUMNS, member x module
    quizzes: pd.DataFrame  # QUIZ_COLUMNS
    bands: pd.DataFrame  # BAND_COLUMNS
    items: pd.DataFrame  # finish_items(): weakest first
    progress: pd.DataFrame  # PROGRESS_COLUMNS


def figures(session: Session, *, cohort_id: int, course: Course) -> Figures:
    """The cohort's learning aggregates, a fixed number of grouped queries. Callers check the viewer first."""
    return Figures(
        completion=_completion(session, cohort_id=cohort_id, course=course),
        quizzes=_quiz_summary(session, cohort_id=cohort_id),
        bands=_score_bands(session, cohort_id=cohort_id),
        items=finish_items(_item_stats(session, cohort_id=cohort_id), course),
        progress=_progress(session, cohort_id=cohort_id, course=course),
    )


def data_version(session: Session, *, cohort_id: int) -> tuple[str, ...]:
    """Changes whenever anything `figures` reads changes, so a page can reuse them until then.

    What `figures` reads only grows, except by deletion: a member joins (newest joined_at) or
    leaves (fewer members); an attempt is finished (answers are only added to unfinished ones)
    or deleted with its account; a section is marked read (newest read_at) or unread (fewer
    reads). So per table a count and the newest time tell every change, in a few indexed
    aggregates far cheaper than the scan over every answer they spare.
    (Shared checklists have their own version, `academy.checklist.log.log_version`.)
    """
    parts = [
        select(func.count(), func.max(CohortMember.joined_at)).where(CohortMember.cohort_id == cohort_id),
        select(func.count(), func.max(QuizAttempt.finished_at), func.sum(QuizAttempt.id)).where(
            _finished_of(cohort_id)
        ),
        select(func.count(), func.max(SectionRead.read_at)).where(col(SectionRead.user_id).in_(_members(cohort_id))),
    ]
    return tuple(str(value) for query in parts for value in session.exec(query).one())


FiguresOf = Callable[[Session, int, Course], Figures]  # -> figures(), perhaps cached
CountsOf = Callable[[Session, int, tuple[int, ...], date | None], pd.DataFrame]  # -> checklist_counts(), perhaps cached


def _figures(session: Session, cohort_id: int, course: Course) -> Figures:
    return figures(session, cohort_id=cohort_id, course=course)


def _counts(session: Session, cohort_id: int, user_ids: tuple[int, ...], since: date | None) -> pd.DataFrame:
    return checklist_counts(session, cohort_id=cohort_id, user_ids=user_ids, since=since)


@dataclass(frozen=True)
class CohortDashboard:
    cohort: Cohort
    roster: pd.DataFrame  # ROSTER_COLUMNS, by display name
    completion: pd.DataFrame  # COMPLETION_COLUMNS, trainee x module
    quizzes: pd.DataFrame  # QUIZ_COLUMNS
    bands: pd.DataFrame  # BAND_COLUMNS
    items: pd.DataFrame  # question_id, answers, facility, upper, lower, discrimination, module_id, section_id
    progress: pd.DataFrame  # PROGRESS_COLUMNS
    checklist: pd.DataFrame  # adherence(): one row per sharing trainee

    @property
    def attempts(self) -> int:
        return int(self.quizzes["attempts"].sum())

    @property
    def mean_score(self) -> float | None:
        if not self.attempts:
            return None
        return float((self.quizzes["mean_score"] * self.quizzes["attempts"]).sum() / self.attempts)

    @property
    def completed_share(self) -> float:
        """Share of (trainee, module) cells that are complete."""
        return float(self.completion["complete"].mean()) if len(self.completion) else 0.0


def load(
    session: Session,
    *,
    viewer: User,
    cohort_id: int,
    course: Course,
    since: date | None = None,
    figures_of: FiguresOf = _figures,
    counts_of: CountsOf = _counts,
) -> CohortDashboard:
    """Everything the dashboard shows for one cohort; `since` limits the checklist counts to recent weeks.

    `figures_of` and `counts_of` supply the aggregates and the shared checklists (the page passes
    cached ones keyed by `data_version` and `checklist.log_version`); by default they are
    computed here. The viewer is checked first either way.
    """
    cohort = cohort_for(session, viewer=viewer, cohort_id=cohort_id)
    people = roster(session, viewer=viewer, cohort_id=cohort_id)
    found = figures_of(session, cohort_id, course)
    sharing = people.loc[people["share_checklist"], "user_id"].tolist()  # in the roster's order
    counts = counts_of(session, cohort_id, tuple(sorted(sharing)), since)
    return CohortDashboard(
        cohort=cohort,
        roster=people,
        completion=found.completion,
        quizzes=found.quizzes,
        bands=found.bands,
        items=found.items,
        progress=found.progress,
        checklist=adherence(counts, sharing, course),
    )
