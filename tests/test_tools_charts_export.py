"""Field-tool charts (pure figures in the chosen language) and the CSV / Excel export."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from sqlmodel import Session

from academy.accounts import users
from academy.content.rubrics import load_tool_rubrics
from academy.core import spreadsheets as exports
from academy.core.models import ToolContact, ToolTie
from academy.core.settings import ROOT
from academy.tools import callplan, charts, clients, dealplan, decision_unit, opportunity, ratio, scorecard
from academy.tools import tables as export

RUBRICS = load_tool_rubrics(ROOT / "content")[0]


def _labels(course, tool: str, kind: str, lang: str) -> dict[str, str]:
    return charts.term_labels(clients.lesson_for(course, tool), kind, lang)


def test_radar_compares_latest_with_previous_in_the_language(course) -> None:
    labels = _labels(course, "relationship-scorecard", "element", "zh")
    latest = (date(2026, 3, 1), {e: 2 for e in labels})
    previous = (date(2026, 1, 1), {e: 4 for e in labels})
    fig = charts.scorecard_radar(labels, 5, latest, previous, "zh")
    assert [tr.name for tr in fig.data] == ["上一次（2026-01-01）", "最近一次（2026-03-01）"]
    assert list(fig.data[1].theta[:7]) == ["价值", "情面", "体面", "场面", "频度", "长度", "深度"]
    assert fig.layout.polar.radialaxis.range == (0, 5)
    only = charts.scorecard_radar(labels, 5, latest, None, "en")
    assert len(only.data) == 1 and only.layout.title.text == "Latest assessment against the previous one"


def test_trend_has_one_line_per_element(course) -> None:
    labels = _labels(course, "relationship-scorecard", "element", "en")
    history = [(date(2026, 1, 1), {e: 3 for e in labels}), (date(2026, 2, 1), {e: 4 for e in labels})]
    fig = charts.scorecard_trend(labels, 5, history, "en")
    assert [tr.name for tr in fig.data] == list(labels.values())
    assert fig.layout.yaxis.title.text == "Score"


def test_decision_map_places_people_by_role_and_relationship(course) -> None:
    roles = _labels(course, "decision-unit-map", "role", "en")
    rels = _labels(course, "decision-unit-map", "relationship", "en")
    atts = _labels(course, "decision-unit-map", "attitude", "en")
    liu = ToolContact(
        id=1,
        user_id=1,
        account_id=1,
        name="Liu",
        roles=["screener"],
        attitude="active",
        relationship="champion",
        influence=3,
    )
    wang = ToolContact(
        id=2,
        user_id=1,
        account_id=1,
        name="<b>Wang</b>",
        roles=["evaluator", "user"],
        attitude="resistant",
        relationship="blocker",
        influence=5,
    )
    zhao = ToolContact(id=3, user_id=1, account_id=1, name="Zhao", roles=["decider"], influence=5)
    tie = ToolTie(id=1, user_id=1, account_id=1, contact_a=1, contact_b=2, kind="rivalry")
    fig = charts.decision_map([liu, wang, zhao], [tie], roles, rels, atts, "en")
    points = {(name, x, y) for trace in fig.data for name, x, y in zip(trace.text, trace.x, trace.y, strict=True)}
    assert ("Liu", 0, 2) in points  # champion (first) column, screener row
    assert ("&lt;b&gt;Wang&lt;/b&gt;", 4, 1) in points and ("&lt;b&gt;Wang&lt;/b&gt;", 4, 3) in points  # once per role
    assert ("Zhao", 5, 0) in points  # relationship unknown: the '?' column
    assert list(fig.layout.xaxis.ticktext) == [
        "Champion (C)",
        "Supporter (S)",
        "Neutral (N)",
        "Enemy (E)",
        "Blocker (B)",
        "?",
    ]
    assert list(fig.layout.yaxis.ticktext) == [*roles.values(), "?"]
    nobody = ToolContact(id=4, user_id=1, account_id=1, name="Sun", influence=2)  # no role known yet: the '?' row
    assert any("Sun" in trace.text for trace in charts.decision_map([nobody], [], roles, rels, atts, "en").data)
    assert {tr.name for tr in fig.data} == {"Active (A)", "Resistant (R)", "Unknown"}
    assert sum(1 for s in fig.layout.shapes if s.line.dash == "dot") == 1  # the tie


def test_opportunity_ratio_and_scenario_charts() -> None:
    fig = charts.opportunity_comparison([("B · ERP", "Maturity", 96), ("A · ERP", "Maturity", None)], 60, "en")
    assert list(fig.data[0].x) == ["B · ERP"] and fig.layout.shapes[0].y0 == 60
    funnel = charts.ratio_funnel(ratio.work_back(ratio.WORKED_EXAMPLE), "zh")
    assert list(funnel.data[0].x) == [3000, 300, 100, 20]
    assert list(funnel.data[0].y) == ["电话", "会晤", "潜在客户", "成交单数"]
    bars = charts.scenario_comparison([("Base", 12.5), ("Sharper", 10.0)], "en")
    assert list(bars.data[0].y) == [12.5, 10.0]


def test_export_holds_only_the_users_rows_in_their_language(session: Session, course) -> None:
    me = users.register(session, username="me1", display_name="Me", password="password-123")
    other = users.register(session, username="other", display_name="Other", password="password-123")
    account = clients.ensure_account(session, user_id=me.id, name="Huatuo")
    wang = decision_unit.save_member(
        session, user_id=me.id, account_id=account.id, name='=HYPERLINK("x")', roles=["decider"], relationship="blocker"
    )
    liu = decision_unit.save_member(session, user_id=me.id, account_id=account.id, name="Liu", attitude="active")
    decision_unit.add_tie(
        session, user_id=me.id, account_id=account.id, contact_a=wang.id, contact_b=liu.id, kind="family"
    )
    scores = {e.element: 3 for e in RUBRICS.scorecard.elements}
    scorecard.save_scorecard(
        session, user_id=me.id, contact_id=liu.id, rubric=RUBRICS.scorecard, assessed_on=date(2026, 1, 2), scores=scores
    )
    erp = opportunity.save_opportunity(
        session, user_id=me.id, account_id=account.id, name="ERP", rubric=RUBRICS.opportunity, ratings={}
    )
    dates = {"cycle-visit": (date(2026, 1, 5), date(2026, 1, 5)), "cycle-proposal": (date(2026, 2, 1), None)}
    dealplan.save_deal_plan(
        session, user_id=me.id, opportunity_id=erp.id, dates=dates, goal="Sign in March", today=date(2026, 1, 9)
    )
    callplan.save_call_plan(
        session,
        user_id=me.id,
        contact_id=liu.id,
        visit_on=date(2026, 1, 5),
        opportunity_id=erp.id,
        step="cycle-visit",
        questions=["What is it for?", "Who else pays?"],
        points=[{"role": "maintainer", "need": "no night calls", "point": "remote monitoring", "value": "hours"}],
        today=date(2026, 1, 9),
    )
    ratio.save_scenario(session, user_id=me.id, name="Base", inputs=ratio.WORKED_EXAMPLE)
    clients.ensure_account(session, user_id=other.id, name="Someone else's")
    session.commit()

    frames = export.tool_frames(session, user_id=me.id, course=course, rubrics=RUBRICS, lang="en")
    assert set(frames) == set(export.SHEETS)
    contacts = frames["contacts"]
    assert list(contacts["Decision role"]) == ["Decider (D)", ""]
    assert list(contacts["Relationship to us"]) == ["Blocker (B)", ""]
    assert frames["ties"].iloc[0]["Kind of tie"] == "Family"
    assert frames["scorecards"].iloc[0]["Depth"] == 3
    assert frames["opportunities"].iloc[0]["Recommendation"].startswith("Recommendation: not yet")
    assert frames["scenarios"].iloc[0]["Calls per day"] == 12.5
    deal = frames["dealplans"].iloc[0]
    assert (deal["Opportunity"], deal["Sales goal"]) == ("ERP", "Sign in March")
    assert (deal["Visit · Planned"], deal["Visit · Done"], deal["Proposal · Planned"]) == (
        "2026-01-05",
        "2026-01-05",
        "2026-02-01",
    )
    call = frames["callplans"].iloc[0]
    assert (call["Person"], call["Step"], call["Opportunity"]) == ("Liu", "Visit", "ERP")
    assert call["Questions to ask"] == "What is it for?\nWho else pays?"
    assert call["Selling points per decision role"] == "Maintainer: no night calls → remote monitoring → hours"
    assert (
        len(export.tool_frames(session, user_id=other.id, course=course, rubrics=RUBRICS, lang="en")["contacts"]) == 0
    )

    zh = export.tool_frames(session, user_id=me.id, course=course, rubrics=RUBRICS, lang="zh")
    assert "决策角色" in zh["contacts"].columns

    csv = exports.to_csv(contacts)
    assert csv.startswith("\ufeff".encode())
    assert "'=HYPERLINK" in csv.decode("utf-8-sig")  # a formula in a name stays text
    book = pd.read_excel(io.BytesIO(export.to_excel(zh, "zh")), sheet_name=None)
    assert list(book) == ["联系人", "人际关系", "关系记分卡", "机会评估", "比例场景", "销售计划", "拜访计划"]
    assert book["联系人"].iloc[0]["姓名"] == '\'=HYPERLINK("x")'
