"""Alembic migrations, applied on start-up and by `python -m academy migrate`."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from academy.core.db import get_engine

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent
HEAD = "0014"  # the newest revision: a test fails when it and the scripts disagree


def alembic_config(url: str) -> Config:
    from alembic.config import Config  # Alembic loads only when a migration may be due

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["url"] = url
    return cfg


@contextmanager
def _one_migrator(url: str) -> Iterator[None]:
    """Processes started together on a new SQLite database migrate one after the other.

    A file lock beside the database (SQLite lives on one machine); the process that waited then finds
    the schema current and does nothing. PostgreSQL takes an advisory lock in env.py instead.
    """
    parsed = make_url(url)
    database = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    lock = Path(database).with_name(Path(database).name + ".migrate-lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes, or the process dies
        yield


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    with _one_migrator(url):
        command.upgrade(alembic_config(url), revision)


def applied(url: str) -> set[str]:
    """The revisions the database says it is at (none for an empty database)."""
    with get_engine(url).connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return set()
        return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}


def ensure_current(url: str) -> None:
    """Migrate unless the database is already at HEAD: a restart then need not load Alembic at all."""
    if applied(url) != {HEAD}:
        upgrade(url)
