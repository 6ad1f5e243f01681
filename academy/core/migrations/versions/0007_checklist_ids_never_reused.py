"""checklist entry ids are never reused on SQLite

An edit replaces a period's rows; without AUTOINCREMENT SQLite hands the deleted ids out again,
so (count, newest id) would not tell that the log changed. Caches keyed on it need new ids.
PostgreSQL sequences never hand an id out twice: nothing to do there.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # a copy of the table with the same columns, keys and indexes; only the id allocation changes
    with op.batch_alter_table(
        "checklistentry", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
