"""Decision-unit map: who decides, evaluates, screens and uses; attitudes, ties and warnings."""

from __future__ import annotations

import streamlit as st

from academy.tools import clients, decision_unit
from academy.tools.charts import decision_map, term_labels
from academy.ui.state import db, lang, tt
from academy.ui.tools.common import ToolContext, download_csv, frames, pick_account, save
from academy.ui.widgets import plain


def decision_unit_map(ctx: ToolContext) -> None:
    module = clients.lesson_for(ctx.course, "decision-unit-map")
    roles = term_labels(module, "role", lang())
    attitudes = term_labels(module, "attitude", lang())
    labels = term_labels(module, "relationship", lang())
    relationships = {r: labels[r] for r in decision_unit.RELATIONSHIPS}  # friendliest first
    codes = {term.id: str(term.attrs.get("code", "?")) for term in module.terms}
    unknown = tt("tool_unknown")
    picked = pick_account(ctx, "du")
    if picked is None:
        return
    account_id, account_name = picked
    with db() as s:
        members = clients.list_contacts(s, user_id=ctx.user.id, account_id=account_id)
        ties = decision_unit.list_ties(s, user_id=ctx.user.id, account_id=account_id)
    people = {m.id: m for m in members}

    editing = st.selectbox(
        tt("tool_edit_person"),
        [None, *people],
        format_func=lambda pid: tt("tool_new_person") if pid is None else people[pid].name,
        key=f"du-edit-{account_id}",
    )
    current = people.get(editing)
    slot = f"{account_id}-{editing or 'new'}"
    with st.form(f"du-form-{slot}", clear_on_submit=current is None):
        left, right = st.columns(2)
        name = left.text_input(tt("tool_name"), value=current.name if current else "", key=f"du-name-{slot}")
        title = right.text_input(tt("tool_title"), value=current.title if current else "", key=f"du-title-{slot}")
        chosen_roles = st.pills(
            tt("tool_role"),
            list(roles),
            selection_mode="multi",
            default=current.roles if current else [],
            format_func=roles.get,
            key=f"du-roles-{slot}",
        )
        left, right = st.columns(2)
        # "" stands for "not known yet": a None option would show as an empty choice after a reset
        attitude = left.selectbox(
            tt("tool_attitude"),
            ["", *attitudes],
            index=["", *attitudes].index(current.attitude or "") if current else 0,
            format_func=lambda a: attitudes.get(a, unknown),
            key=f"du-att-{slot}",
        )
        relationship = right.selectbox(
            tt("tool_relationship"),
            ["", *relationships],
            index=["", *relationships].index(current.relationship or "") if current else 0,
            format_func=lambda r: relationships.get(r, unknown),
            key=f"du-rel-{slot}",
        )
        influence = st.slider(
            tt("tool_influence"), 1, 5, value=current.influence if current else 3, key=f"du-inf-{slot}"
        )
        met = st.checkbox(tt("tool_met"), value=current.met if current else False, key=f"du-met-{slot}")
        note = st.text_area(tt("tool_note"), value=current.note if current else "", key=f"du-note-{slot}", height=68)
        if st.form_submit_button(tt("tool_save_person"), type="primary"):
            save(
                ctx,
                decision_unit.save_member,
                account_id=account_id,
                contact_id=editing,
                name=name,
                title=title,
                roles=chosen_roles,
                attitude=attitude or None,
                relationship=relationship or None,
                influence=influence,
                met=met,
                note=note,
            )

    if not members:
        st.info(tt("tool_no_members"))
        return
    st.subheader(tt("tool_unit_of", name=plain(account_name)))
    st.dataframe(
        [
            {
                tt("tool_name"): m.name,
                tt("tool_title"): m.title,
                tt("tool_tag"): decision_unit.tag(m, codes),
                tt("tool_role"): ", ".join(roles[r] for r in m.roles) or unknown,
                tt("tool_attitude"): attitudes.get(m.attitude or "", unknown),
                tt("tool_relationship"): relationships.get(m.relationship or "", unknown),
                tt("tool_influence"): m.influence,
                tt("tool_met"): m.met,
            }
            for m in members
        ],
        hide_index=True,
    )
    warnings = decision_unit.unit_warnings(members, ties)
    for w in warnings:
        st.warning(
            tt(w.key, name=plain(w.person), other=plain(w.other), role=roles.get(w.role, "")),
            icon=":material/warning:",
        )
    if not warnings:
        st.success(tt("tool_no_warnings"), icon=":material/verified:")
    st.plotly_chart(decision_map(members, ties, roles, relationships, attitudes, lang()), key="du-map")

    st.subheader(tt("tool_ties"))
    st.caption(tt("tool_ties_help"))
    if len(members) > 1:
        with st.form(f"du-tie-{account_id}", clear_on_submit=True):
            left, mid, right = st.columns(3)
            a = left.selectbox(tt("tool_person_a"), list(people), format_func=lambda p: people[p].name, key="du-tie-a")
            b = mid.selectbox(
                tt("tool_person_b"), list(people), index=1, format_func=lambda p: people[p].name, key="du-tie-b"
            )
            kind = right.selectbox(
                tt("tool_tie_kind"), decision_unit.TIE_KINDS, format_func=lambda k: tt(f"tool_tie_{k}"), key="du-tie-k"
            )
            tie_note = st.text_input(tt("tool_note"), key="du-tie-note")
            if st.form_submit_button(tt("tool_add_tie")):
                save(
                    ctx,
                    decision_unit.add_tie,
                    account_id=account_id,
                    contact_a=a,
                    contact_b=b,
                    kind=kind,
                    note=tie_note,
                )
    if ties:
        st.dataframe(
            [
                {
                    tt("tool_person_a"): people[tie.contact_a].name,
                    tt("tool_person_b"): people[tie.contact_b].name,
                    tt("tool_tie_kind"): tt(f"tool_tie_{tie.kind}"),
                    tt("tool_note"): tie.note,
                }
                for tie in ties
            ],
            hide_index=True,
        )

    with st.expander(tt("tool_manage"), icon=":material/settings:"):
        gone = st.selectbox(tt("tool_delete_person"), list(people), format_func=lambda p: people[p].name, key="du-del")
        if st.button(tt("tool_delete"), key="du-del-btn", icon=":material/delete:"):
            with db() as s:
                clients.delete_contact(s, user_id=ctx.user.id, contact_id=gone)
            st.rerun()
        if ties:
            tie_labels = {tie.id: f"{people[tie.contact_a].name} – {people[tie.contact_b].name}" for tie in ties}
            tie = st.selectbox(tt("tool_delete_tie"), list(tie_labels), format_func=tie_labels.get, key="du-del-tie")
            if st.button(tt("tool_delete"), key="du-del-tie-btn", icon=":material/delete:"):
                with db() as s:
                    decision_unit.delete_tie(s, user_id=ctx.user.id, tie_id=tie)
                st.rerun()
        st.divider()
        st.caption(tt("tool_delete_account_help"))
        if st.button(tt("tool_delete_account"), key="du-del-account", icon=":material/delete_forever:"):
            with db() as s:
                clients.delete_account(s, user_id=ctx.user.id, account_id=account_id)
            st.session_state.pop("tool-account", None)
            st.rerun()
    download_csv(frames(ctx)["contacts"], "decision-unit", "du-csv")
