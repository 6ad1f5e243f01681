"""Consistent copies of the SQLite database while the app runs (SQLite's online backup API), and restore.

PostgreSQL deployments use the server's own tools (pg_dump / pg_restore) instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    pass


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError("backup and restore work on the SQLite database; for PostgreSQL use pg_dump and pg_restore")
    return Path(url.database)


def _check(path: Path) -> None:
    # as_uri() percent-encodes the name: a raw "#" or "?" in a file: URI would open another file
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            has_schema = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{path} is not a SQLite database: {exc}") from None
    if ok != "ok":
        raise BackupError(f"{path} fails the integrity check: {ok}")
    if not has_schema:
        raise BackupError(f"{path} is not a Key Account Academy database (no alembic_version table)")


def backup(database_url: str, target: Path) -> Path:
    """Copy the live database page by page; writers are not blocked for long, and the copy is consistent."""
    source = sqlite_path(database_url)
    if not source.exists():
        raise BackupError(f"no database at {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst, pages=1024)
    partial.replace(target)  # a crash mid-backup never leaves a half-written file under the real name
    _check(target)
    return target


def restore(database_url: str, source: Path) -> None:
    """Put a backup back in place of the current database (after checking the backup is sound)."""
    if not source.exists():
        raise BackupError(f"no backup at {source}")
    _check(source)
    target = sqlite_path(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target, timeout=30) as dst:
        src.backup(dst)
