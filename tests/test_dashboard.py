"""The cohort dashboard: scoping, SQL aggregates against hand-computed numbers, pure helpers, charts, exports, page."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import event
from sqlmodel import Session, select

from academy.accounts import users
from academy.checklist import log as checklist
from academy.checklist.rates import monday
from academy.classroom import cohorts
from academy.content.loader import Course
from academy.core.db import get_engine, session_scope
from academy.core.models import Cohort, QuizAnswer, QuizAttempt, Role, User, utcnow
from academy.core.settings import get_settings
from academy.core.spreadsheets import to_csv
from academy.dashboard import charts, tables
from academy.dashboard import queries as dashboard
from academy.learning import progress, quiz
from academy.learning.progress import ModuleProgress
from tests.test_pages import _fresh_cache, app, make_user  # noqa: F401  (fixture reused)


def person(session: Session, name: str, role: Role = Role.learner) -> User:
    user = users.register(session, username=name, display_name=name.title(), password="password-123")
    user.role = role
    session.add(user)
    session.commit()
    return user


def cohort_with(session: Session, trainer: User, *learners: User, name: str = "East") -> Cohort:
    cohort = cohorts.create_cohort(session, trainer=trainer, name=name)
    for learner in learners:
        cohorts.join_cohort(session, user=learner, code=cohort.join_code)
    session.commit()
    return cohort


def attempt(session: Session, user: User, score: float, answers: dict[str, float], *, finished: bool = True) -> None:
    """An attempt with the given overall score and per-question scores, written as the quiz service stores them."""
    row = QuizAttempt(
        user_id=user.id,
        module_id=None,
        layout=[{"q": q, "order": []} for q in answers],
        pass_mark=0.8,
        score=score if finished else None,
        passed=score >= 0.8 if finished else None,
        finished_at=utcnow() if finished else None,
    )
    session.add(row)
    session.flush()
    session.add_all(
        QuizAnswer(attempt_id=row.id, user_id=user.id, question_id=q, response=[], score=s) for q, s in answers.items()
    )
    session.commit()


def right(course: Course, qid: str) -> list:
    q = course.question(qid)
    if q.type == "matching":
        return list(range(len(q.left)))
    if q.type == "ordering":
        return [o.id for o in q.options]
    return list(q.answer)


@pytest.fixture
def people(session: Session) -> dict[str, User]:
    return {
        name: person(session, name, role)
        for name, role in [
            ("admin", Role.admin),
            ("trainer", Role.trainer),
            ("rival", Role.trainer),
            ("ann", Role.learner),
            ("bob", Role.learner),
            ("cyd", Role.learner),
        ]
    }


# --- item analysis ------------------------------------------------------------------------------


def test_item_analysis_matches_a_hand_computed_example(session: Session, people, course: Course) -> None:
    q1, q2, q3 = (q.id for q in course.questions()[:3])
    ann, bob, cy = people["ann"], people["bob"], people["cyd"]
    cohort = cohort_with(session, people["trainer"], ann, bob)
    # q1 in seven attempts, listed by attempt score: n // 3 = 2 answers in each third
    for who, total, item in [
        (ann, 0.1, 0.0),
        (bob, 0.2, 0.5),
        (ann, 0.3, 0.0),
        (bob, 0.5, 1.0),
        (ann, 0.6, 0.0),
        (bob, 0.8, 1.0),
        (ann, 0.9, 1.0),
    ]:
        extra = {q2: 1.0} if total in (0.5, 0.6, 0.8) else {}
        attempt(session, who, total, {q1: item, **extra})
    attempt(session, bob, 0.1, {q2: 0.0})
    attempt(session, bob, 0.3, {q2: 0.0})  # q2: five answers -> no discrimination index
    for total in (0.2, 0.4, 0.6, 0.7, 0.8, 1.0):
        attempt(session, ann, total, {q3: 1.0})  # q3: six answers, everyone right
    # none of these count: an unfinished attempt, someone outside the cohort
    attempt(session, ann, 0.0, {q1: 0.0}, finished=False)
    attempt(session, cy, 0.0, {q1: 0.0, q2: 0.0, q3: 0.0})

    items = dashboard.item_analysis(session, viewer=people["trainer"], cohort_id=cohort.id, course=course)

    assert list(items["question_id"]) == [q1, q2, q3]  # weakest (lowest facility) first
    by_id = items.set_index("question_id")
    # q1: F = (0 + .5 + 0 + 1 + 0 + 1 + 1) / 7 = 0.5; bottom third (0, .5) = .25, top third (1, 1) = 1 -> D = .75
    assert by_id.loc[q1, "answers"] == 7
    assert by_id.loc[q1, "facility"] == pytest.approx(0.5)
    assert by_id.loc[q1, "discrimination"] == pytest.approx(0.75)
    # q2: 1, 1, 1, 0, 0 -> F = .6; five answers is fewer than six, so D stays blank
    assert by_id.loc[q2, "facility"] == pytest.approx(0.6)
    assert pd.isna(by_id.loc[q2, "discrimination"])
    # q3: everyone right -> F = 1, D = 1 - 1 = 0
    assert (by_id.loc[q3, "facility"], by_id.loc[q3, "discrimination"]) == (pytest.approx(1.0), pytest.approx(0.0))
    assert by_id.loc[q1, "module_id"] == course.module_of(q1).id
    assert by_id.loc[q1, "section_id"] == course.question(q1).section


def test_the_data_version_changes_exactly_when_what_the_dashboard_reads_changes(
    session: Session, people, course: Course
) -> None:
    q1 = course.questions()[0].id
    module = course.modules[0]
    ann, bob = people["ann"], people["bob"]
    cohort = cohort_with(session, people["trainer"], ann, bob)
    seen = [dashboard.data_version(session, cohort_id=cohort.id)]

    def changed() -> bool:
        session.commit()
        seen.append(dashboard.data_version(session, cohort_id=cohort.id))
        return seen[-1] != seen[-2]

    attempt(session, ann, 0.5, {q1: 0.5})
    assert changed()
    attempt(session, ann, 0.2, {q1: 0.0}, finished=False)  # still in progress: not analysed yet
    attempt(session, people["cyd"], 0.9, {q1: 1.0})  # not a member
    assert not changed()
    progress.set_section_read(session, user_id=ann.id, module=module, section_id=module.sections[0].id, read=True)
    assert changed()
    progress.set_section_read(session, user_id=ann.id, module=module, section_id=module.sections[0].id, read=False)
    assert changed()
    cohorts.leave_cohort(session, user=bob, cohort_id=cohort.id)
    assert changed()
    cohorts.join_cohort(session, user=bob, code=cohort.join_code)
    assert changed()
    found = dashboard.figures(session, cohort_id=cohort.id, course=course)
    assert set(found.completion["user_id"]) == {ann.id, bob.id}
    assert found.items.set_index("question_id").loc[q1, "answers"] == 1


def test_the_log_version_changes_with_every_edit_of_these_users_only(session: Session, people, course: Course) -> None:
    # an edit rewrites the period's rows; the version must still change, even for identical counts
    ann, bob = people["ann"], people["bob"]
    item = course.checklist.groups[0].items[0].id
    seen = [checklist.log_version(session, user_ids=[ann.id])]

    this_week = monday(date.today())

    def log(who: User, fulfilled: int) -> bool:
        week = {item: {"executed": 3, "fulfilled": fulfilled}}
        checklist.save_period(session, user_id=who.id, period="week", start=this_week, rows=week, item_ids={item})
        session.commit()
        seen.append(checklist.log_version(session, user_ids=[ann.id]))
        return seen[-1] != seen[-2]

    assert log(ann, 2)
    assert log(ann, 3)
    assert log(ann, 3)  # saved again unchanged: new rows all the same
    assert not log(bob, 1)
    checklist.save_period(session, user_id=ann.id, period="week", start=this_week, rows={}, item_ids={item})  # cleared
    session.commit()
    assert checklist.log_version(session, user_ids=[ann.id]) != seen[-1]


def test_shared_checklists_on_the_dashboard_follow_the_roster(session: Session, people, course: Course) -> None:
    ann, bob = people["ann"], people["bob"]
    cohort = cohort_with(session, people["trainer"], ann, bob)
    item = course.checklist.groups[0].items[0].id
    for who in (ann, bob):
        week = {item: {"executed": 4, "fulfilled": 1 if who is ann else 4}}
        checklist.save_period(
            session, user_id=who.id, period="week", start=monday(date.today()), rows=week, item_ids={item}
        )
    checklist.set_sharing(session, user_id=bob.id, share=True)
    session.commit()
    dash = dashboard.load(session, viewer=people["trainer"], cohort_id=cohort.id, course=course)
    assert dash.checklist[["user_id", "executed", "fulfilled"]].values.tolist() == [[bob.id, 4, 4]]
    counts = dashboard.checklist_counts(session, cohort_id=cohort.id, user_ids=[ann.id, bob.id], since=None)
    assert sorted(counts["user_id"]) == [ann.id, bob.id]  # unscoped: the caller decides whose counts


def test_finish_items_leaves_d_blank_below_six_answers_and_drops_retired_questions(course: Course) -> None:
    q1, q2 = (q.id for q in course.questions()[:2])
    raw = pd.DataFrame(
        [(q1, 6, 0.9, 1.0, 0.5), (q2, 5, 0.4, 1.0, 0.0), ("retired-question", 40, 0.1, 0.2, 0.0)],
        columns=dashboard.ITEM_COLUMNS,
    )
    items = dashboard.finish_items(raw, course)
    assert list(items["question_id"]) == [q2, q1]
    assert items["discrimination"].tolist()[1] == pytest.approx(0.5)
    assert pd.isna(items["discrimination"].tolist()[0])


# --- completion, scores, progress, checklist ----------------------------------------------------


def test_completion_scores_and_progress_through_the_quiz_service(session: Session, people, course: Course) -> None:
    ann, bob = people["ann"], people["bob"]
    cohort = cohort_with(session, people["trainer"], ann, bob)
    first = course.modules[0]
    for section in first.sections:
        progress.set_section_read(session, user_id=ann.id, module=first, section_id=section.id, read=True)
    progress.set_section_read(session, user_id=bob.id, module=first, section_id=first.sections[0].id, read=True)
    passed = quiz.start_attempt(session, user_id=ann.id, course=course, module_id=first.id, pass_mark=0.8, seed=1)
    for item in passed.layout:
        quiz.submit_answer(
            session, user_id=ann.id, attempt_id=passed.id, question_id=item["q"], response=right(course, item["q"]),
            course=course,
        )  # fmt: skip
    quiz.finish_attempt(session, user_id=ann.id, attempt_id=passed.id, course=course)
    failed = quiz.start_attempt(session, user_id=bob.id, course=course, module_id=first.id, pass_mark=0.8, seed=2)
    quiz.finish_attempt(session, user_id=bob.id, attempt_id=failed.id, course=course)  # nothing answered: 0%
    session.commit()

    dash = dashboard.load(session, viewer=people["trainer"], cohort_id=cohort.id, course=course)

    assert list(dash.roster["name"]) == ["Ann", "Bob"]
    cells = dash.completion.set_index(["user_id", "module_id"])
    n = len(first.sections)
    assert cells.loc[(ann.id, first.id), "complete"]
    assert cells.loc[(ann.id, first.id), "completion"] == pytest.approx(1.0)
    assert not cells.loc[(bob.id, first.id), "complete"]
    assert cells.loc[(bob.id, first.id), "completion"] == pytest.approx(1 / (n + 1))
    assert cells.loc[(bob.id, course.modules[1].id), "completion"] == 0
    assert len(dash.completion) == 2 * len(course.modules)

    summary = dash.quizzes.set_index("quiz").loc[first.id]
    assert (summary["attempts"], summary["trainees"]) == (2, 2)
    assert summary["mean_score"] == pytest.approx(0.5)
    assert summary["pass_rate"] == pytest.approx(0.5)
    assert sorted(zip(dash.bands["band"], dash.bands["attempts"], strict=True)) == [(0, 1), (9, 1)]
    assert dash.attempts == 2 and dash.mean_score == pytest.approx(0.5)

    total = sum(len(m.sections) for m in course.modules)
    mine = dash.progress[dash.progress["user_id"] == ann.id].iloc[-1]
    assert mine["week"] == monday(utcnow().date())
    assert mine["course_read"] == pytest.approx(n / total)
    assert (mine["attempts"], mine["mean_score"]) == (1, pytest.approx(1.0))
    average = dashboard.cohort_average(dash.progress, dash.roster["user_id"])
    assert average["course_read"].iloc[-1] == pytest.approx((n + 1) / total / 2)

    # items come from the module quiz: ten questions, each answered once (D blank), all right
    assert len(dash.items) == len(passed.layout)
    assert dash.items["facility"].tolist() == [pytest.approx(1.0)] * len(passed.layout)
    assert dash.items["discrimination"].isna().all()


def test_checklist_adherence_only_for_trainees_who_share(session: Session, people, course: Course) -> None:
    ann, bob = people["ann"], people["bob"]
    cohort = cohort_with(session, people["trainer"], ann, bob)
    (g1, i1), (_, i2) = course.checklist_items()[:2]
    item_ids = {i for _, i in course.checklist_items()}
    week = monday(date.today())
    rows = {i1: {"executed": 4, "fulfilled": 3}, i2: {"executed": 1, "fulfilled": 0}}
    for learner in (ann, bob):
        checklist.save_period(session, user_id=learner.id, period="week", start=week, rows=rows, item_ids=item_ids)
    checklist.set_sharing(session, user_id=ann.id, share=True)
    old = week - timedelta(weeks=10)  # outside a window starting this week
    old_rows = {i1: {"executed": 5, "fulfilled": 0}}
    checklist.save_period(session, user_id=ann.id, period="week", start=old, rows=old_rows, item_ids=item_ids)
    session.commit()

    dash = dashboard.load(session, viewer=people["trainer"], cohort_id=cohort.id, course=course, since=week)
    assert dash.checklist["user_id"].tolist() == [ann.id]  # bob does not share
    row = dash.checklist.iloc[0]
    assert (row["executed"], row["fulfilled"], row["overall"]) == (5, 3, pytest.approx(0.6))
    group_items = next(g for g in course.checklist.groups if g.id == g1).items
    expected = 3 / 5 if i2 in {i.id for i in group_items} else 3 / 4
    assert row[g1] == pytest.approx(expected)

    everything = dashboard.load(session, viewer=people["trainer"], cohort_id=cohort.id, course=course)
    assert everything.checklist.iloc[0]["executed"] == 10

    table = tables.checklist_table(dash, course, "en")
    assert table["Trainee"].tolist() == ["Ann"]
    assert (table["Overall"].tolist(), table["Target (%)"].tolist(), table["At target"].tolist()) == (
        [60.0],
        [70.0],
        ["no"],
    )


# --- who may see what -----------------------------------------------------------------------------


def test_only_the_cohorts_trainer_and_admins_see_it(session: Session, people, course: Course) -> None:
    ann, bob = people["ann"], people["bob"]
    mine = cohort_with(session, people["trainer"], ann, name="Mine")
    theirs = cohort_with(session, people["rival"], bob, name="Theirs")
    attempt(session, bob, 0.4, {course.questions()[0].id: 0.0})
    for viewer in (people["rival"], ann, bob):
        with pytest.raises(cohorts.CohortError, match="cls_not_found"):
            dashboard.load(session, viewer=viewer, cohort_id=mine.id, course=course)
        with pytest.raises(cohorts.CohortError, match="cls_not_found"):
            dashboard.item_analysis(session, viewer=viewer, cohort_id=mine.id, course=course)
        with pytest.raises(cohorts.CohortError, match="cls_not_found"):
            dashboard.roster(session, viewer=viewer, cohort_id=mine.id)
    with pytest.raises(cohorts.CohortError, match="cls_not_found"):
        dashboard.load(session, viewer=people["trainer"], cohort_id=theirs.id, course=course)
    own = dashboard.load(session, viewer=people["trainer"], cohort_id=mine.id, course=course)
    assert own.roster["username"].tolist() == ["ann"] and own.attempts == 0 and own.items.empty
    overseen = dashboard.load(session, viewer=people["admin"], cohort_id=theirs.id, course=course)
    assert overseen.roster["username"].tolist() == ["bob"] and overseen.attempts == 1


def _statements(db_url: str, viewer_id: int, cohort_id: int, course: Course) -> int:
    engine = get_engine(db_url)
    seen: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with Session(engine) as s:
            dashboard.load(s, viewer=s.get(User, viewer_id), cohort_id=cohort_id, course=course)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def test_the_number_of_queries_does_not_grow_with_the_cohort(session: Session, db_url: str, course: Course) -> None:
    trainer = person(session, "trainer", Role.trainer)
    small = cohort_with(session, trainer, person(session, "solo"), name="Small")
    big = cohort_with(session, trainer, *(person(session, f"t{i:02d}") for i in range(12)), name="Big")
    qids = [q.id for q in course.questions()[:4]]
    for user in session.exec(select(User).where(User.username.startswith("t"))):
        for k in range(3):
            attempt(session, user, k / 3, {q: (k + j) % 2 for j, q in enumerate(qids)})
    assert _statements(db_url, trainer.id, small.id, course) == _statements(db_url, trainer.id, big.id, course)


# --- pure helpers, charts and exports ---------------------------------------------------------------


def test_pure_helpers() -> None:
    assert dashboard.trainee_labels(["Li Lei", "Ann", "Li Lei"], ["li1", "ann", "li2"]) == [
        "Li Lei (li1)",
        "Ann",
        "Li Lei (li2)",
    ]
    assert dashboard.completion_share(ModuleProgress("m", 3, 4, False)) == pytest.approx(3 / 5)
    assert dashboard.completion_share(ModuleProgress("m", 4, 4, True)) == 1.0
    assert dashboard.completion_share(ModuleProgress("m", 2, 4, None)) == 0.5  # no quiz: sections only
    weeks = [date(2026, 1, 5), date(2026, 1, 12)]
    frame = pd.DataFrame({"user_id": [1, 1, 2], "week": [weeks[0], weeks[1], weeks[1]], "course_read": [0.2, 0.4, 0.6]})
    average = dashboard.cohort_average(frame, [1, 2, 3])  # trainee 3 has not started: counts as 0
    assert average["course_read"].tolist() == [pytest.approx(0.2 / 3), pytest.approx(1.0 / 3)]
    assert charts.band_labels()[0] == "0–9%" and charts.band_labels()[-1] == "90–100%"
    assert (tables.index_text(-0.001), tables.index_text(0.756), tables.index_text(float("nan"))) == (
        "0.00",
        "0.76",
        "–",
    )


def _sample(session: Session, people, course: Course) -> dashboard.CohortDashboard:
    people["ann"].display_name = "<b>Ann</b>"
    session.add(people["ann"])
    cohort = cohort_with(session, people["trainer"], people["ann"], people["bob"])
    qids = [q.id for q in course.questions()[:2]]
    attempt(session, people["ann"], 0.9, {qids[0]: 1.0, qids[1]: 0.5})
    attempt(session, people["bob"], 0.3, {qids[0]: 0.0, qids[1]: 1.0})
    return dashboard.load(session, viewer=people["trainer"], cohort_id=cohort.id, course=course)


def test_charts_are_translated_and_escape_names(session: Session, people, course: Course) -> None:
    dash = _sample(session, people, course)
    for lang, axis in (("en", "Trainee"), ("zh", "学员")):
        fig = charts.completion_heatmap(dash.completion, dash.roster, course, lang)
        assert fig.layout.yaxis.title.text == axis
        assert list(fig.data[0].y) == ["&lt;b&gt;Ann&lt;/b&gt;", "Bob"]
        assert fig.data[0].z.shape == (2, len(course.modules))
    bands = charts.score_distribution(dash.bands, "en", pass_mark=0.8, title="All quizzes")
    assert list(bands.data[0].y) == [0, 0, 0, 1, 0, 0, 0, 0, 0, 1]
    assert bands.layout.xaxis.title.text == "Score band"
    weakest = charts.weakest_chart(dash.items, course, "zh")
    assert weakest.layout.title.text == "难度系数最低的 2 道题"
    ids = dash.roster["user_id"].tolist()
    average = dashboard.cohort_average(dash.progress, ids)
    read = charts.progress_chart(dash.progress, average, dash.roster, "en", user_ids=ids)
    assert [trace.name for trace in read.data] == ["&lt;b&gt;Ann&lt;/b&gt;", "Bob", "Cohort average"]
    over_time = charts.scores_over_time(dash.progress, dash.roster, "en", user_ids=ids, pass_mark=0.8)
    assert [list(trace.y) for trace in over_time.data] == [[pytest.approx(0.9)], [pytest.approx(0.3)]]
    assert charts.item_scatter(dash.items, course, "en").layout.xaxis.title.text == "Facility F"


def test_every_table_exports_to_csv_and_excel_in_the_chosen_language(session: Session, people, course: Course) -> None:
    dash = _sample(session, people, course)
    sheets = tables.export_sheets(dash, course, "zh")
    assert list(sheets) == list(tables.SHEETS)
    book = load_workbook(io.BytesIO(tables.workbook(sheets, "zh")))
    assert book.sheetnames == ["完成情况", "测验汇总", "得分分布", "题目分析", "进度趋势", "行为清单"]
    items = book["题目分析"]
    header = [c.value for c in items[1]]
    assert header[:3] == ["序号", "题目", "单元"]
    assert items.max_row == 1 + len(dash.items)
    first = course.question(dash.items["question_id"][0])
    assert items.cell(row=2, column=2).value == first.prompt.zh
    csv = to_csv(tables.export_sheets(dash, course, "en")["completion"]).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Trainee,Username,Modules complete,1. ")
    assert "<b>Ann</b>,ann,0," in csv


# --- the page (AppTest) ---------------------------------------------------------------------------


def _seeded_cohort() -> tuple[tuple[User, str], int]:
    trainer = make_user("coach", Role.trainer)
    learners = [make_user(name)[0] for name in ("ann", "bob")]
    settings = get_settings()
    with session_scope(settings.database_url) as s:
        cohort = cohort_with(s, s.get(User, trainer[0].id), *(s.get(User, u.id) for u in learners), name="East 2026")
        from academy.content.loader import load_course

        course = load_course(settings.content_dir, settings.assessments_dir)
        q = course.questions()[0].id
        attempt(s, s.get(User, learners[0].id), 0.9, {q: 1.0})
        attempt(s, s.get(User, learners[1].id), 0.2, {q: 0.0})
        return trainer, cohort.id


def _open(at, cohort_id: int | None = None):
    at.switch_page("views/dashboard.py")
    if cohort_id is not None:
        at.query_params["cohort"] = str(cohort_id)
    return at.run()


@pytest.mark.parametrize(
    ("lang", "metric", "weakest"), [("en", "Trainees", "The 1 weakest questions"), ("zh", "学员", "最薄弱的 1 道题")]
)
def test_a_trainer_sees_their_cohort(lang: str, metric: str, weakest: str) -> None:
    trainer, cohort_id = _seeded_cohort()
    at = _open(app(trainer, lang=lang).run(), cohort_id)
    assert not at.exception, at.exception
    assert not at.error
    assert at.metric[0].label == metric and at.metric[0].value == "2"
    assert at.selectbox(key="dash-cohort").value == cohort_id
    assert weakest in [s.value for s in at.subheader]
    assert len(at.get("plotly_chart")) >= 4
    assert at.query_params["cohort"] == str(cohort_id)
    completion = at.dataframe[0].value
    assert completion.iloc[:, 0].tolist() == ["Ann", "Bob"]


def test_the_item_analysis_on_the_page_follows_new_attempts() -> None:
    # the page reuses its item statistics between runs; a newly finished attempt must show at once
    trainer, cohort_id = _seeded_cohort()
    at = _open(app(trainer, lang="zh").run(), cohort_id)

    def answers_shown() -> str:
        return next(c.value for c in at.caption if "次作答" in c.value)

    assert "2 次作答" in answers_shown()
    at.run()
    assert "2 次作答" in answers_shown()
    settings = get_settings()
    with session_scope(settings.database_url) as s:
        ann = s.exec(select(User).where(User.username == "ann")).one()
        q = next(iter(s.exec(select(QuizAnswer.question_id)).all()))
        attempt(s, ann, 1.0, {q: 1.0})
    at.run()
    assert "3 次作答" in answers_shown()


def test_another_trainer_gets_an_error_and_no_data() -> None:
    _, cohort_id = _seeded_cohort()
    at = _open(app(make_user("rival", Role.trainer)).run(), cohort_id)
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["Not found, or not yours to see."]
    assert not at.metric and not at.dataframe
    assert "East 2026" not in [o for s in at.selectbox for o in s.options]


def test_a_learner_is_refused() -> None:
    _, cohort_id = _seeded_cohort()
    at = _open(app(make_user("carl")).run(), cohort_id)
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["You are not allowed to do that."]
    assert not at.metric


def test_an_admin_sees_every_cohort() -> None:
    _, cohort_id = _seeded_cohort()
    at = _open(app(make_user("boss", Role.admin)).run())
    assert not at.exception, at.exception
    assert at.selectbox(key="dash-cohort").value == cohort_id
    assert at.metric[0].value == "2"


def test_an_empty_cohort_shows_hints_and_still_exports(session: Session, people, course: Course) -> None:
    cohort = cohort_with(session, people["trainer"], name="Nobody yet")
    dash = dashboard.load(session, viewer=people["trainer"], cohort_id=cohort.id, course=course)
    assert dash.roster.empty and dash.attempts == 0 and dash.mean_score is None and dash.completed_share == 0
    book = load_workbook(io.BytesIO(tables.workbook(tables.export_sheets(dash, course, "en"), "en")))
    assert [book[name].max_row for name in book.sheetnames] == [1] * len(tables.SHEETS)  # headers only


def test_the_page_with_an_empty_cohort_and_with_none() -> None:
    coach = make_user("coach", Role.trainer)
    at = _open(app(coach).run())
    assert not at.exception, at.exception
    assert [i.value for i in at.info] == [
        "You have no cohorts yet. Create one on the Classroom page and give its code to your trainees."
    ]
    with session_scope(get_settings().database_url) as s:
        cohort_with(s, s.get(User, coach[0].id), name="Nobody yet")
    at = _open(app(coach).run())
    assert not at.exception, at.exception
    assert not at.error
    assert "Nobody has joined this cohort yet." in [i.value for i in at.info]
    assert at.metric[0].value == "0"
