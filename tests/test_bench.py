"""The benchmark's own correctness (no timings): the live burst loses nothing, the data has the stated counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from academy.content.loader import Course
from academy.core.db import get_engine, session_scope
from academy.core.models import ChecklistEntry, CohortMember, QuizAnswer
from academy.learning import quiz
from academy.learning.scoring import quiz_score
from bench.burst import run_burst
from bench.data import Plan, seed


def test_a_burst_of_twenty_trainees_records_every_answer_exactly_once(tmp_path: Path, course: Course) -> None:
    url = f"sqlite:///{tmp_path / 'burst.db'}"
    try:
        result = run_burst(url, course=course, trainees=20)
    finally:
        get_engine(url).dispose()
    assert result.sent == 20
    assert result.double_taps == 1  # one trainee sent the same answer twice at once
    assert result.recorded == result.distinct_recorded == 20
    assert result.errors == {}
    assert result.all_visible_ms is not None  # the trainer's snapshot counted all twenty


def test_the_plans_at_each_scale() -> None:
    assert Plan.at(1) == Plan(scale=1, days=30, learner_attempts=10, trainees=5, attempts_per_trainee=30)
    assert Plan.at(10) == Plan(scale=10, days=300, learner_attempts=100, trainees=50)
    assert Plan.at(100) == Plan(scale=100, days=1095, learner_attempts=1000, trainees=500)


def test_scale_one_has_the_stated_counts_of_real_looking_rows(db_url: str, course: Course) -> None:
    seeded = seed(db_url, course=course, scale=1)
    counts = seeded.counts
    items = len(course.checklist_items())
    assert counts["checklist_days"] == 30
    assert 0.85 * 30 * items <= counts["checklist_entries"] <= 30 * items  # most behaviours come up most days
    assert counts["learner_attempts"] == 10
    assert counts["trainees"] == 5
    assert counts["trainee_attempts"] == 5 * 30
    assert counts["live_answers"] == 5
    with session_scope(db_url) as s:
        assert (
            s.exec(select(func.count()).where(ChecklistEntry.user_id == seeded.learner_id)).one()
            == (counts["checklist_entries"])
        )
        members = s.exec(select(func.count()).where(CohortMember.cohort_id == seeded.cohort_id)).one()
        assert members == 5
        # what the quiz pages read: finished attempts whose scores follow from their answers
        attempts = quiz.history(s, user_id=seeded.learner_id)
        assert len(attempts) == 10
        for attempt in attempts:
            given = quiz.answers(s, user_id=seeded.learner_id, attempt_id=attempt.id)
            assert set(given) == {item["q"] for item in attempt.layout}
            assert attempt.score == quiz_score([a.score for a in given.values()], len(attempt.layout))
        missed = quiz.missed_questions(s, user_id=seeded.learner_id, course=course)
        assert counts["learner_review_cards"] == len(missed) > 0
        answered = s.exec(select(func.count()).where(QuizAnswer.user_id == seeded.learner_id)).one()
        assert answered == counts["learner_answers"]


def test_an_unknown_page_name_is_refused_with_the_known_ones(capsys) -> None:
    from bench.__main__ import main

    assert main(["--page", "dashbord", "--pages-only"]) == 2
    out = capsys.readouterr().out
    assert "unknown page(s): dashbord" in out
    assert "dashboard" in out and "checklist: charts, all" in out


def test_phone_seconds_are_late_when_the_last_update_is_older_than_the_poll_plus_half_a_second() -> None:
    from types import SimpleNamespace

    from bench.phones import _late_share
    from bench.protocol import Run

    def phone(finishes: list[float], interval: float = 1.0) -> SimpleNamespace:
        return SimpleNamespace(runs=[Run("r", (), at, finished=at, interval=interval) for at in finishes])

    steady = phone([0.5 + i for i in range(10)])  # an update every second
    stalled = phone([0.5, 1.5, 2.5])  # nothing after 2.5 s
    lobby = phone([0.2, 2.2, 4.2, 6.2, 8.2], interval=2.0)  # a 2 s poll is on time every 2 s
    assert _late_share([steady], 0.0, 10.0) == 0.0
    assert _late_share([lobby], 0.0, 10.0) == 0.0
    # the stalled phone is late from second 5 (4.0 - 2.5 > 1.5) to second 10: 6 of 10
    assert _late_share([stalled], 0.0, 10.0) == 0.6
    assert _late_share([steady, stalled], 0.0, 10.0) == 0.3


def test_a_phone_run_fails_on_a_duplicate_or_unstored_answer_and_reports_timings_only() -> None:
    from bench.phones import targets

    base = {
        "phones": 3,
        "joined": 3,
        "answers_sent": 6,
        "answers_acked": 6,
        "answers_refused": 0,
        "answers_stored": 6,
        "answers_stored_distinct": 6,
        "fragment_p95_ms": 1500.0,
        "late_share": 0.1,
        "host_view_max_s": 3.0,
        "disconnects": 0,
    }
    met = targets(base)
    assert met["all_stored_once"] and not met["p95_under_1s"] and not met["host_within_2s"]
    assert not targets(base | {"answers_stored": 7})["all_stored_once"]  # one stored twice
    assert not targets(base | {"answers_stored": 5, "answers_stored_distinct": 5})["all_stored_once"]  # one lost
    assert not targets(base | {"joined": 2})["all_stored_once"]


def test_the_phone_bench_refuses_sizes_out_of_bounds(capsys) -> None:
    from bench.phones import main

    with pytest.raises(SystemExit):
        main(["--n", "0"])
    with pytest.raises(SystemExit):
        main(["--n", "ten"])
    assert "phones 1-2000" in capsys.readouterr().err
