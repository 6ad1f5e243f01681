"""hold under attack: attempt counters, login tickets, the setup code, bounded checklist counts

- throttle: failed logins and wrong join codes counted per key in the database (replaces
  user.failed_logins / user.locked_until, which parallel sessions overwrote).
- loginticket: one-time tickets exchanged for the HttpOnly login cookie.
- setupcode: the one-time code that makes the first administrator.
- authsession.expires_at indexed, for purging expired logins.
- checklistentry: counts between 0 and 1000 and fulfilled <= executed, as CHECK constraints;
  rows outside (only possible before) are clamped first, so the constraint can be added.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

MAX_COUNT = 1000


def upgrade() -> None:
    op.create_table(
        "throttle",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index(op.f("ix_throttle_expires_at"), "throttle", ["expires_at"], unique=False)
    op.create_table(
        "loginticket",
        sa.Column("ticket_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("redeemed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["token_hash"], ["authsession.token_hash"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("ticket_hash"),
    )
    op.create_index(op.f("ix_loginticket_expires_at"), "loginticket", ["expires_at"], unique=False)
    op.create_index(op.f("ix_loginticket_token_hash"), "loginticket", ["token_hash"], unique=False)
    op.create_table(
        "setupcode",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_authsession_expires_at"), "authsession", ["expires_at"], unique=False)
    # ALTER TABLE ... DROP COLUMN in place (SQLite 3.35+): a batch copy of the user table would drop
    # the original, and with foreign keys on, that deletes every row that refers to a user
    op.drop_column("user", "failed_logins")
    op.drop_column("user", "locked_until")

    op.execute(f"UPDATE checklistentry SET executed = {MAX_COUNT} WHERE executed > {MAX_COUNT}")
    op.execute("UPDATE checklistentry SET executed = 0 WHERE executed < 0")
    op.execute("UPDATE checklistentry SET fulfilled = executed WHERE fulfilled > executed")
    op.execute("UPDATE checklistentry SET fulfilled = 0 WHERE fulfilled < 0")
    # on SQLite the table is copied (keeping AUTOINCREMENT, migration 0007); PostgreSQL adds the checks in place
    with op.batch_alter_table("checklistentry", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.create_check_constraint("ck_checklistentry_executed_range", f"executed >= 0 AND executed <= {MAX_COUNT}")
        batch.create_check_constraint("ck_checklistentry_fulfilled_range", "fulfilled >= 0 AND fulfilled <= executed")


def downgrade() -> None:
    with op.batch_alter_table("checklistentry", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_constraint("ck_checklistentry_fulfilled_range", type_="check")
        batch.drop_constraint("ck_checklistentry_executed_range", type_="check")
    op.add_column("user", sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("user", sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
    op.drop_index(op.f("ix_authsession_expires_at"), table_name="authsession")
    op.drop_table("setupcode")
    op.drop_index(op.f("ix_loginticket_token_hash"), table_name="loginticket")
    op.drop_index(op.f("ix_loginticket_expires_at"), table_name="loginticket")
    op.drop_table("loginticket")
    op.drop_index(op.f("ix_throttle_expires_at"), table_name="throttle")
    op.drop_table("throttle")
