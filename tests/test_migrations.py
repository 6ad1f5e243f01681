"""The migrations produce exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

import academy.core.models  # noqa: F401
from academy.core.db import get_engine
from academy.core.migrations import HEAD, alembic_config, applied, ensure_current, upgrade


def test_migrations_match_models(db_url: str) -> None:
    with get_engine(db_url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []


def test_upgrade_is_idempotent(db_url: str) -> None:
    upgrade(db_url)  # already at head: nothing to do, no error
    with get_engine(db_url).connect() as conn:
        assert MigrationContext.configure(conn).get_current_heads() == (HEAD,)


def test_head_names_the_newest_migration_script() -> None:
    # start-up skips Alembic when the database is at HEAD: a new migration must move HEAD too
    assert ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads() == [HEAD]


def test_start_up_migrates_an_empty_or_older_database_and_leaves_a_current_one(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    assert applied(url) == set()
    upgrade(url, "0002")  # an installation from before the later migrations
    assert applied(url) == {"0002"}
    ensure_current(url)
    assert applied(url) == {HEAD}
    with get_engine(url).connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM livesession").scalar() == 0  # a table of 0005
    ensure_current(url)  # at HEAD: nothing to do
    assert applied(url) == {HEAD}


def test_sqlite_uses_wal_and_foreign_keys(tmp_path) -> None:
    engine = get_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000


def test_0007_keeps_the_checklist_and_never_hands_an_id_out_twice(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    upgrade(url, "0006")
    columns = "user_id, period, period_start, item_id, executed, fulfilled, note"
    with get_engine(url).begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO user (id, username, display_name, password_hash, role, language, created_at,"
            " failed_logins, share_checklist, checklist_target) VALUES (1, 'ann', 'Ann', 'x', 'learner', 'zh',"
            " '2026-11-02 00:00:00', 0, 0, 0.7)"
        )
        conn.exec_driver_sql(f"INSERT INTO checklistentry ({columns}) VALUES (1, 'week', '2026-11-02', 'a', 3, 2, 'n')")
    ensure_current(url)
    with get_engine(url).begin() as conn:
        assert conn.exec_driver_sql("SELECT id, executed, fulfilled, note FROM checklistentry").all() == [
            (1, 3, 2, "n")
        ]
        conn.exec_driver_sql("DELETE FROM checklistentry")  # an edit: the period's rows replaced
        conn.exec_driver_sql(f"INSERT INTO checklistentry ({columns}) VALUES (1, 'week', '2026-11-02', 'a', 3, 3, '')")
        assert conn.exec_driver_sql("SELECT id FROM checklistentry").scalar() == 2
    with get_engine(url).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_0011_keeps_live_quizzes_as_quizzes(backend: str, request: pytest.FixtureRequest, tmp_path) -> None:
    """Sessions started before role-plays could run live stay quizzes; role-play attempts get their own table."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'live.db'}"
    else:
        from tests.servers import create_database

        url = create_database(request.getfixturevalue("pg_admin_url"), f"m9_{uuid.uuid4().hex[:12]}")
    upgrade(url, "0007")
    with get_engine(url).begin() as conn:
        conn.exec_driver_sql(
            'INSERT INTO "user" (id, username, display_name, password_hash, role, language, created_at,'
            " failed_logins, share_checklist, checklist_target) VALUES (1, 'tia', 'Tia', 'x', 'trainer', 'zh',"
            " '2026-11-02 00:00:00', 0, false, 0.7)"
        )
        conn.exec_driver_sql(
            "INSERT INTO livesession (id, trainer_id, code, title, question_ids, time_limit, phase, current,"
            " created_at) VALUES (1, 1, '123456', 'Week 1', '[\"q1\"]', 20, 'ended', 0, '2026-11-02 00:00:00')"
        )
    ensure_current(url)
    with get_engine(url).connect() as conn:
        assert conn.exec_driver_sql("SELECT kind, roleplay_id, title FROM livesession").all() == [
            ("quiz", None, "Week 1")
        ]
        assert conn.exec_driver_sql("SELECT count(*) FROM roleplayattempt").scalar() == 0
    get_engine(url).dispose()


