"""learning records (event outbox, xAPI delivery, worker lease) and trainers' question sets

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _text(length: int):
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def upgrade() -> None:
    with op.batch_alter_table("user") as batch:
        batch.add_column(sa.Column("email", _text(254), nullable=True))
    op.create_table(
        "workerlease",
        sa.Column("name", _text(32), nullable=False),
        sa.Column("holder", _text(120), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", _text(36), nullable=False),
        sa.Column("kind", _text(32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("once", _text(160), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("once"),
        sa.UniqueConstraint("uuid"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_event_user_id"), "event", ["user_id"], unique=False)
    op.create_table(
        "xapistatement",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("statement", sa.JSON(), nullable=False),
        sa.Column("state", _text(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", _text(500), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index(op.f("ix_xapistatement_state"), "xapistatement", ["state"], unique=False)
    op.create_table(
        "questionset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=False),
        sa.Column("name", _text(120), nullable=False),
        sa.Column("source", _text(255), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["trainer_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("trainer_id", "name"),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_questionset_trainer_id"), "questionset", ["trainer_id"], unique=False)
    op.create_table(
        "questionsetoffer",
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["set_id"], ["questionset.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("set_id", "cohort_id"),
    )
    op.create_index(op.f("ix_questionsetoffer_cohort_id"), "questionsetoffer", ["cohort_id"], unique=False)


def downgrade() -> None:
    op.drop_table("questionsetoffer")
    op.drop_table("questionset")
    op.drop_table("xapistatement")
    op.drop_table("event")
    op.drop_table("workerlease")
    with op.batch_alter_table("user") as batch:
        batch.drop_column("email")
