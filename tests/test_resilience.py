"""The database under stress: parallel writers, a writer killed mid-write, backup and restore."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from academy.accounts import users
from academy.core.backup import BackupError, backup, restore, sqlite_path
from academy.core.db import get_engine, session_scope
from academy.core.migrations import upgrade
from academy.core.models import ChecklistEntry, QuizAttempt, User
from academy.core.settings import ROOT


def writer(url: str, username: str, weeks: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.workers.writer", url, username, str(weeks)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'stress.db'}"
    upgrade(url)
    return url


def test_twenty_parallel_writers_lose_nothing(sqlite_url: str) -> None:
    procs = [writer(sqlite_url, f"writer{i:02d}", weeks=5) for i in range(20)]
    outputs = [p.communicate(timeout=1200) for p in procs]  # a bound on a hang, not a speed target
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "database is locked" not in err
    with Session(get_engine(sqlite_url)) as s:
        assert s.exec(select(func.count()).select_from(User)).one() == 20
        assert s.exec(select(func.count()).select_from(ChecklistEntry)).one() == 20 * 5 * 10
        assert s.exec(select(func.count()).select_from(QuizAttempt)).one() == 20 * 5


def test_a_writer_killed_mid_write_leaves_a_sound_database_with_every_acknowledged_write(sqlite_url: str) -> None:
    proc = writer(sqlite_url, "victim", weeks=10_000)
    acked: list[str] = []
    deadline = time.monotonic() + 600  # a bound on a hang: the loop ends at 40 acknowledged writes
    while len(acked) < 40 and time.monotonic() < deadline:  # let it get well into its writes
        line = proc.stdout.readline()
        if line.startswith("ack "):
            acked.append(line.split(" ", 1)[1].strip())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    acked += [line.split(" ", 1)[1].strip() for line in proc.stdout.read().splitlines() if line.startswith("ack ")]
    assert len(acked) >= 40

    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        weeks = {row[0] for row in conn.execute("SELECT DISTINCT period_start FROM checklistentry")}
        attempts = {str(row[0]) for row in conn.execute("SELECT id FROM quizattempt WHERE finished_at IS NOT NULL")}
    for ack in acked:
        kind, value = ack.split(" ", 1)
        if kind == "week":
            assert value in {str(w) for w in weeks}, f"acknowledged week {value} is missing"
        elif kind == "attempt":
            assert value in attempts, f"acknowledged attempt {value} is missing"


def test_backup_while_writing_and_restore(sqlite_url: str, tmp_path: Path) -> None:
    with session_scope(sqlite_url) as s:
        users.register(s, username="keeper", display_name="Keeper", password="password-123")
    proc = writer(sqlite_url, "busy", weeks=30)  # the app keeps writing during the backup
    copy = backup(sqlite_url, tmp_path / "backups" / "academy.db")
    proc.communicate(timeout=120)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM user WHERE username = 'keeper'").fetchone()[0] == 1

    with session_scope(sqlite_url) as s:
        s.delete(s.exec(select(User).where(User.username == "keeper")).one())
    get_engine(sqlite_url).dispose()
    restore(sqlite_url, copy)
    with Session(get_engine(sqlite_url)) as s:
        assert s.exec(select(User).where(User.username == "keeper")).one().display_name == "Keeper"


def test_restore_refuses_a_file_that_is_not_a_backup(sqlite_url: str, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("just some text")
    with pytest.raises(BackupError, match="is not a SQLite database"):
        restore(sqlite_url, bogus)
    with pytest.raises(BackupError, match="for PostgreSQL use pg_dump"):
        backup("postgresql+psycopg://u@localhost/db", tmp_path / "x.db")


def test_backup_and_restore_from_the_command_line(sqlite_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": sqlite_url}
    out = subprocess.run(
        [sys.executable, "-m", "academy", "backup", str(tmp_path / "b.db")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and out.stdout.startswith("backup written:")
    out = subprocess.run(
        [sys.executable, "-m", "academy", "restore", str(tmp_path / "b.db")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and "restored from" in out.stdout


@pytest.mark.parametrize("name", ["academy #2.db", "what?.db", "100%.db", "with space.db"])
def test_backup_and_restore_files_whatever_their_name(sqlite_url: str, tmp_path: Path, name: str) -> None:
    with session_scope(sqlite_url) as s:
        users.register(s, username="keeper", display_name="Keeper", password="password-123")
    copy = backup(sqlite_url, tmp_path / "backups" / name)
    with session_scope(sqlite_url) as s:
        s.delete(s.exec(select(User).where(User.username == "keeper")).one())
    get_engine(sqlite_url).dispose()
    restore(sqlite_url, copy)
    with Session(get_engine(sqlite_url)) as s:
        assert s.exec(select(User).where(User.username == "keeper")).one().display_name == "Keeper"


@pytest.mark.parametrize("suffix", ["#2.db", "?mode=rw"])
def test_restore_checks_the_very_file_it_restores(sqlite_url: str, tmp_path: Path, suffix: str) -> None:
    backup(sqlite_url, tmp_path / "good")  # a sound backup whose name the foreign file's begins with
    foreign = tmp_path / f"good{suffix}"
    foreign.write_text("not a database")
    with pytest.raises(BackupError, match="is not a SQLite database"):
        restore(sqlite_url, foreign)
    with sqlite3.connect(sqlite_path(sqlite_url)) as conn:  # the live database is untouched
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1


def test_a_second_process_saves_while_the_largest_import_runs(sqlite_url: str, course) -> None:
    """A 100,000-row import holds the write lock once; another person's saves wait for it, never fail."""
    from datetime import date

    from academy.checklist import files
    from academy.checklist import log as checklist

    item_ids = {item for _, item in course.checklist_items()}
    with session_scope(sqlite_url) as s:
        saver = users.register(s, username="saver", display_name="Saver", password="password-123").id
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.workers.importer", sqlite_url, "bulk", str(files.MAX_IMPORT_ROWS)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    saves, week = 0, date(2026, 1, 5)
    while proc.poll() is None or saves < 3:  # save again and again while the import runs
        with session_scope(sqlite_url) as s:
            rows = {sorted(item_ids)[0]: {"executed": saves % 50 + 1, "fulfilled": 0}}
            checklist.save_period(s, user_id=saver, period="week", start=week, rows=rows, item_ids=item_ids)
        saves += 1
    out, err = proc.communicate(timeout=300)
    assert out.strip() == f"imported {files.MAX_IMPORT_ROWS}", err
    with Session(get_engine(sqlite_url)) as s:
        assert s.exec(select(func.count()).select_from(ChecklistEntry)).one() == files.MAX_IMPORT_ROWS + 1
