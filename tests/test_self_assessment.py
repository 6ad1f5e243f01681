"""Self-assessment scoring (pure, with ties and borderline answers) and stored results."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from academy.accounts import users
from academy.content.loader import Course
from academy.learning import self_assessment as sa


def answers_for(survey, by_dimension: dict[str, int]) -> dict[str, int]:
    """Rate every item so that its dimension scores the given raw value (reverse items flipped)."""
    return {
        i.id: (survey.scale + 1 - by_dimension[i.dimension]) if i.reverse else by_dimension[i.dimension]
        for i in survey.items
    }


def test_dimension_scores_rescale_and_flip_reverse_items(course: Course) -> None:
    survey = course.questionnaires["seller-profile"]
    scores = sa.dimension_scores(survey, answers_for(survey, {"attack": 5, "control": 3, "support": 1}))
    assert scores == {"attack": 100.0, "control": 50.0, "support": 0.0}


def test_missing_or_out_of_range_answers_are_refused(course: Course) -> None:
    survey = course.questionnaires["character"]
    full = answers_for(survey, {d.id: 3 for d in survey.dimensions})
    with pytest.raises(sa.AssessmentError, match="sa_missing_answers"):
        sa.dimension_scores(survey, dict(list(full.items())[1:]))
    with pytest.raises(sa.AssessmentError, match="sa_out_of_range"):
        sa.dimension_scores(survey, {**full, survey.items[0].id: 6})


@pytest.mark.parametrize(
    ("scores", "level"),
    [
        ({"attack": 90, "control": 90, "support": 90}, "top"),
        ({"attack": 70, "control": 70, "support": 69.9}, "senior"),  # exactly at the threshold counts
        ({"attack": 70, "control": 10, "support": 95}, "intermediate"),  # support without attack and control
        ({"attack": 69.9, "control": 100, "support": 100}, "developing"),
    ],
)
def test_seller_level_follows_the_souls(scores, level) -> None:
    assert sa.seller_level(scores) == level


def test_weakest_names_every_tied_dimension() -> None:
    assert sa.weakest({"attack": 40, "control": 40, "support": 80}) == ["attack", "control"]


@pytest.mark.parametrize(
    ("control", "sensitivity", "styles", "confidence"),
    [
        (100, 0, ("tiger",), "clear"),
        (100, 100, ("peacock",), "clear"),
        (0, 100, ("koala",), "clear"),
        (0, 0, ("owl",), "clear"),
        (75, 40, ("tiger",), "moderate"),  # 0.5 from the control axis but only 0.2 from the sensitivity axis
        (50, 90, ("peacock", "koala"), "borderline"),  # exactly on the control axis: both neighbours
        (50, 50, ("tiger", "peacock", "owl", "koala"), "borderline"),
    ],
)
def test_personality_placement(control, sensitivity, styles, confidence) -> None:
    placement = sa.place_personality({"control": control, "sensitivity": sensitivity})
    assert set(placement.styles) == set(styles)
    assert placement.confidence == confidence


def test_contacts_are_saved_reassessed_and_private(session: Session, course: Course) -> None:
    me = users.register(session, username="seller-a", display_name="A", password="password-123").id
    other = users.register(session, username="seller-b", display_name="B", password="password-123").id
    survey = course.questionnaires["client-personality"]
    with pytest.raises(sa.AssessmentError, match="sa_subject_required"):
        sa.save(
            session, user_id=me, questionnaire=survey, answers=answers_for(survey, {"control": 5, "sensitivity": 1})
        )
    sa.save(
        session,
        user_id=me,
        questionnaire=survey,
        answers=answers_for(survey, {"control": 5, "sensitivity": 1}),
        subject="Mr Wang",
    )
    sa.save(
        session,
        user_id=me,
        questionnaire=survey,
        answers=answers_for(survey, {"control": 4, "sensitivity": 4}),
        subject="Mr Wang",
    )
    session.commit()
    results = sa.history(session, user_id=me, kind="client-personality", subject="Mr Wang")
    assert [r.result["styles"] for r in results] == [["tiger"], ["peacock"]]
    assert sa.subjects(session, user_id=me) == ["Mr Wang"]
    assert sa.subjects(session, user_id=other) == []
    assert sa.history(session, user_id=other, kind="client-personality") == []
