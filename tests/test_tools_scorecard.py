"""Relationship scorecard: saving assessments, validation, scoring the weakest element, privacy."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.content.rubrics import load_tool_rubrics
from academy.core.models import User
from academy.core.settings import ROOT
from academy.tools import clients, scorecard
from academy.tools.clients import ToolError

RUBRIC = load_tool_rubrics(ROOT / "content")[0].scorecard
ORDER = [e.element for e in RUBRIC.elements]


def _user(session: Session, name: str) -> User:
    return users.register(session, username=name, display_name=name.title(), password="password-123")


def _scores(**low: int) -> dict[str, int]:
    return {e: low.get(e, 4) for e in ORDER}


@pytest.fixture
def wang(session: Session):
    user = _user(session, "li.na")
    account = clients.ensure_account(session, user_id=user.id, name="  Huatuo Precision ")
    contact = clients.add_contact(session, user_id=user.id, account_id=account.id, name="Mr Wang", title="Head of IT")
    session.commit()
    return user, account, contact


def test_assessments_are_kept_in_date_order_and_compared(session: Session, wang) -> None:
    user, account, contact = wang
    assert account.name == "Huatuo Precision"
    scorecard.save_scorecard(
        session,
        user_id=user.id,
        contact_id=contact.id,
        rubric=RUBRIC,
        assessed_on=date(2026, 3, 1),
        scores=_scores(depth=1),
    )
    scorecard.save_scorecard(
        session, user_id=user.id, contact_id=contact.id, rubric=RUBRIC, assessed_on=date(2026, 1, 5), scores=_scores()
    )
    session.commit()
    rows = scorecard.history(session, user_id=user.id, contact_id=contact.id)
    assert [r.assessed_on for r in rows] == [date(2026, 1, 5), date(2026, 3, 1)]
    latest, previous = scorecard.latest_pair(rows)
    assert latest.scores["depth"] == 1 and previous.scores["depth"] == 4
    assert scorecard.weakest(latest.scores, ORDER) == ("depth", 1)


@pytest.mark.parametrize(
    "scores",
    [
        {e: 3 for e in ORDER[:-1]},  # an element missing
        {**{e: 3 for e in ORDER}, "charm": 3},  # an element the lesson doesn't teach
        {**{e: 3 for e in ORDER}, "value": 0},  # below the scale
        {**{e: 3 for e in ORDER}, "value": 6},  # above it
        {**{e: 3 for e in ORDER}, "value": 2.5},  # not a whole number
    ],
)
def test_bad_scores_are_refused_with_a_message(session: Session, wang, scores) -> None:
    user, _, contact = wang
    with pytest.raises(ToolError) as exc:
        scorecard.save_scorecard(
            session, user_id=user.id, contact_id=contact.id, rubric=RUBRIC, assessed_on=date(2026, 1, 1), scores=scores
        )
    assert exc.value.key == "tool_err_scores" and exc.value.params == {"scale": 5}


def test_future_dates_and_nameless_contacts_are_refused(session: Session, wang) -> None:
    user, account, contact = wang
    with pytest.raises(ToolError) as exc:
        scorecard.save_scorecard(
            session,
            user_id=user.id,
            contact_id=contact.id,
            rubric=RUBRIC,
            assessed_on=date(2026, 5, 2),
            scores=_scores(),
            today=date(2026, 5, 1),
        )
    assert exc.value.key == "tool_err_future_date"
    with pytest.raises(ToolError) as exc:
        clients.add_contact(session, user_id=user.id, account_id=account.id, name="   ")
    assert exc.value.key == "tool_err_name"
    with pytest.raises(ToolError) as exc:
        clients.add_contact(session, user_id=user.id, account_id=account.id, name="Mr Wang")
    assert exc.value.key == "tool_err_contact_exists"
    with pytest.raises(ToolError) as exc:
        clients.ensure_account(session, user_id=user.id, name="")
    assert exc.value.key == "tool_err_account"


def test_a_second_user_cannot_see_or_touch_the_first_users_contacts(session: Session, wang) -> None:
    user, account, contact = wang
    card = scorecard.save_scorecard(
        session, user_id=user.id, contact_id=contact.id, rubric=RUBRIC, assessed_on=date(2026, 1, 1), scores=_scores()
    )
    other = _user(session, "xiao.zhou")
    session.commit()
    assert clients.list_accounts(session, user_id=other.id) == []
    assert clients.list_contacts(session, user_id=other.id) == []
    assert scorecard.all_scorecards(session, user_id=other.id) == []
    for call in (
        lambda: scorecard.history(session, user_id=other.id, contact_id=contact.id),
        lambda: scorecard.save_scorecard(
            session,
            user_id=other.id,
            contact_id=contact.id,
            rubric=RUBRIC,
            assessed_on=date(2026, 1, 1),
            scores=_scores(),
        ),
        lambda: scorecard.delete_scorecard(session, user_id=other.id, scorecard_id=card.id),
        lambda: clients.add_contact(session, user_id=other.id, account_id=account.id, name="Spy"),
        lambda: clients.delete_contact(session, user_id=other.id, contact_id=contact.id),
        lambda: clients.delete_account(session, user_id=other.id, account_id=account.id),
    ):
        with pytest.raises(ToolError) as exc:
            call()
        assert exc.value.key == "tool_err_not_found"
    # the same account name is the second user's own, separate account
    mine = clients.ensure_account(session, user_id=other.id, name="Huatuo Precision")
    assert mine.id != account.id
    assert len(scorecard.history(session, user_id=user.id, contact_id=contact.id)) == 1


def test_deleting_an_account_removes_its_people_and_assessments(session: Session, wang) -> None:
    user, account, contact = wang
    scorecard.save_scorecard(
        session, user_id=user.id, contact_id=contact.id, rubric=RUBRIC, assessed_on=date(2026, 1, 1), scores=_scores()
    )
    session.commit()
    clients.delete_account(session, user_id=user.id, account_id=account.id)
    session.commit()
    assert clients.list_contacts(session, user_id=user.id) == []
    assert scorecard.all_scorecards(session, user_id=user.id) == []


def test_weakest_ties_go_to_the_element_the_lesson_lists_first() -> None:
    assert scorecard.weakest(_scores(frequency=2, favour=2), ORDER) == ("favour", 2)
    assert scorecard.weakest({**_scores(), "retired-element": 1}, ORDER)[0] == "value"


def test_contacts_are_listed_weakest_first(session: Session, wang) -> None:
    user, account, wang_contact = wang
    chen = clients.add_contact(session, user_id=user.id, account_id=account.id, name="Ms Chen")
    sun = clients.add_contact(session, user_id=user.id, account_id=account.id, name="Ms Sun")
    save = scorecard.save_scorecard
    save(
        session,
        user_id=user.id,
        contact_id=wang_contact.id,
        rubric=RUBRIC,
        assessed_on=date(2026, 1, 1),
        scores=_scores(depth=1),
    )
    # Wang's later assessment replaces the earlier one in the list
    save(
        session,
        user_id=user.id,
        contact_id=wang_contact.id,
        rubric=RUBRIC,
        assessed_on=date(2026, 2, 1),
        scores=_scores(depth=3),
    )
    save(
        session,
        user_id=user.id,
        contact_id=chen.id,
        rubric=RUBRIC,
        assessed_on=date(2026, 2, 1),
        scores=_scores(value=2),
    )
    save(
        session,
        user_id=user.id,
        contact_id=sun.id,
        rubric=RUBRIC,
        assessed_on=date(2026, 2, 1),
        scores=_scores(length=2, depth=2),
    )
    session.commit()
    spots = scorecard.weakest_first(scorecard.all_scorecards(session, user_id=user.id), ORDER)
    assert [(s.contact, s.element, s.score) for s in spots] == [
        ("Ms Sun", "length", 2),  # same weakest score as Chen, lower average
        ("Ms Chen", "value", 2),
        ("Mr Wang", "depth", 3),
    ]
