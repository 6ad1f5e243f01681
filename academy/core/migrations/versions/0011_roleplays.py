"""role-plays: attempts of the learners, and live sessions that play a scenario with a class

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "roleplayattempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("roleplay_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("steps", sa.Integer(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=True),
        sa.Column("ending", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "roleplay_id", "is_open"),
    )
    op.create_index(op.f("ix_roleplayattempt_user_id"), "roleplayattempt", ["user_id"], unique=False)
    op.create_index(op.f("ix_roleplayattempt_roleplay_id"), "roleplayattempt", ["roleplay_id"], unique=False)
    with op.batch_alter_table("livesession") as batch:
        # existing sessions are quizzes; the server default fills them in
        batch.add_column(
            sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False, server_default="quiz")
        )
        batch.add_column(sa.Column("roleplay_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("livesession") as batch:
        batch.drop_column("roleplay_id")
        batch.drop_column("kind")
    op.drop_index(op.f("ix_roleplayattempt_roleplay_id"), table_name="roleplayattempt")
    op.drop_index(op.f("ix_roleplayattempt_user_id"), table_name="roleplayattempt")
    op.drop_table("roleplayattempt")
