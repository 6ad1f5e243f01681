"""The pieces of the trainer's Question sets page: Moodle XML export, import (problems listed), the sets."""

from __future__ import annotations

import streamlit as st

from academy.classroom import cohorts, practice
from academy.content.loader import Course
from academy.core.models import QuestionSet, User
from academy.integrations import moodle_export, moodle_import
from academy.learning import question_sets
from academy.ui.state import db, tt
from academy.ui.widgets import plain, text

ALL = "\u0000all"  # the whole bank: a value no module id can take


def export_section(course: Course) -> None:
    st.subheader(tt("qs_export"))
    choices = [ALL, *(m.id for m in course.modules if course.questions(m.id))]
    left, right = st.columns([3, 2])
    picked = left.selectbox(
        tt("qs_export_what"),
        choices,
        format_func=lambda m: tt("qs_export_all") if m == ALL else text(course.module(m).title),
        key="qs-export-what",
    )
    lang = right.segmented_control(
        tt("qs_export_lang"),
        list(moodle_export.LANGS),
        default="multilang",
        format_func=lambda code: tt(f"qs_lang_{code}"),
        key="qs-export-lang",
    )
    lang = lang or "multilang"
    module_id = None if picked == ALL else picked
    st.download_button(
        tt("qs_download"),
        lambda: moodle_export.export(moodle_export.course_groups(course, module_id), lang=lang),
        file_name=f"key-account-academy-{module_id or 'all'}-{lang}.xml",
        mime="application/xml",
        icon=":material/download:",
        on_click="ignore",
        key="qs-download",
    )
    st.caption(tt("qs_export_note"))


def _problem_line(problem: moodle_import.Problem) -> str:
    where = (
        tt("qs_problem_file")
        if problem.number == 0
        else tt("qs_problem_question", n=problem.number, name=plain(problem.name))
    )
    params = {k: plain(str(v)) for k, v in problem.params.items()}  # parts of the file shown back: text only
    return f"- {where} · `{problem.field}`: {tt(problem.key, **params)}"


def import_section(trainer: User) -> None:
    st.subheader(tt("qs_import"))
    with st.form("qs-import", clear_on_submit=False):
        upload = st.file_uploader(tt("qs_file"), type=["xml"], max_upload_size=5, key="qs-file")
        name = st.text_input(tt("qs_name"), max_chars=question_sets.NAME_MAX, key="qs-name")
        submitted = st.form_submit_button(tt("qs_import_button"), type="primary", icon=":material/upload:")
    if not submitted:
        return
    if upload is None:
        st.error(tt("qs_pick_file"))
        return
    set_name = name.strip() or upload.name.rsplit(".", 1)[0][: question_sets.NAME_MAX]
    try:
        with db() as s:
            stored = moodle_import.import_set(
                s, trainer=trainer, name=set_name, filename=upload.name, data=upload.getvalue()
            )
            count = len(stored.questions)
    except moodle_import.MoodleImportError as err:
        st.error(tt("qs_import_failed", n=len(err.problems)), icon=":material/error:")
        st.markdown("\n".join(_problem_line(p) for p in err.problems[:100]))
    except question_sets.QuestionSetError as err:
        st.error(tt(err.key, **{k: plain(str(v)) for k, v in err.params.items()}))
    else:
        st.success(tt("qs_imported", name=plain(set_name), n=count), icon=":material/check_circle:")


def _one_set(trainer: User, row: QuestionSet, runs: list) -> None:
    items = question_sets.items(row)
    with st.expander(tt("qs_set_label", name=plain(row.name), n=len(items))):
        if row.source:
            st.caption(tt("qs_source", file=plain(row.source)))
        st.caption(tt("qs_start_live"))
        st.download_button(
            tt("qs_download"),
            lambda: moodle_export.export(moodle_export.set_groups(row.name, items)),
            file_name=f"question-set-{row.id}.xml",
            mime="application/xml",
            icon=":material/download:",
            on_click="ignore",
            key=f"qs-download-{row.id}",
        )
        with db() as s:
            offered = practice.offered_to(s, trainer=trainer, set_id=row.id)
        names = {k.id: k.name for k in runs}
        with st.form(f"qs-offer-{row.id}"):
            chosen = st.multiselect(tt("qs_offer"), list(names), default=offered, format_func=names.__getitem__)
            if st.form_submit_button(tt("qs_offer_save")):
                with db() as s:
                    for cohort_id in names:
                        practice.offer(
                            s, trainer=trainer, set_id=row.id, cohort_id=cohort_id, offered=cohort_id in chosen
                        )
                st.toast(tt("qs_offer_saved"), icon=":material/check:")
        st.markdown(f"**{tt('qs_preview')}**")
        st.markdown(
            "\n".join(f"{n}. {plain(i.name)}: {plain(text(i.question.prompt)[:120])}" for n, i in enumerate(items, 1))
        )
        if st.button(tt("qs_delete"), key=f"qs-delete-{row.id}", icon=":material/delete:"):
            try:
                with db() as s:
                    question_sets.delete(s, trainer_id=trainer.id, set_id=row.id)
            except question_sets.QuestionSetError as err:
                st.error(tt(err.key, **{k: plain(str(v)) for k, v in err.params.items()}))
            else:
                st.toast(tt("qs_deleted", name=plain(row.name)), icon=":material/delete:")
                st.rerun()


def sets_section(trainer: User) -> None:
    st.subheader(tt("qs_my_sets"))
    with db() as s:
        rows = question_sets.own_sets(s, trainer_id=trainer.id)
        runs = cohorts.visible_cohorts(s, viewer=trainer)
    if not rows:
        st.caption(tt("qs_no_sets"))
    for row in rows:
        _one_set(trainer, row, runs)
