"""Decision-unit map: members and ties, the seasoned seller's warnings, and privacy between users."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.core.models import ToolContact, ToolTie
from academy.tools import clients, decision_unit
from academy.tools.clients import ToolError
from academy.tools.decision_unit import unit_warnings


def _person(pid: int, name: str, roles=(), attitude=None, relationship=None, met=True) -> ToolContact:
    return ToolContact(
        id=pid,
        user_id=1,
        account_id=1,
        name=name,
        roles=list(roles),
        attitude=attitude,
        relationship=relationship,
        met=met,
    )


def _keys(warnings) -> list[tuple[str, str]]:
    return [(w.key, w.person or w.role) for w in warnings]


def test_constants_match_the_lesson_terms(course) -> None:
    module = course.module("m7-decision-unit")
    for kind, ids in (
        ("role", decision_unit.ROLES),
        ("attitude", decision_unit.ATTITUDES),
        ("relationship", decision_unit.RELATIONSHIPS),
    ):
        assert set(ids) == {t.id for t in module.terms if t.attrs.get("kind") == kind}


def test_the_huatuo_case_raises_the_warnings_the_lesson_discusses() -> None:
    """The module's case: a 70% forecast resting on one champion who cannot sign."""
    liu = _person(1, "Mr Liu", ["screener"], "active", "champion")
    chen = _person(2, "Ms Chen", ["evaluator"], "passive", "neutral")
    wang = _person(3, "Mr Wang", ["evaluator", "user"], "resistant", "blocker")
    zhao = _person(4, "Mr Zhao", ["decider"], met=False)
    sun = _person(5, "Ms Sun", ["screener"])
    family = ToolTie(id=1, user_id=1, account_id=1, contact_a=3, contact_b=5, kind="family")
    warnings = unit_warnings([liu, chen, wang, zhao, sun], [family])
    assert _keys(warnings) == [
        ("tool_warn_decider_not_met", "Mr Zhao"),
        ("tool_warn_decider_unknown", "Mr Zhao"),
        ("tool_warn_resistant_key", "Mr Wang"),
    ]
    assert warnings[2].role == "evaluator"
    # Sun is a screener, not a key role: the family tie to the blocker raises nothing yet...
    sun.roles = ["screener", "evaluator"]
    assert ("tool_warn_hostile_tie", "Mr Wang") in _keys(unit_warnings([liu, chen, wang, zhao, sun], [family]))


def test_no_champion_hostile_decider_and_uncovered_roles() -> None:
    boss = _person(1, "Boss", ["decider"], "active", "enemy")
    clerk = _person(2, "Clerk", ["user"], "passive", "supporter")
    assert _keys(unit_warnings([boss, clerk])) == [
        ("tool_warn_hostile_decider", "Boss"),
        ("tool_warn_no_champion", ""),
        ("tool_warn_role_uncovered", "evaluator"),
        ("tool_warn_role_uncovered", "screener"),
    ]


def test_a_well_covered_unit_raises_nothing_and_an_empty_one_is_silent() -> None:
    unit = [
        _person(1, "D", ["decider"], "active", "supporter"),
        _person(2, "E", ["evaluator"], "passive", "champion"),
        _person(3, "S", ["screener"], "passive", "neutral"),
        _person(4, "U", ["user"], "resistant", "neutral"),  # a resistant user is no amber light
    ]
    assert unit_warnings(unit) == []
    assert unit_warnings([]) == []


def test_tag_uses_the_course_notation(course) -> None:
    codes = {t.id: str(t.attrs.get("code")) for t in course.module("m7-decision-unit").terms}
    wang = _person(3, "Mr Wang", ["user", "evaluator"], "resistant", "blocker")
    wang.roles = [r for r in decision_unit.ROLES if r in wang.roles]
    assert decision_unit.tag(wang, codes) == "E/U · R · B"
    assert decision_unit.tag(_person(4, "Mr Zhao", ["decider"]), codes) == "D · ? · ?"


@pytest.fixture
def unit(session: Session):
    user = users.register(session, username="xiao.zhou", display_name="Zhou", password="password-123")
    account = clients.ensure_account(session, user_id=user.id, name="Huatuo")
    session.commit()
    return user, account


