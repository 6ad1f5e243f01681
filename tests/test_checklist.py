"""Checklist services on SQLite and PostgreSQL: periods replace, validation, week roll-up in SQL, privacy, sharing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from academy.accounts import personal_data, users
from academy.checklist import entries
from academy.checklist import log as ck
from academy.checklist.demo import generate_log
from academy.content.loader import Course
from academy.core.models import ChecklistEntry, Role, User

MON = date(2026, 11, 2)  # a Monday


@pytest.fixture
def ids(course: Course) -> list[str]:
    return [item for _, item in course.checklist_items()]


def make(session: Session, name: str, role: Role = Role.learner) -> User:
    user = users.register(session, username=name, display_name=name.title(), password="password-123")
    user.role = role
    session.flush()
    return user


def save(session: Session, user: User, ids: list[str], period: str, start: date, counts: dict[int, tuple]) -> int:
    """counts: item index -> (executed, fulfilled[, note])."""
    rows = {ids[i]: dict(zip(("executed", "fulfilled", "note"), c, strict=False)) for i, c in counts.items()}
    return ck.save_period(session, user_id=user.id, period=period, start=start, rows=rows, item_ids=set(ids))


def test_saving_a_period_again_replaces_it(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    assert save(session, user, ids, "week", MON, {0: (4, 2, "first try"), 1: (3, 3)}) == 2
    assert save(session, user, ids, "week", MON, {0: (5, 4)}) == 1
    saved = ck.load_period(session, user_id=user.id, period="week", start=MON)
    assert {k: (v.executed, v.fulfilled, v.note) for k, v in saved.items()} == {ids[0]: (5, 4, "")}
    assert ck.period_totals(session, user_id=user.id, period="week", start=MON) == {ids[0]: (5, 4)}


def test_blank_behaviours_are_not_stored_and_an_empty_save_clears_the_period(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    rows = {ids[0]: {"executed": 2, "fulfilled": 1, "note": ""}, ids[1]: {"executed": None, "fulfilled": None}}
    assert ck.save_period(session, user_id=user.id, period="day", start=MON, rows=rows, item_ids=set(ids)) == 1
    assert save(session, user, ids, "day", MON, {}) == 0
    assert ck.load_period(session, user_id=user.id, period="day", start=MON) == {}


@pytest.mark.parametrize(
    ("values", "column", "key"),
    [
        ((2, 3), "fulfilled", "ck_err_fulfilled_gt_executed"),
        ((0, 0), "executed", "ck_err_executed_min"),
        ((2.5, 1), "executed", "ck_err_whole_number"),
        ((2, -1), "fulfilled", "ck_err_negative"),
        ((None, 1), "executed", "ck_err_required"),
        ((2, None), "fulfilled", "ck_err_required"),
        ((None, None, "a note without counts"), "executed", "ck_err_required"),
        ((2, 1, "x" * 2001), "note", "ck_err_note_long"),
    ],
)
def test_a_bad_row_names_the_behaviour_and_column_and_changes_nothing(
    session: Session, ids: list[str], values: tuple, column: str, key: str
) -> None:
    user = make(session, "ana")
    save(session, user, ids, "week", MON, {0: (4, 2)})
    with pytest.raises(entries.ChecklistRowErrors) as err:
        save(session, user, ids, "week", MON, {0: (1, 1), 3: values})
    assert (err.value.problems[0].row, err.value.problems[0].column, err.value.problems[0].key) == (ids[3], column, key)
    assert ck.period_totals(session, user_id=user.id, period="week", start=MON) == {ids[0]: (4, 2)}


def test_unknown_behaviours_and_weeks_not_starting_on_monday_are_refused(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    with pytest.raises(entries.ChecklistRowErrors) as err:
        ck.save_period(
            session,
            user_id=user.id,
            period="week",
            start=MON,
            rows={"made-up": {"executed": 1, "fulfilled": 1}},
            item_ids=set(ids),
        )
    assert err.value.problems[0].key == "ck_err_unknown_item"
    with pytest.raises(entries.ChecklistError) as err:
        save(session, user, ids, "week", MON + timedelta(days=1), {0: (1, 1)})
    assert err.value.key == "ck_err_not_monday"
    assert err.value.params == {"monday": str(MON)}


def test_a_week_is_logged_either_as_a_week_or_by_day_never_both(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    assert ck.week_logged_by(session, user_id=user.id, day=MON) == set()
    save(session, user, ids, "day", MON + timedelta(days=6), {0: (1, 1)})  # the Sunday of that week
    assert ck.week_logged_by(session, user_id=user.id, day=MON + timedelta(days=2)) == {"day"}
    with pytest.raises(entries.ChecklistError) as err:
        save(session, user, ids, "week", MON, {0: (5, 5)})
    assert (err.value.key, err.value.params) == ("ck_err_mixed_week", {"week": str(MON)})
    save(session, user, ids, "week", MON + timedelta(weeks=1), {0: (5, 5)})  # the next week is free
    with pytest.raises(entries.ChecklistError) as err:
        save(session, user, ids, "day", MON + timedelta(weeks=1, days=2), {0: (1, 0)})
    assert err.value.key == "ck_err_mixed_day"
    save(session, user, ids, "day", MON + timedelta(days=6), {})  # clearing the day frees the week
    save(session, user, ids, "week", MON, {0: (5, 5)})
    assert ck.week_logged_by(session, user_id=user.id, day=MON + timedelta(days=6)) == {"week"}


def test_weekly_totals_roll_days_into_their_iso_week_in_sql(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    save(session, user, ids, "day", MON - timedelta(days=1), {0: (1, 0)})  # a Sunday: the week before
    save(session, user, ids, "day", MON, {0: (2, 1), 1: (1, 1)})
    save(session, user, ids, "day", MON + timedelta(days=6), {0: (3, 3)})  # Sunday, same week as MON
    save(session, user, ids, "week", MON + timedelta(weeks=1), {0: (4, 2)})
    frame = ck.weekly_totals(session, user_id=user.id)
    got = sorted((r.week, r.item_id, r.executed, r.fulfilled) for r in frame.itertuples())
    assert got == sorted(
        [
            (MON - timedelta(weeks=1), ids[0], 1, 0),
            (MON, ids[0], 5, 4),
            (MON, ids[1], 1, 1),
            (MON + timedelta(weeks=1), ids[0], 4, 2),
        ]
    )
    since = ck.weekly_totals(session, user_id=user.id, since=MON + timedelta(days=3))  # from that week's Monday
    assert sorted(set(since["week"])) == [MON, MON + timedelta(weeks=1)]
    assert ck.period_totals(session, user_id=user.id, period="week", start=MON) == {ids[0]: (5, 4), ids[1]: (1, 1)}
    assert ck.period_totals(session, user_id=user.id, period="day", start=MON) == {ids[0]: (2, 1), ids[1]: (1, 1)}


def test_previous_logged_period_is_the_latest_one_of_the_same_kind(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    assert ck.previous_logged_start(session, user_id=user.id, period="week", before=MON) is None
    save(session, user, ids, "week", MON - timedelta(weeks=3), {0: (1, 1)})
    save(session, user, ids, "day", MON - timedelta(days=1), {0: (1, 1)})
    assert ck.previous_logged_start(session, user_id=user.id, period="week", before=MON) == MON - timedelta(weeks=3)
    assert ck.previous_logged_start(session, user_id=user.id, period="day", before=MON) == MON - timedelta(days=1)


def test_a_second_user_never_sees_or_changes_the_first_users_log(session: Session, ids: list[str]) -> None:
    ana, bo = make(session, "ana"), make(session, "bob")
    save(session, ana, ids, "week", MON, {0: (4, 2)})
    save(session, bo, ids, "week", MON, {})  # clearing Bo's week leaves Ana's alone
    save(session, bo, ids, "day", MON, {1: (1, 1)})  # no mixing clash with Ana's week either
    assert ck.load_period(session, user_id=bo.id, period="week", start=MON) == {}
    assert ck.period_totals(session, user_id=bo.id, period="week", start=MON) == {ids[1]: (1, 1)}
    assert set(ck.weekly_totals(session, user_id=bo.id)["item_id"]) == {ids[1]}
    assert ck.period_totals(session, user_id=ana.id, period="week", start=MON) == {ids[0]: (4, 2)}
    assert ck.previous_logged_start(session, user_id=bo.id, period="week", before=MON + timedelta(weeks=1)) is None


def test_target_and_goals(session: Session, ids: list[str]) -> None:
    ana, bo = make(session, "ana"), make(session, "bob")
    ck.set_target(session, user_id=ana.id, target=0.85)
    assert session.get(User, ana.id).checklist_target == 0.85
    with pytest.raises(entries.ChecklistError):
        ck.set_target(session, user_id=ana.id, target=1.5)
    ck.set_goals(session, user_id=ana.id, targets={ids[0]: 0.9, ids[1]: None}, item_ids=set(ids))
    ck.set_goals(session, user_id=bo.id, targets={ids[2]: 0.5}, item_ids=set(ids))
    assert ck.goals(session, user_id=ana.id) == {ids[0]: 0.9}
    ck.set_goals(session, user_id=ana.id, targets={ids[1]: 0.8}, item_ids=set(ids))  # replaces
    assert ck.goals(session, user_id=ana.id) == {ids[1]: 0.8}
    assert ck.goals(session, user_id=bo.id) == {ids[2]: 0.5}
    for bad in ({"made-up": 0.5}, {ids[0]: -0.1}):
        with pytest.raises(entries.ChecklistError):
            ck.set_goals(session, user_id=ana.id, targets=bad, item_ids=set(ids))
    assert ck.goals(session, user_id=ana.id) == {ids[1]: 0.8}


def test_a_trainer_sees_a_log_only_when_the_learner_shares_it(session: Session, ids: list[str]) -> None:
    learner, other = make(session, "ana"), make(session, "bob")
    trainer = make(session, "tess", Role.trainer)
    save(session, learner, ids, "week", MON, {0: (4, 3, "private thoughts")})
    for viewer in (trainer, other):
        with pytest.raises(entries.ChecklistError) as err:
            ck.shared_log_for_viewer(session, viewer=viewer, learner_id=learner.id)
        assert err.value.key == "ck_err_not_shared"
    assert ck.shared_log_for_viewer(session, viewer=learner, learner_id=learner.id).display_name == "Ana"

    ck.set_sharing(session, user_id=learner.id, share=True)
    with pytest.raises(entries.ChecklistError):  # shared, but this trainer does not train the learner's cohorts
        ck.shared_log_for_viewer(session, viewer=trainer, learner_id=learner.id)
    from academy.classroom import cohorts

    cohort = cohorts.create_cohort(session, trainer=trainer, name="East")
    cohorts.join_cohort(session, user=learner, code=cohort.join_code)
    shared = ck.shared_log_for_viewer(session, viewer=trainer, learner_id=learner.id)
    assert list(shared.weekly.itertuples(index=False)) == [(MON, ids[0], 4, 3)]
    assert "note" not in shared.weekly.columns
    with pytest.raises(entries.ChecklistError):  # sharing is with trainers, not with other learners
        ck.shared_log_for_viewer(session, viewer=other, learner_id=learner.id)
    ck.set_sharing(session, user_id=learner.id, share=False)
    with pytest.raises(entries.ChecklistError):
        ck.shared_log_for_viewer(session, viewer=trainer, learner_id=learner.id)


def test_generated_log_is_realistic_reproducible_and_replaces_itself(session: Session, ids: list[str]) -> None:
    ana, bo = make(session, "ana"), make(session, "bob")
    end = MON + timedelta(days=27)
    save(session, ana, ids, "week", MON, {0: (9, 9)})  # would double-count the generated days: replaced
    n = generate_log(session, user_id=ana.id, days=28, seed=7, item_ids=ids, end=end)
    assert 25 * 28 <= n <= 30 * 28
    assert generate_log(session, user_id=ana.id, days=28, seed=7, item_ids=ids, end=end) == n
    assert generate_log(session, user_id=bo.id, days=28, seed=7, item_ids=ids, end=end) == n
    rows = session.exec(select(ChecklistEntry).where(ChecklistEntry.user_id == ana.id)).all()
    assert len(rows) == n
    assert all(r.period == "day" and r.executed >= 1 and 0 <= r.fulfilled <= r.executed for r in rows)
    weekly = ck.weekly_totals(session, user_id=ana.id)
    assert len(weekly) <= 4 * len(ids)  # one row per (week, behaviour): aggregated by the database
    assert weekly["executed"].sum() == sum(r.executed for r in rows)


def test_account_export_and_deletion_cover_the_checklist(session: Session, ids: list[str]) -> None:
    user = make(session, "ana")
    save(session, user, ids, "week", MON, {0: (4, 2, "note")})
    ck.set_goals(session, user_id=user.id, targets={ids[0]: 0.9}, item_ids=set(ids))
    data = personal_data.export_user_data(session, user=user)
    assert data["checklistentry"][0]["period_start"] == str(MON)
    assert data["checklistgoal"] == [{"item_id": ids[0], "target": 0.9}]
    personal_data.delete_account(session, user=user, password="password-123")
    session.flush()
    assert session.exec(select(ChecklistEntry)).all() == []
    assert ck.goals(session, user_id=user.id) == {}
