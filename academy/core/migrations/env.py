from __future__ import annotations

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

import academy.core.models  # noqa: F401  (registers the tables)
from academy.core.db import get_engine

config = context.config
url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
target_metadata = SQLModel.metadata
MIGRATION_LOCK = 0x4B4141  # "KAA": any constant the app uses for nothing else


def run() -> None:
    engine = get_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table copies to alter
            compare_type=True,
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # processes started together on a new database: one migrates, the rest wait and then
                # find it current (held until this transaction ends)
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            context.run_migrations()


run()
