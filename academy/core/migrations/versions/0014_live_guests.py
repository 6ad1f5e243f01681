"""live quiz participants: guests marked as guests, names compared folded, learners never renamed by a guest

A participant is a guest (joined by nickname) or a logged-in learner; names are unique per
session among guests and among learners separately, compared by a folded key (NFKC, case,
spaces, invisible characters), so a guest who took a learner's name first no longer pushes
the learner to "name (2)".

Revision ID: 0014
Revises: 0013
"""

import unicodedata

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# SQLite keeps the old constraint unnamed; this names it so the batch copy can drop it.
_NAMING = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}


def _fold(name: str) -> str:
    # the same folding as academy.classroom.live.name_key at the time of writing
    text = "".join(ch for ch in unicodedata.normalize("NFKC", name) if unicodedata.category(ch) not in ("Cc", "Cf"))
    return " ".join(text.casefold().split())


def _old_unique(bind) -> str:
    if bind.dialect.name == "sqlite":
        return "uq_liveparticipant_session_id_nickname"
    found = [
        uc["name"]
        for uc in sa.inspect(bind).get_unique_constraints("liveparticipant")
        if uc["column_names"] == ["session_id", "nickname"]
    ]
    return found[0]


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("liveparticipant") as batch:
        batch.add_column(sa.Column("guest", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(
            sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False, server_default="")
        )
    table = sa.table(
        "liveparticipant",
        sa.column("id", sa.Integer),
        sa.column("user_id", sa.Integer),
        sa.column("nickname", sa.String),
        sa.column("guest", sa.Boolean),
        sa.column("name_key", sa.String),
    )
    for pid, user_id, nickname in bind.execute(sa.select(table.c.id, table.c.user_id, table.c.nickname)).all():
        bind.execute(
            table.update()
            .where(table.c.id == pid)
            .values(guest=user_id is None, name_key=_fold(nickname) or str(pid))
        )
    with op.batch_alter_table("liveparticipant", naming_convention=_NAMING) as batch:
        batch.alter_column("guest", server_default=None)
        batch.alter_column("name_key", server_default=None)
        batch.drop_constraint(_old_unique(bind), type_="unique")
        batch.create_unique_constraint(
            "liveparticipant_session_id_guest_name_key_key", ["session_id", "guest", "name_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("liveparticipant") as batch:
        batch.drop_constraint("liveparticipant_session_id_guest_name_key_key", type_="unique")
        batch.drop_column("name_key")
        batch.drop_column("guest")
        batch.create_unique_constraint("liveparticipant_session_id_nickname_key", ["session_id", "nickname"])
