"""Call plans and deal plans: prefilled from the map, checked, private; a review lands in the checklist once."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.checklist import log as ck
from academy.content.frameworks import CYCLE_STEPS
from academy.content.loader import Course
from academy.content.rubrics import load_tool_rubrics
from academy.core.db import session_scope
from academy.core.models import ToolCallPlan, ToolContact
from academy.core.settings import ROOT
from academy.tools import callplan, charts, clients, dealplan, decision_unit, opportunity, printable, tables
from academy.tools.clients import ToolError

RUBRIC = load_tool_rubrics(ROOT / "content")[0].opportunity
TODAY = date(2026, 11, 6)  # a Friday
MON = date(2026, 11, 2)
VISIT, PROPOSAL, PRESENT, SIGN = CYCLE_STEPS[0], CYCLE_STEPS[2], CYCLE_STEPS[3], CYCLE_STEPS[5]


@pytest.fixture
def ids(course: Course) -> set[str]:
    return {item for _, item in course.checklist_items()}


def _mapped_account(session: Session, name: str = "ana") -> tuple[int, int, dict[str, int]]:
    """A user with an account mapped as in the lesson: a decider, an evaluator who is also a user, a screener."""
    uid = users.register(session, username=name, display_name=name.title(), password="password-123").id
    account = clients.ensure_account(session, user_id=uid, name="Huatuo")
    people = {}
    for person, roles, relationship in (
        ("Zhao", ["decider"], None),
        ("Liu", ["evaluator", "user"], "champion"),
        ("Qian", ["screener"], "neutral"),
    ):
        member = decision_unit.save_member(
            session, user_id=uid, account_id=account.id, name=person, roles=roles, relationship=relationship
        )
        people[person] = member.id
    return uid, account.id, people


def _plan(session: Session, uid: int, contact_id: int, **fields) -> ToolCallPlan:
    fields = {"visit_on": MON + timedelta(days=1), "today": TODAY, **fields}
    return callplan.save_call_plan(session, user_id=uid, contact_id=contact_id, **fields)


# --- prefilling -------------------------------------------------------------------------------


def test_the_selling_points_rows_follow_the_map_and_the_template(session: Session) -> None:
    uid, account_id, _ = _mapped_account(session)
    members = clients.list_contacts(session, user_id=uid, account_id=account_id)
    rows = callplan.point_rows(members)
    assert [(r["role"], r["who"]) for r in rows] == [
        ("decider", ["Zhao"]),
        ("evaluator", ["Liu"]),
        ("screener", ["Qian"]),
        ("maintainer", []),  # the template's row: nobody on the map maintains yet
        ("user", ["Liu"]),
    ]
    assert all(r["need"] == r["point"] == r["value"] == "" for r in rows)


def test_a_new_plan_carries_over_the_last_plans_selling_points(session: Session) -> None:
    members = [ToolContact(id=1, user_id=1, account_id=1, name="Zhao", roles=["decider"])]
    previous = [{"role": "decider", "need": "no outage", "point": "redundant core", "value": "safe board report"}]
    rows = callplan.point_rows(members, previous)
    assert rows[0] == {
        "role": "decider",
        "who": ["Zhao"],
        "need": "no outage",
        "point": "redundant core",
        "value": "safe board report",
    }
    assert [r["role"] for r in rows] == ["decider", "maintainer", "user"]


def test_review_defaults_tick_what_the_plan_shows_and_leave_the_room_to_the_learner(session: Session) -> None:
    plan = ToolCallPlan(
        user_id=1,
        account_id=1,
        contact_id=1,
        visit_on=MON,
        step=VISIT,
        opening="About the new plant",
        questions=["What is it for?"],
        points=[
            {"role": "decider", "need": "n", "point": "p", "value": "v"},
            {"role": "user", "need": "n", "point": "p", "value": ""},
        ],
        evidence="Two reference plants",
    )
    done = callplan.review_defaults(plan, outcome="partly", agreed_next="Tuesday 10:00", miss_cause="", role_known=True)
    assert done["prep-opening"] and done["prep-questions"] and done["prep-purpose-in-plan"] and done["prep-know-role"]
    assert done["pack-points-per-decider"] and not done["pack-points-to-value"]  # one point has no value
    assert done["visit-next-step"] and done["self-confirm-next-step"]
    assert done["self-review-missed-aim"] is False  # it came up (aim partly met), but no cause written yet
    assert done["visit-ask-more"] is False  # only the learner knows
    assert "pack-rehearse-presentation" not in done  # came up only if the learner says so
    met = callplan.review_defaults(plan, outcome="met", agreed_next="", miss_cause="", role_known=False)
    assert "self-review-missed-aim" not in met and not met["prep-know-role"]


# --- saving -----------------------------------------------------------------------------------


def test_a_plan_keeps_its_fields_in_the_courses_order(session: Session) -> None:
    uid, account_id, people = _mapped_account(session)
    opp = opportunity.save_opportunity(
        session, user_id=uid, account_id=account_id, name="ERP", rubric=RUBRIC, ratings={}
    )
    plan = _plan(
        session,
        uid,
        people["Zhao"],
        opportunity_id=opp.id,
        step=PROPOSAL,
        objective="Agree the proposal's scope",
        personality="tiger",
        questions=["  What must the plan show the board?  ", "", "Who else pays for downtime?"],
        points=[
            {"role": "user", "need": "", "point": "roaming", "value": ""},
            {"role": "decider", "need": "no outage", "point": "redundancy", "value": "board"},
            {"role": "screener", "need": "", "point": "", "value": ""},  # empty rows are dropped
        ],
    )
    assert plan.account_id == account_id and plan.step == PROPOSAL and plan.personality == "tiger"
    assert plan.questions == ["What must the plan show the board?", "Who else pays for downtime?"]
    assert [p["role"] for p in plan.points] == ["decider", "user"]
    again = _plan(session, uid, people["Zhao"], plan_id=plan.id, objective="Changed")
    assert again.id == plan.id and again.objective == "Changed" and again.points == []
    [(account, contact, listed)] = callplan.list_call_plans(session, user_id=uid, opportunity_id=None)
    assert (account.name, contact.name, listed.id) == ("Huatuo", "Zhao", plan.id)


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"objective": "x" * 501}, "tool_err_objective"),
        ({"opening": "x" * 1001}, "tool_err_opening"),
        ({"questions": ["q"] * 11}, "tool_err_questions"),
        ({"questions": ["x" * 301]}, "tool_err_questions"),
        ({"points": [{"role": "cfo", "point": "p"}]}, "tool_err_points"),
        ({"points": [{"role": "user", "point": "a"}, {"role": "user", "point": "b"}]}, "cp_err_role_twice"),
        ({"points": [{"role": "user", "point": "x" * 301}]}, "tool_err_points"),
        ({"step": "cycle-lunch"}, "tool_err_step"),
        ({"personality": "lion"}, "tool_err_personality"),
        ({"visit_on": date(1999, 12, 31)}, "cp_err_date_range"),
        ({"visit_on": date(2101, 1, 1)}, "cp_err_date_range"),
    ],
)
def test_bad_plans_are_refused_with_the_field_named(session: Session, fields, key) -> None:
    uid, _, people = _mapped_account(session)
    with pytest.raises(ToolError) as err:
        _plan(session, uid, people["Zhao"], **fields)
    assert err.value.key == key
    assert callplan.list_call_plans(session, user_id=uid) == []


def test_plans_are_private_to_their_owner(session: Session) -> None:
    uid, account_id, people = _mapped_account(session, "ana")
    other, other_account, other_people = _mapped_account(session, "bob")
    plan = _plan(session, uid, people["Zhao"])
    with pytest.raises(ToolError):
        _plan(session, other, people["Zhao"])  # another user's contact
    with pytest.raises(ToolError):
        callplan.get_call_plan(session, user_id=other, plan_id=plan.id)
    with pytest.raises(ToolError):  # a visit to Bob's person can't hang on Ana's opportunity
        opp = opportunity.save_opportunity(
            session, user_id=uid, account_id=account_id, name="X", rubric=RUBRIC, ratings={}
        )
        _plan(session, other, other_people["Zhao"], opportunity_id=opp.id)
    assert callplan.list_call_plans(session, user_id=other) == []
    assert other_account != account_id


# --- the review into the checklist ------------------------------------------------------------


def test_the_review_logs_the_visits_behaviours_into_its_week_once(session: Session, ids) -> None:
    uid, _, people = _mapped_account(session)
    plan = _plan(session, uid, people["Zhao"], opening="About the new plant")
    behaviours = {"prep-opening": True, "visit-ask-more": False, "visit-next-step": True}
    saved, where = callplan.save_review(
        session,
        user_id=uid,
        plan_id=plan.id,
        outcome="met",
        agreed_next="Tuesday with IT",
        behaviours=behaviours,
        item_ids=ids,
        today=TODAY,
    )
    assert where == ("week", MON) and (saved.logged_period, saved.logged_start) == where
    assert saved.outcome == "met" and saved.behaviours == behaviours and saved.logged_at is not None
    expected = {"prep-opening": (1, 1), "visit-ask-more": (1, 0), "visit-next-step": (1, 1)}
    assert ck.period_totals(session, user_id=uid, period="week", start=MON) == expected
    # saving the review again changes the review, never the checklist a second time
    again, where = callplan.save_review(
        session, user_id=uid, plan_id=plan.id, outcome="partly", behaviours=behaviours, item_ids=ids, today=TODAY
    )
    assert where is None and again.outcome == "partly"
    assert ck.period_totals(session, user_id=uid, period="week", start=MON) == expected


def test_a_week_logged_by_days_gets_the_review_on_the_visit_day(session: Session, ids) -> None:
    uid, _, people = _mapped_account(session)
    ck.save_period(
        session,
        user_id=uid,
        period="day",
        start=MON,
        rows={"prep-opening": {"executed": 1, "fulfilled": 1}},
        item_ids=ids,
    )
    plan = _plan(session, uid, people["Liu"], visit_on=MON + timedelta(days=3))
    _, where = callplan.save_review(
        session,
        user_id=uid,
        plan_id=plan.id,
        outcome="met",
        behaviours={"prep-opening": False},
        item_ids=ids,
        today=TODAY,
    )
    assert where == ("day", MON + timedelta(days=3))
    assert ck.week_logged_by(session, user_id=uid, day=MON) == {"day"}


@pytest.mark.parametrize(
    ("behaviours", "key", "visit_on"),
    [
        ({"prep-opening": True}, "cp_err_review_future", TODAY + timedelta(days=1)),
        ({"self-plan-time": True}, "cp_err_behaviour", MON),  # not a behaviour of a single visit
        ({"no-such-item": True}, "cp_err_behaviour", MON),
        ({}, "cp_err_no_behaviours", MON),
    ],
)
def test_bad_reviews_are_refused_and_log_nothing(session: Session, ids, behaviours, key, visit_on) -> None:
    uid, _, people = _mapped_account(session)
    plan = _plan(session, uid, people["Zhao"], visit_on=visit_on)
    with pytest.raises(ToolError) as err:
        callplan.save_review(
            session, user_id=uid, plan_id=plan.id, outcome="met", behaviours=behaviours, item_ids=ids, today=TODAY
        )
    assert err.value.key == key
    assert ck.log_rows(session, user_id=uid) == [] and plan.logged_at is None


def test_an_outcome_outside_the_three_is_refused(session: Session, ids) -> None:
    uid, _, people = _mapped_account(session)
    plan = _plan(session, uid, people["Zhao"])
    with pytest.raises(ToolError) as err:
        callplan.save_review(
            session,
            user_id=uid,
            plan_id=plan.id,
            outcome="great",
            behaviours={"prep-opening": True},
            item_ids=ids,
            today=TODAY,
        )
    assert err.value.key == "tool_err_outcome"


def test_two_clicks_at_once_log_the_review_once(db_url: str, ids) -> None:
    with session_scope(db_url) as s:
        uid, _, people = _mapped_account(s)
        plan_id = _plan(s, uid, people["Zhao"]).id
    start = threading.Barrier(4)
    results: list[object] = []

    def click() -> None:
        start.wait()
        with session_scope(db_url) as s:
            _, where = callplan.save_review(
                s,
                user_id=uid,
                plan_id=plan_id,
                outcome="met",
                behaviours={"prep-opening": True},
                item_ids=ids,
                today=TODAY,
            )
        results.append(where)

    threads = [threading.Thread(target=click) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results, key=str) == [("week", MON), None, None, None]
    with session_scope(db_url) as s:
        assert ck.period_totals(s, user_id=uid, period="week", start=MON) == {"prep-opening": (1, 1)}


def test_deleting_a_person_removes_their_plans(session: Session) -> None:
    uid, _, people = _mapped_account(session)
    _plan(session, uid, people["Qian"])
    clients.delete_contact(session, user_id=uid, contact_id=people["Qian"])
    session.expire_all()
    assert callplan.list_call_plans(session, user_id=uid) == []


# --- deal plans -------------------------------------------------------------------------------


def _deal(session: Session, uid: int, account_id: int, name: str = "ERP") -> int:
    return opportunity.save_opportunity(
        session, user_id=uid, account_id=account_id, name=name, rubric=RUBRIC, ratings={}
    ).id


def test_a_deal_plan_holds_the_six_steps_in_order(session: Session) -> None:
    uid, account_id, _ = _mapped_account(session)
    opp_id = _deal(session, uid, account_id)
    dates = {VISIT: (MON, MON), PROPOSAL: (MON + timedelta(days=14), None), SIGN: (MON + timedelta(days=60), None)}
    plan = dealplan.save_deal_plan(
        session,
        user_id=uid,
        opportunity_id=opp_id,
        dates=dates,
        team="Ana + presales",
        goal="Sign by January",
        today=TODAY,
    )
    assert list(plan.steps) == list(CYCLE_STEPS)
    assert plan.steps[VISIT] == {"planned": "2026-11-02", "done": "2026-11-02"}
    assert plan.steps[CYCLE_STEPS[1]] == {"planned": None, "done": None}
    assert dealplan.next_step(plan.steps) == CYCLE_STEPS[1]
    states = [s.state for s in dealplan.step_status(plan.steps, today=MON + timedelta(days=20))]
    assert states == ["done", "unplanned", "overdue", "unplanned", "unplanned", "planned"]
    again = dealplan.save_deal_plan(session, user_id=uid, opportunity_id=opp_id, dates={}, goal="Changed", today=TODAY)
    assert again.id == plan.id and again.goal == "Changed" and again.team == ""
    [(account, opp, listed)] = dealplan.list_deal_plans(session, user_id=uid)
    assert (account.name, opp.name, listed.id) == ("Huatuo", "ERP", plan.id)


@pytest.mark.parametrize(
    ("dates", "key"),
    [
        ({PROPOSAL: (MON + timedelta(days=9), None), PRESENT: (MON + timedelta(days=8), None)}, "cp_err_step_order"),
        ({VISIT: (None, TODAY + timedelta(days=1))}, "tool_err_future_date"),
        ({VISIT: (date(1990, 1, 1), None)}, "cp_err_date_range"),
        ({"cycle-lunch": (MON, None)}, "cp_err_step"),
    ],
)
def test_bad_deal_plans_are_refused(session: Session, dates, key) -> None:
    uid, account_id, _ = _mapped_account(session)
    opp_id = _deal(session, uid, account_id)
    with pytest.raises(ToolError) as err:
        dealplan.save_deal_plan(session, user_id=uid, opportunity_id=opp_id, dates=dates, today=TODAY)
    assert err.value.key == key
    assert dealplan.get_deal_plan(session, user_id=uid, opportunity_id=opp_id) is None


def test_the_step_order_error_names_both_steps(session: Session) -> None:
    with pytest.raises(ToolError) as err:
        dealplan.check_steps({SIGN: (MON, None), PRESENT: (MON + timedelta(days=1), None)}, today=TODAY)
    assert err.value.params == {"n": 6, "m": 4}


def test_a_deal_plan_is_private_and_goes_with_its_opportunity(session: Session) -> None:
    uid, account_id, _ = _mapped_account(session, "ana")
    other, _, _ = _mapped_account(session, "bob")
    opp_id = _deal(session, uid, account_id)
    with pytest.raises(ToolError):
        dealplan.save_deal_plan(session, user_id=other, opportunity_id=opp_id, dates={}, today=TODAY)
    dealplan.save_deal_plan(session, user_id=uid, opportunity_id=opp_id, dates={}, today=TODAY)
    opportunity.delete_opportunity(session, user_id=uid, opportunity_id=opp_id)
    session.flush()
    session.expire_all()
    assert dealplan.list_deal_plans(session, user_id=uid) == []


def test_two_first_saves_at_once_make_one_deal_plan(db_url: str) -> None:
    with session_scope(db_url) as s:
        uid, account_id, _ = _mapped_account(s)
        opp_id = _deal(s, uid, account_id)
    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def save(n: int) -> None:
        start.wait()
        try:
            with session_scope(db_url) as s:
                dealplan.save_deal_plan(s, user_id=uid, opportunity_id=opp_id, dates={}, goal=f"goal {n}", today=TODAY)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with session_scope(db_url) as s:
        [(_, _, plan)] = dealplan.list_deal_plans(s, user_id=uid)
        assert plan.goal in {"goal 0", "goal 1", "goal 2"}


# --- the printable pages and the timeline --------------------------------------------------------


def test_the_printable_call_plan_shows_the_plan_and_keeps_typed_text_inert(session: Session, course: Course) -> None:
    uid, account_id, people = _mapped_account(session)
    opp_id = _deal(session, uid, account_id)
    plan = _plan(
        session,
        uid,
        people["Liu"],
        opportunity_id=opp_id,
        step=PROPOSAL,
        personality="owl",
        opening='<script>alert("hi")</script> & welcome',
        questions=["What is it for?"],
        points=[{"role": "user", "need": "fewer clicks", "point": "single sign-on", "value": "10 min a day"}],
    )
    contact = clients.get_contact(session, user_id=uid, contact_id=people["Liu"])
    labels = tables.plan_labels(course, "en")
    page = printable.call_plan_page(
        plan=plan,
        account="Huatuo <b>",
        contact=contact,
        labels=labels,
        behaviours={},
        opportunity="ERP",
        focus="Weakest element: depth",
        lang="en",
        today=TODAY,
    )
    assert "<script" not in page and "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; welcome" in page
    assert "Huatuo &lt;b&gt;" in page and '<html lang="en">' in page
    assert "Proposal (ERP)" in page and "Evaluator (E), User (U)" in page and "Analytical (owl)" in page
    assert "<td>User (U)</td><td>fewer clicks</td><td>single sign-on</td><td>10 min a day</td>" in page
    assert "Weakest element: depth" in page and 'onclick="window.print()"' in page


def test_the_printable_deal_plan_lists_the_six_steps_in_order(session: Session, course: Course) -> None:
    uid, account_id, _ = _mapped_account(session)
    opp_id = _deal(session, uid, account_id)
    plan = dealplan.save_deal_plan(
        session, user_id=uid, opportunity_id=opp_id, dates={VISIT: (MON, MON)}, strategy="Phase one first", today=TODAY
    )
    page = printable.deal_plan_page(
        plan=plan,
        account="Huatuo",
        opportunity="ERP",
        labels=tables.plan_labels(course, "zh"),
        calls=[],
        lang="zh",
        today=TODAY,
    )
    names = ["拜访", "需求具体化", "建议书", "简报（投标）", "议价", "签约"]
    positions = [page.index(f"{n}. {name}") for n, name in enumerate(names, start=1)]
    assert positions == sorted(positions) and "Phase one first" in page and '<html lang="zh-CN">' in page
    assert "<td>2026-11-02</td><td>2026-11-02</td><td>已完成</td>" in page


def test_the_timeline_puts_planned_and_done_dates_on_their_steps(course: Course) -> None:
    steps = dealplan.check_steps({VISIT: (MON, MON), PROPOSAL: (MON + timedelta(days=7), None)}, today=TODAY)
    labels = tables.plan_labels(course, "en")
    fig = charts.deal_timeline(dealplan.step_status(steps, today=TODAY), labels, TODAY, "en")
    planned, done = fig.data
    assert (planned.name, list(planned.y)) == ("Planned", ["Visit", "Proposal"])
    assert (done.name, list(done.y), list(done.x)) == ("Done", ["Visit"], [MON])
    assert list(fig.layout.yaxis.categoryarray) == [labels[s] for s in CYCLE_STEPS]