def test_0013_clamps_out_of_range_counts_keeps_every_user_row_and_checks_new_ones(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'bounds.db'}"
    upgrade(url, "0007")
    columns = "user_id, period, period_start, item_id, executed, fulfilled, note"
    huge = 9223372036854775807
    with get_engine(url).begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO user (id, username, display_name, password_hash, role, language, created_at,"
            " failed_logins, share_checklist, checklist_target) VALUES (1, 'ann', 'Ann', 'x', 'learner', 'zh',"
            " '2026-11-02 00:00:00', 3, 1, 0.7)"
        )
        conn.exec_driver_sql(
            "INSERT INTO sectionread (user_id, module_id, section_id, read_at) VALUES (1, 'm', 's', '2026-11-02')"
        )
        for n, (executed, fulfilled) in enumerate([(huge, huge), (5, 9), (4, 2)]):
            week = f"2026-11-{2 + 7 * n:02d}"
            values = f"(1, 'week', '{week}', 'a', {executed}, {fulfilled}, '')"
            conn.exec_driver_sql(f"INSERT INTO checklistentry ({columns}) VALUES {values}")
    ensure_current(url)
    with get_engine(url).begin() as conn:
        assert conn.exec_driver_sql("SELECT executed, fulfilled FROM checklistentry ORDER BY id").all() == [
            (1000, 1000),
            (5, 5),
            (4, 2),
        ]
        assert conn.exec_driver_sql("SELECT count(*) FROM sectionread").scalar() == 1  # nothing cascaded away
        assert conn.exec_driver_sql("SELECT username FROM user").all() == [("ann",)]
    with pytest.raises(IntegrityError), get_engine(url).begin() as conn:
        conn.exec_driver_sql(
            f"INSERT INTO checklistentry ({columns}) VALUES (1, 'week', '2027-01-04', 'a', 1001, 0, '')"
        )


def test_0014_marks_old_guests_and_folds_their_names(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url, "0007")
    with get_engine(url).begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO user (id, username, display_name, password_hash, role, language, created_at,"
            " failed_logins, share_checklist, checklist_target) VALUES (1, 'ann', 'Ann', 'x', 'trainer', 'zh',"
            " '2026-11-02 00:00:00', 0, 0, 0.7)"
        )
        conn.exec_driver_sql(
            "INSERT INTO livesession (id, trainer_id, code, title, question_ids, time_limit, phase, current,"
            " created_at) VALUES (1, 1, '123456', 't', '[]', 20, 'lobby', -1, '2026-11-02 00:00:00')"
        )
        for pid, user_id, name in ((1, 1, "Ann"), (2, None, "ＳＡＭ  Lee")):
            conn.exec_driver_sql(
                "INSERT INTO liveparticipant (id, session_id, user_id, nickname, token, joined_at)"
                f" VALUES (?, 1, ?, ?, 't{pid}', '2026-11-02 00:00:00')",
                (pid, user_id, name),
            )
    ensure_current(url)
    with get_engine(url).connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, guest, name_key FROM liveparticipant ORDER BY id").all()
    assert rows == [(1, 0, "ann"), (2, 1, "sam lee")]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_processes_starting_together_on_an_empty_database_all_start(
    backend: str, request: pytest.FixtureRequest, tmp_path
) -> None:
    """Several app processes started at once on a new database: one migrates, the others wait for it."""
    import subprocess
    import sys
    import time

    from academy.core.settings import ROOT

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        from tests.servers import create_database

        url = create_database(request.getfixturevalue("pg_admin_url"), f"race_{uuid.uuid4().hex[:12]}")
    start_at = time.time() + 8  # time for every process to start and import before the moment
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.workers.migrator", url, str(start_at)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outcomes = [p.communicate(timeout=180)[0].strip() for p in procs]
    assert outcomes == ["ok"] * 4, outcomes
    assert applied(url) == {HEAD}
