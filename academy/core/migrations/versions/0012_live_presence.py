"""live quiz at scale: phones' presence per app process, answers indexed per question

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "livepresence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("node", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("current", sa.Integer(), nullable=False),
        sa.Column("behind", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["livesession.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "node"),
    )
    op.create_index(op.f("ix_livepresence_session_id"), "livepresence", ["session_id"], unique=False)
    op.create_index("ix_liveanswer_session_question", "liveanswer", ["session_id", "question_index"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_liveanswer_session_question", table_name="liveanswer")
    op.drop_index(op.f("ix_livepresence_session_id"), table_name="livepresence")
    op.drop_table("livepresence")
