"""classroom: cohorts and live quiz sessions

Revision ID: 0005
Revises: 0001
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cohort",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("join_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["trainer_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_cohort_join_code"), "cohort", ["join_code"], unique=True)
    op.create_index(op.f("ix_cohort_trainer_id"), "cohort", ["trainer_id"], unique=False)
    op.create_table(
        "cohortmember",
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cohort_id", "user_id"),
    )
    op.create_index(op.f("ix_cohortmember_user_id"), "cohortmember", ["user_id"], unique=False)
    op.create_table(
        "livesession",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("time_limit", sa.Integer(), nullable=False),
        sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("current", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohort.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["trainer_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_livesession_code"), "livesession", ["code"], unique=True)
    op.create_index(op.f("ix_livesession_trainer_id"), "livesession", ["trainer_id"], unique=False)
    op.create_table(
        "liveparticipant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("nickname", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["livesession.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "nickname"),
        sa.UniqueConstraint("token"),
    )
    op.create_index(op.f("ix_liveparticipant_session_id"), "liveparticipant", ["session_id"], unique=False)
    op.create_index(op.f("ix_liveparticipant_user_id"), "liveparticipant", ["user_id"], unique=False)
    op.create_table(
        "liveanswer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("question_index", sa.Integer(), nullable=False),
        sa.Column("question_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["liveparticipant.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["livesession.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id", "question_index"),
    )
    op.create_index(op.f("ix_liveanswer_participant_id"), "liveanswer", ["participant_id"], unique=False)
    op.create_index(op.f("ix_liveanswer_session_id"), "liveanswer", ["session_id"], unique=False)


def downgrade() -> None:
    for table in ("liveanswer", "liveparticipant", "livesession", "cohortmember", "cohort"):
        op.drop_table(table)
