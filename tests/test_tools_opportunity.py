"""Opportunity assessment: the course's scoring of the three tools, recommendations, storage and privacy."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.content.rubrics import load_tool_rubrics
from academy.core.settings import ROOT
from academy.tools import clients, opportunity
from academy.tools.clients import ToolError
from academy.tools.opportunity import criterion_score, reasons, score_opportunity

RUBRIC = load_tool_rubrics(ROOT / "content")[0].opportunity
NAMES = {"market-opportunity": "Market", "client-maturity": "Maturity", "competitive-position": "Competition"}

# The module's case: company B has an approved budget, an audit deadline and a good history with us...
COMPANY_B = {
    "market-opportunity": {
        "growth": "gradual",
        "size": ["volume", "affordable"],
        "competition": "ordinary",
        "relevance": "explicit",
        "industry-leader": "showcase",
    },
    "client-maturity": {
        "need": "decided",
        "finances": "sound",
        "budget": "sufficient",
        "urgency": "driven",
        "timing": "firm",
        "strategic-value": ["repeat", "reference", "strengths"],
        "risk": "low",
    },
    "competitive-position": {
        "compatibility": "ordinary",
        "past-impression": "good",
        "versus-rivals": "better",
        "top-view": "vague",
        "decision-model": "clear",
        "leverage": "none",
        "other-factors": "even",
    },
}
# ...company A grows fast but has no budget or timetable, runs a rival's system and we can't read its decision.
COMPANY_A = {
    "market-opportunity": {
        "growth": "high",
        "size": ["volume", "affordable", "marginal-cost"],
        "competition": "intense",
        "relevance": "explicit",
        "industry-leader": "planned",
    },
    "client-maturity": {
        "need": "latent",
        "finances": "sound",
        "budget": "none",
        "urgency": "ordinary",
        "timing": "none",
        "strategic-value": ["repeat", "strengths"],
        "risk": "unclear",
    },
    "competitive-position": {
        "compatibility": "incompatible",
        "past-impression": "none",
        "versus-rivals": "worse",
        "top-view": "less-trusted",
        "decision-model": "no-way-in",
        "leverage": "weaker",
        "other-factors": "their-edge",
    },
}


def test_levels_score_from_one_down_to_zero_and_checks_by_share() -> None:
    growth = RUBRIC.assessment("market-opportunity").criterion("growth")
    assert [criterion_score(growth, lv) for lv in ("high", "gradual", "stable", "declining")] == pytest.approx(
        [1, 2 / 3, 1 / 3, 0]
    )
    size = RUBRIC.assessment("market-opportunity").criterion("size")
    assert criterion_score(size, ["volume"]) == pytest.approx(1 / 3)
    assert criterion_score(size, []) == 0
    assert criterion_score(size, None) is None
    assert criterion_score(growth, None) is None


def test_the_case_gives_b_the_presales_team_and_a_not_yet() -> None:
    b = score_opportunity(RUBRIC, COMPANY_B)
    assert [(r.score, r.verdict) for r in b.assessments] == [(77, "go"), (96, "go"), (71, "go")]
    assert b.overall == "pursue"
    a = score_opportunity(RUBRIC, COMPANY_A)
    assert [(r.score, r.verdict) for r in a.assessments] == [(90, "go"), (29, "not_yet"), (7, "not_yet")]
    assert a.overall == "not_yet"
    assert a.result("client-maturity").flags == ["need", "budget", "urgency", "timing"]


def test_a_passing_tool_with_a_bottom_level_is_talked_through() -> None:
    ratings = {k: dict(v) for k, v in COMPANY_B.items()}
    ratings["client-maturity"]["finances"] = "weak"  # 83 still passes, but it sits at the bottom
    result = score_opportunity(RUBRIC, ratings)
    assert result.result("client-maturity").verdict == "review"
    assert result.overall == "discuss"


def test_an_unfinished_assessment_is_not_yet() -> None:
    ratings = {"market-opportunity": COMPANY_B["market-opportunity"]}
    result = score_opportunity(RUBRIC, ratings)
    assert [r.verdict for r in result.assessments] == ["go", "incomplete", "incomplete"]
    assert result.result("client-maturity").score is None
    assert result.overall == "not_yet"


def test_reasons_are_sentences_in_the_users_language() -> None:
    a = score_opportunity(RUBRIC, COMPANY_A)
    en = reasons(a, RUBRIC, NAMES, "en")
    assert en[0] == "Market: 90/100, at or above 60: Invest."
    assert en[1] == "Maturity: 29/100, below 60."
    assert "At the bottom: Budget, No budget yet." in en
    zh = reasons(a, RUBRIC, NAMES, "zh")
    assert "最低档：预算，还没有预算。" in zh
    partial = reasons(score_opportunity(RUBRIC, {}), RUBRIC, NAMES, "en")
    assert partial[0] == "Market: 5 criteria still open."


@pytest.fixture
def owner(session: Session):
    user = users.register(session, username="seller", display_name="Seller", password="password-123")
    account = clients.ensure_account(session, user_id=user.id, name="Company B")
    session.commit()
    return user, account


def test_opportunities_are_saved_updated_and_compared(session: Session, owner) -> None:
    user, account = owner
    opp = opportunity.save_opportunity(
        session, user_id=user.id, account_id=account.id, name="ERP", rubric=RUBRIC, ratings=COMPANY_A
    )
    other_account = clients.ensure_account(session, user_id=user.id, name="Company A")
    opportunity.save_opportunity(
        session, user_id=user.id, account_id=other_account.id, name="ERP", rubric=RUBRIC, ratings={}
    )
    session.commit()
    opportunity.save_opportunity(
        session,
        user_id=user.id,
        account_id=account.id,
        name="ERP rollout",
        rubric=RUBRIC,
        ratings=COMPANY_B,
        opportunity_id=opp.id,
    )
    session.commit()
    listed = opportunity.list_opportunities(session, user_id=user.id)
    assert [(a.name, o.name) for a, o in listed] == [("Company A", "ERP"), ("Company B", "ERP rollout")]
    assert score_opportunity(RUBRIC, listed[1][1].ratings).overall == "pursue"


@pytest.mark.parametrize(
    ("ratings", "key"),
    [
        ({"no-such-tool": {}}, "tool_err_rating"),
        ({"client-maturity": {"mood": "good"}}, "tool_err_rating"),
        ({"client-maturity": {"budget": "infinite"}}, "tool_err_rating"),
        ({"client-maturity": {"strategic-value": ["fame"]}}, "tool_err_rating"),
    ],
)
def test_unknown_answers_are_refused(session: Session, owner, ratings, key) -> None:
    user, account = owner
    with pytest.raises(ToolError) as exc:
        opportunity.save_opportunity(
            session, user_id=user.id, account_id=account.id, name="X", rubric=RUBRIC, ratings=ratings
        )
    assert exc.value.key == key


def test_names_are_required_and_unique_per_account(session: Session, owner) -> None:
    user, account = owner
    with pytest.raises(ToolError, match="tool_err_name"):
        opportunity.save_opportunity(
            session, user_id=user.id, account_id=account.id, name=" ", rubric=RUBRIC, ratings={}
        )
    opportunity.save_opportunity(session, user_id=user.id, account_id=account.id, name="MES", rubric=RUBRIC, ratings={})
    with pytest.raises(ToolError, match="tool_err_opportunity_exists"):
        opportunity.save_opportunity(
            session, user_id=user.id, account_id=account.id, name="MES", rubric=RUBRIC, ratings={}
        )


def test_a_second_user_cannot_see_or_change_the_opportunities(session: Session, owner) -> None:
    user, account = owner
    opp = opportunity.save_opportunity(
        session, user_id=user.id, account_id=account.id, name="ERP", rubric=RUBRIC, ratings=COMPANY_B
    )
    other = users.register(session, username="other", display_name="Other", password="password-123")
    session.commit()
    assert opportunity.list_opportunities(session, user_id=other.id) == []
    theirs = clients.ensure_account(session, user_id=other.id, name="Mine")
    for call in (
        lambda: opportunity.get_opportunity(session, user_id=other.id, opportunity_id=opp.id),
        lambda: opportunity.delete_opportunity(session, user_id=other.id, opportunity_id=opp.id),
        lambda: opportunity.save_opportunity(
            session, user_id=other.id, account_id=theirs.id, name="X", rubric=RUBRIC, ratings={}, opportunity_id=opp.id
        ),
        lambda: opportunity.save_opportunity(
            session, user_id=other.id, account_id=account.id, name="X", rubric=RUBRIC, ratings={}
        ),
    ):
        with pytest.raises(ToolError, match="tool_err_not_found"):
            call()
    session.rollback()
    assert opportunity.get_opportunity(session, user_id=user.id, opportunity_id=opp.id).name == "ERP"
