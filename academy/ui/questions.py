"""Rendering one quiz question as inputs, and the feedback after it is answered (quiz and review pages)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from academy.content.loader import Course
from academy.content.schema import L10n, Question
from academy.core.i18n import tr
from academy.learning import question_sets, question_source
from academy.learning.scoring import is_correct
from academy.ui.state import db, tt
from academy.ui.widgets import plain, text


def lookup(course: Course, question_id: str) -> Question:
    """A question of the course or of a trainer's set, by id (academy.learning.question_source)."""
    with db() as s:
        return question_source.question(s, course=course, question_id=question_id)


def say(question: Question, value: L10n, lang: str | None = None) -> str:
    """A question's text for st.markdown (in `lang`, else the reader's): the course's as authored, a
    trainer's imported set's as plain text."""
    shown = tr(value, lang) if lang else text(value)
    return shown if question_sets.set_of_question(question.id) is None else plain(shown)


def question_form(question: Question, order: list[Any], key: str, submit_label: str) -> list[Any] | None:
    """Show the question with its options in `order`; returns the response list once submitted."""
    st.markdown(say(question, question.prompt))
    options = {o.id: o for o in question.options}
    # the keyed container names the question in the page (class st-key-<key>) for browser tests
    with st.container(key=key), st.form(f"{key}-form"):
        response: list[Any] = []
        if question.type in ("single", "scenario", "true_false"):
            choice = st.radio(
                tt("quiz_choose_one"), order, index=None, format_func=lambda oid: say(question, options[oid].text)
            )
            response = [choice] if choice is not None else []
        elif question.type == "multiple":
            st.caption(tt("quiz_choose_many"))
            response = [oid for oid in order if st.checkbox(say(question, options[oid].text), key=f"{key}-{oid}")]
        elif question.type == "ordering":
            st.caption(tt("quiz_order_hint"))
            response = st.multiselect(
                tt("quiz_order_hint"),
                order,
                format_func=lambda oid: text(options[oid].text),
                label_visibility="collapsed",
            )
        else:  # matching
            st.caption(tt("quiz_match_hint"))
            for i, left in enumerate(question.left):
                chosen = st.selectbox(
                    say(question, left),
                    order,
                    index=None,
                    format_func=lambda j: text(question.right[j]),
                    placeholder=tt("quiz_match_pick"),
                    key=f"{key}-left-{i}",
                )
                response.append(chosen)
        if st.form_submit_button(submit_label, type="primary"):
            complete = (
                all(r is not None for r in response)
                if question.type == "matching"
                else len(response) == len(order)
                if question.type == "ordering"
                else bool(response)
            )
            if complete:
                return response
            st.warning(tt("quiz_answer_required"))
    return None


def right_answer(question: Question) -> str:
    """The right answer for st.markdown (a trainer's set: as plain text)."""
    if question.type == "matching":
        return "; ".join(
            f"{say(question, left)} → {say(question, right)}"
            for left, right in zip(question.left, question.right, strict=True)
        )
    if question.type == "ordering":
        return " → ".join(say(question, o.text) for o in question.options)
    return "; ".join(say(question, o.text) for o in question.options if o.id in question.answer)


def feedback(course: Course, question: Question, score: float | None) -> None:
    """The verdict (unless score is None), the right answer, the explanation and the lesson it comes from."""
    if score is None:
        pass
    elif is_correct(score):
        st.success(tt("quiz_correct"), icon=":material/check_circle:")
    elif score > 0:
        st.warning(tt("quiz_partial", pct=round(score * 100)), icon=":material/rule:")
    else:
        st.error(tt("quiz_wrong"), icon=":material/cancel:")
    if score is None or not is_correct(score):
        st.markdown(tt("quiz_right_answer", answer=right_answer(question)))
    st.markdown(f"**{tt('quiz_explanation')}**")
    st.markdown(say(question, question.explanation))
    if question_sets.set_of_question(question.id) is not None:
        return  # a trainer's set tests no lesson section
    module = course.module_of(question.id)
    section = next(s for s in module.sections if s.id == question.section)
    st.page_link(
        "views/module.py",
        label=tt("quiz_lesson_link", section=text(section.title)),
        icon=":material/menu_book:",
        query_params={"m": module.id},
    )