def test_members_are_saved_updated_and_validated(session: Session, unit) -> None:
    user, account = unit
    wang = decision_unit.save_member(
        session,
        user_id=user.id,
        account_id=account.id,
        name="Mr Wang",
        roles=["user", "evaluator", "user"],
        attitude="resistant",
        relationship="blocker",
        influence=4,
    )
    session.commit()
    assert wang.roles == ["evaluator", "user"]
    decision_unit.save_member(
        session,
        user_id=user.id,
        account_id=account.id,
        contact_id=wang.id,
        name="Mr Wang",
        roles=["evaluator"],
        met=True,
    )
    session.commit()
    [saved] = clients.list_contacts(session, user_id=user.id, account_id=account.id)
    assert (saved.roles, saved.attitude, saved.relationship, saved.met) == (["evaluator"], None, None, True)
    for bad, key in (
        ({"name": ""}, "tool_err_name"),
        ({"name": "X", "roles": ["boss"]}, "tool_err_roles"),
        ({"name": "X", "attitude": "angry"}, "tool_err_attitude"),
        ({"name": "X", "relationship": "friend"}, "tool_err_relationship"),
        ({"name": "X", "influence": 0}, "tool_err_influence"),
        ({"name": "X", "influence": 6}, "tool_err_influence"),
        ({"name": "Mr Wang"}, "tool_err_contact_exists"),
    ):
        with pytest.raises(ToolError) as exc:
            decision_unit.save_member(session, user_id=user.id, account_id=account.id, **bad)
        assert exc.value.key == key, bad


def test_ties_are_undirected_and_stay_inside_the_account(session: Session, unit) -> None:
    user, account = unit
    a = decision_unit.save_member(session, user_id=user.id, account_id=account.id, name="A")
    b = decision_unit.save_member(session, user_id=user.id, account_id=account.id, name="B")
    decision_unit.add_tie(
        session, user_id=user.id, account_id=account.id, contact_a=b.id, contact_b=a.id, kind="family"
    )
    decision_unit.add_tie(
        session, user_id=user.id, account_id=account.id, contact_a=a.id, contact_b=b.id, kind="rivalry"
    )
    session.commit()
    [tie] = decision_unit.list_ties(session, user_id=user.id, account_id=account.id)
    assert (tie.contact_a, tie.contact_b, tie.kind) == (min(a.id, b.id), max(a.id, b.id), "rivalry")
    with pytest.raises(ToolError, match="tool_err_tie_self"):
        decision_unit.add_tie(
            session, user_id=user.id, account_id=account.id, contact_a=a.id, contact_b=a.id, kind="other"
        )
    with pytest.raises(ToolError, match="tool_err_kind"):
        decision_unit.add_tie(
            session, user_id=user.id, account_id=account.id, contact_a=a.id, contact_b=b.id, kind="lovers"
        )
    elsewhere = clients.ensure_account(session, user_id=user.id, name="Elsewhere")
    c = decision_unit.save_member(session, user_id=user.id, account_id=elsewhere.id, name="C")
    with pytest.raises(ToolError, match="tool_err_not_found"):
        decision_unit.add_tie(
            session, user_id=user.id, account_id=account.id, contact_a=a.id, contact_b=c.id, kind="other"
        )
    clients.delete_contact(session, user_id=user.id, contact_id=b.id)
    session.commit()
    assert decision_unit.list_ties(session, user_id=user.id, account_id=account.id) == []


def test_a_second_user_cannot_read_or_change_the_unit(session: Session, unit) -> None:
    user, account = unit
    a = decision_unit.save_member(session, user_id=user.id, account_id=account.id, name="A", roles=["decider"])
    b = decision_unit.save_member(session, user_id=user.id, account_id=account.id, name="B")
    tie = decision_unit.add_tie(
        session, user_id=user.id, account_id=account.id, contact_a=a.id, contact_b=b.id, kind="family"
    )
    other = users.register(session, username="rival", display_name="Rival", password="password-123")
    session.commit()
    assert decision_unit.list_ties(session, user_id=other.id, account_id=account.id) == []
    for call in (
        lambda: decision_unit.save_member(session, user_id=other.id, account_id=account.id, name="Mole"),
        lambda: decision_unit.save_member(
            session, user_id=other.id, account_id=account.id, contact_id=a.id, name="A", roles=["user"]
        ),
        lambda: decision_unit.add_tie(
            session, user_id=other.id, account_id=account.id, contact_a=a.id, contact_b=b.id, kind="rivalry"
        ),
        lambda: decision_unit.delete_tie(session, user_id=other.id, tie_id=tie.id),
    ):
        with pytest.raises(ToolError, match="tool_err_not_found"):
            call()
    session.rollback()
    assert [c.roles for c in clients.list_contacts(session, user_id=user.id)] == [["decider"], []]
