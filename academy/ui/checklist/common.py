"""What the checklist page's tabs share: the behaviours in the reader's language, rates as text, errors."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from academy.checklist import entries
from academy.content.schema import Checklist, ChecklistGroup, ChecklistItem
from academy.core.models import User
from academy.ui.state import tt
from academy.ui.widgets import text


@dataclass(frozen=True)
class ChecklistContext:
    user: User
    checklist: Checklist
    items: list[tuple[ChecklistGroup, ChecklistItem]]  # in checklist order
    item_ids: set[str]
    labels: dict[str, str]  # item id -> behaviour in the reader's language

    @classmethod
    def of(cls, user: User, checklist: Checklist) -> ChecklistContext:
        items = [(group, item) for group in checklist.groups for item in group.items]
        labels = {item.id: text(item.text) for _, item in items}
        return cls(user, checklist, items, {item.id for _, item in items}, labels)


def pct(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else tt("ck_no_rate")


def show_problems(ctx: ChecklistContext, err: entries.ChecklistError, *, from_editor: bool) -> None:
    """Every bad value with its row and column, as plain text (the values may be the user's own)."""
    st.error(tt(err.key, **err.params))
    problems = getattr(err, "problems", [])
    if from_editor:
        lines = [
            tt(
                "ck_problem_item",
                row=ctx.labels.get(p.row, p.row),
                column=tt(f"ck_col_{p.column}"),
                message=tt(p.key, **p.params),
            )
            for p in problems
        ]
    else:
        lines = [tt("ck_problem", row=p.row, column=p.column, message=tt(p.key, **p.params)) for p in problems]
    if lines:
        st.code("\n".join(lines), language=None, wrap_lines=True)
