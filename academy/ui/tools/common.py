"""What the four field tools share: who is working, saving with errors shown, accounts, downloads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from academy.content.loader import Course
from academy.content.rubrics import ToolRubrics
from academy.core import spreadsheets
from academy.core.models import User
from academy.tools import clients, tables
from academy.tools.clients import ToolError
from academy.ui.state import db, lang, tt
from academy.ui.widgets import plain, text


@dataclass(frozen=True)
class ToolContext:
    user: User
    course: Course
    rubrics: ToolRubrics

    @property
    def item_ids(self) -> set[str]:
        """The checklist's behaviour ids (a call plan's review logs some of them)."""
        return {item for _, item in self.course.checklist_items()}

    @property
    def behaviours(self) -> dict[str, str]:
        """Checklist behaviour id -> its text in the reader's language."""
        return {item.id: text(item.text) for group in self.course.checklist.groups for item in group.items}


def show_error(err: ToolError) -> None:
    # params can echo the user's own text (a duplicate name): shown literally, never as Markdown
    st.error(tt(err.key, **{k: plain(v) if isinstance(v, str) else v for k, v in err.params.items()}))


def saved() -> None:
    st.toast(tt("saved"), icon=":material/check:")


def save(ctx: ToolContext, action: Callable[..., object], **fields: object) -> None:
    """Run a tool's save in one transaction as this user; show its error, or confirm and redraw the page."""
    try:
        with db() as s:
            action(s, user_id=ctx.user.id, **fields)
    except ToolError as err:
        show_error(err)
        return
    saved()
    st.rerun()


def lesson_link(ctx: ToolContext, tool: str) -> None:
    module = clients.lesson_for(ctx.course, tool)
    section = clients.lesson_section(ctx.course, tool)
    if section is None:
        label = tt("tool_lesson_link", title=text(module.title))
    else:
        label = tt("cp_lesson_link", module=text(module.title), section=text(section.title))
    st.page_link("views/module.py", label=label, icon=":material/school:", query_params={"m": module.id})


def printable_page(page: str, name: str, key: str) -> None:
    """A plan as a clean page: shown in a frame whose Print button prints the frame alone (no app around
    it), and as an HTML file to keep. `page` escapes everything the user typed (tools/printable.py)."""
    with st.expander(tt("cp_print"), icon=":material/print:"):
        st.caption(tt("cp_print_help"))
        st.download_button(
            tt("cp_download_html"),
            page.encode("utf-8"),
            file_name=f"{name}.html",
            mime="text/html",
            icon=":material/download:",
            key=f"{key}-html",
        )
        st.iframe(page, height=700, alt=tt("cp_print"))


def download_csv(frame: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(
        tt("tool_download_csv"),
        spreadsheets.to_csv(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=key,
        disabled=frame.empty,
    )


def frames(ctx: ToolContext, language: str | None = None) -> dict[str, pd.DataFrame]:
    with db() as s:
        return tables.tool_frames(
            s, user_id=ctx.user.id, course=ctx.course, rubrics=ctx.rubrics, lang=language or lang()
        )


def excel_file(ctx: ToolContext, language: str) -> Callable[[], bytes]:
    # built only when the button is clicked, on a thread that can't read the session: hence the argument
    return lambda: tables.to_excel(frames(ctx, language), language)


def pick_account(ctx: ToolContext, prefix: str) -> tuple[int, str] | None:
    """The account to work on: an existing one, or a new one named in the small form above."""
    with (
        st.expander(tt("tool_new_account"), icon=":material/add_business:"),
        st.form(f"{prefix}-new-account", clear_on_submit=True),
    ):
        name = st.text_input(tt("tool_account_name"), key=f"{prefix}-account-name")
        if st.form_submit_button(tt("tool_add")):
            try:
                with db() as s:
                    account = clients.ensure_account(s, user_id=ctx.user.id, name=name)
                st.session_state["tool-account"] = account.id
            except ToolError as err:
                show_error(err)
    with db() as s:
        accounts = {a.id: a.name for a in clients.list_accounts(s, user_id=ctx.user.id)}
    if not accounts:
        st.info(tt("tool_no_accounts"))
        return None
    if st.session_state.get("tool-account") not in accounts:
        st.session_state["tool-account"] = next(iter(accounts))
    account_id = st.selectbox(tt("tool_account"), list(accounts), format_func=accounts.get, key="tool-account")
    return account_id, accounts[account_id]
