"""The trainer's "start a live quiz" form: questions from a module, hand-picked, or one of the trainer's sets."""

from __future__ import annotations

import streamlit as st

from academy.classroom import live
from academy.content.loader import Course
from academy.core.models import Cohort, User
from academy.learning import question_sets
from academy.ui.state import db, tt
from academy.ui.widgets import text

SOURCES = ["module", "pick", "set"]


def start_live_form(user: User, course: Course, runs: list[Cohort]) -> None:
    st.subheader(tt("cls_start_live"))
    source = (
        st.segmented_control(
            tt("cls_source"), SOURCES, default="module", format_func=lambda v: tt(f"cls_source_{v}"), key="live-source"
        )
        or "module"
    )
    with db() as s:
        sets = question_sets.own_sets(s, trainer_id=user.id) if source == "set" else []
        set_items = {row.id: [i.question.id for i in question_sets.items(row)] for row in sets}
    if source == "set" and not sets:
        st.info(tt("cls_no_sets"), icon=":material/info:")
        st.page_link("views/question_sets.py", label=tt("nav_question_sets"), icon=":material/swap_horiz:")
        return
    with st.form("start-live"):
        module_id, picked, set_id, how_many = None, [], None, 0
        if source == "module":
            module_id = st.selectbox(
                tt("cls_module"), [m.id for m in course.modules], format_func=lambda m: text(course.module(m).title)
            )
            how_many = st.number_input(tt("cls_how_many"), min_value=1, max_value=30, value=5)
        elif source == "pick":
            picked = st.multiselect(
                tt("cls_pick"),
                [q.id for q in course.questions()],
                format_func=lambda q: (
                    f"{text(course.module_of(q).title)[:18]} · {text(course.question(q).prompt)[:70]}"
                ),
            )
        else:
            names = {row.id: row.name for row in sets}
            set_id = st.selectbox(tt("cls_pick_set"), list(names), format_func=names.__getitem__)
        title = st.text_input(tt("cls_session_title"), max_chars=120)
        seconds = st.number_input(tt("cls_time_limit"), min_value=5, max_value=600, value=20)
        cohort_id = st.selectbox(
            tt("cls_for_cohort"),
            [None, *[k.id for k in runs]],
            format_func=lambda k: tt("cls_no_cohort") if k is None else next(x.name for x in runs if x.id == k),
        )
        if not st.form_submit_button(tt("cls_start"), type="primary", icon=":material/play_arrow:"):
            return
    if source == "module":
        ids, default_title = (
            [q.id for q in course.questions(module_id)][: int(how_many)],
            text(course.module(module_id).title),
        )
    elif source == "pick":
        ids, default_title = picked, tt("cls_start_live")
    else:
        ids, default_title = set_items[set_id], next(row.name for row in sets if row.id == set_id)
    try:
        with db() as s:
            started = live.start_session(
                s,
                trainer=user,
                course=course,
                title=title or default_title,
                question_ids=ids,
                time_limit=int(seconds),
                cohort_id=cohort_id,
            )
    except live.LiveError as err:
        st.error(tt(err.key, **err.params))
    else:
        st.switch_page("views/live_host.py", query_params={"s": started.id})
