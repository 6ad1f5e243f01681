"""The checklist log as CSV or Excel, and an all-or-nothing CSV import."""

from __future__ import annotations

import streamlit as st

from academy.checklist import entries
from academy.checklist import files as checklist_io
from academy.ui.checklist.common import ChecklistContext, show_problems
from academy.ui.state import db, lang, tt


def files(ctx: ChecklistContext) -> None:
    st.subheader(tt("ck_export_title"))
    st.caption(tt("ck_export_help"))
    language = lang()  # the download callables run outside the script run, without session state

    def _csv() -> bytes:
        with db() as s:
            return checklist_io.export_csv(s, user_id=ctx.user.id)

    def _excel() -> bytes:
        with db() as s:
            return checklist_io.export_excel(s, user_id=ctx.user.id, checklist=ctx.checklist, lang=language)

    left, right = st.columns(2)
    left.download_button(
        tt("ck_download_csv"),
        _csv,
        file_name=f"checklist-{ctx.user.username}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="ck-csv",
    )
    right.download_button(
        tt("ck_download_excel"),
        _excel,
        file_name=f"checklist-{ctx.user.username}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
        key="ck-excel",
    )

    st.subheader(tt("ck_import_title"))
    st.caption(tt("ck_import_help"))
    if "ck_imported" in st.session_state:  # set just before the rerun that follows an import
        st.success(tt("ck_imported", n=st.session_state.pop("ck_imported")), icon=":material/check:")
    upload_key = f"ck-upload-{st.session_state.get('ck_uploads', 0)}"
    upload = st.file_uploader(tt("ck_import_label"), type=["csv"], key=upload_key)
    if st.button(tt("ck_import_button"), disabled=upload is None, type="primary", key="ck-import"):
        try:
            with db() as s:
                n = checklist_io.import_csv(s, user_id=ctx.user.id, data=upload.getvalue(), item_ids=ctx.item_ids)
        except entries.ChecklistError as err:
            show_problems(ctx, err, from_editor=False)
        else:
            st.session_state["ck_uploads"] = st.session_state.get("ck_uploads", 0) + 1  # a fresh, empty uploader
            st.session_state["ck_imported"] = n
            st.rerun()
