"""Alembic migrations, applied on start-up and by `python -m academy migrate`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

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


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

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
