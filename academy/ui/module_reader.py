"""A module read one section at a time: where you are, what you have read, and the one next step.

The step shown is a section index, or len(sections) for the wrap-up (takeaways, case,
reflections, practice). It is kept in the address (?sec=<section id> or ?sec=wrap), so a
reload or a shared link opens the same place.
"""

from __future__ import annotations

import streamlit as st

from academy.content.schema import Module
from academy.learning import progress
from academy.learning.progress import ModuleProgress
from academy.ui.state import course, db, settings, tt
from academy.ui.widgets import markdown, text

WRAP = "wrap"


def _key(module: Module) -> str:
    return f"sec-{module.id}"


def _mark(module: Module, section_id: str, user_id: int, read: bool) -> None:
    c = course()  # the module's quiz and role-plays: the read that completes a module records its completion
    with db() as s:
        progress.set_section_read(
            s,
            user_id=user_id,
            module=module,
            section_id=section_id,
            read=read,
            has_quiz=bool(c.questions(module.id)),
            roleplays=[r.id for r in c.roleplays_for(module.id)],
        )


def _go(module: Module, step: int, user_id: int | None = None, mark: str | None = None) -> None:
    if mark is not None:
        _mark(module, mark, user_id, True)
    st.session_state[_key(module)] = step


def pick_step(module: Module, read: set[str]) -> int:
    """The section chips (a tick on those read) and the wrap-up; returns the step shown."""
    ids = [section.id for section in module.sections]
    wrap = len(ids)
    if _key(module) not in st.session_state:
        asked = st.query_params.get("sec", "")
        st.session_state[_key(module)] = ids.index(asked) if asked in ids else wrap if asked == WRAP else 0
    labels = [f"✓ {i + 1}" if sid in read else str(i + 1) for i, sid in enumerate(ids)] + [tt("fw_wrap")]
    step = st.pills(
        tt("fw_sections"),
        list(range(wrap + 1)),
        format_func=labels.__getitem__,  # labels made in this run, in the reader's language
        selection_mode="single",
        required=True,
        key=_key(module),
    )
    st.query_params["sec"] = WRAP if step == wrap else ids[step]
    return step


def next_step(course, module: Module, mp: ModuleProgress, read: set[str], step: int) -> None:
    """The one thing to do next, unless it is reading the section on screen."""
    pct = round(settings().pass_mark * 100)
    unread = [i for i, section in enumerate(module.sections) if section.id not in read]
    if mp.next_step == "read":
        if unread[0] == step:
            return
        first = module.sections[unread[0]]
        st.info(tt("fw_next_read", n=unread[0] + 1, title=text(first.title)), icon=":material/menu_book:")
        st.button(tt("fw_go_read", n=unread[0] + 1), on_click=_go, args=(module, unread[0]), key=f"go-{module.id}")
    elif mp.next_step == "quiz":
        st.info(tt("fw_next_quiz", pct=pct), icon=":material/quiz:")
        st.page_link(
            "views/assessments.py", label=tt("take_quiz"), icon=":material/quiz:", query_params={"quiz": module.id}
        )
    elif mp.next_step == "roleplay":
        st.info(tt("fw_next_roleplay"), icon=":material/forum:")
        for rp in course.roleplays_for(module.id):
            st.page_link("views/roleplay.py", label=text(rp.title), icon=":material/forum:", query_params={"rp": rp.id})
    else:
        st.success(tt("fw_module_done"), icon=":material/check_circle:")
        ids = [m.id for m in course.modules]
        following = ids.index(module.id) + 1
        if following < len(ids):
            after = course.modules[following]
            st.page_link(
                "views/module.py",
                label=tt("fw_next_module", title=text(after.title)),
                icon=":material/arrow_forward:",
                query_params={"m": after.id},
            )


def section(module: Module, step: int, read: set[str], user_id: int) -> None:
    """One section: its text, whether it is read, and the buttons to move on."""
    current = module.sections[step]
    last = step == len(module.sections) - 1
    with st.container(border=True):
        st.caption(tt("fw_section_of", i=step + 1, n=len(module.sections)))
        st.subheader(text(current.title), anchor=current.id)
        markdown(current.body)
        key = f"read-{module.id}-{current.id}"
        st.session_state[key] = current.id in read
        st.toggle(tt("mark_read"), key=key, on_change=_toggle, args=(module, current.id, key, user_id))
    left, right = st.columns(2)
    if step > 0:
        left.button(
            tt("fw_prev_section"),
            icon=":material/arrow_back:",
            on_click=_go,
            args=(module, step - 1),
            key=f"prev-{module.id}",
        )
    unread = current.id not in read
    label = ("fw_read_wrap" if last else "fw_read_next") if unread else ("fw_wrap" if last else "fw_next_section")
    right.button(
        tt(label),
        type="primary",
        icon=":material/arrow_forward:",
        on_click=_go,
        args=(module, step + 1, user_id, current.id if unread else None),
        key=f"next-{module.id}",
        width="stretch",
    )


def _toggle(module: Module, section_id: str, key: str, user_id: int) -> None:
    _mark(module, section_id, user_id, st.session_state[key])
