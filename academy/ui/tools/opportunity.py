"""Opportunity assessment: the three scored assessments, a recommendation, and a comparison."""

from __future__ import annotations

import streamlit as st

from academy.tools import clients, opportunity
from academy.tools.charts import opportunity_comparison, term_labels
from academy.tools.clients import ToolError
from academy.ui.state import db, lang, tt
from academy.ui.tools.common import ToolContext, download_csv, frames, saved, show_error
from academy.ui.widgets import plain, text

VERDICT_BOX = {"pursue": st.success, "discuss": st.warning, "not_yet": st.error}


def opportunity_assessment(ctx: ToolContext) -> None:
    rubric = ctx.rubrics.opportunity
    lesson = clients.lesson_for(ctx.course, "opportunity-assessment")
    names = term_labels(lesson, "assessment", lang())
    definitions = {term.id: term.definition for term in lesson.terms}
    with db() as s:
        listed = opportunity.list_opportunities(s, user_id=ctx.user.id)
    opps = {opp.id: (account, opp) for account, opp in listed}
    if "op-next" in st.session_state:  # chosen by the last save or delete, before the selectbox exists
        st.session_state["op-pick"] = st.session_state.pop("op-next")
    chosen = st.selectbox(
        tt("tool_opportunity"),
        [None, *opps],
        format_func=lambda oid: (
            tt("tool_new_opportunity") if oid is None else f"{opps[oid][0].name} · {opps[oid][1].name}"
        ),
        key="op-pick",
    )
    account, current = opps.get(chosen, (None, None))
    answers = current.ratings if current else {}
    slot = chosen or "new"
    with st.form(f"op-form-{slot}", clear_on_submit=current is None):
        left, right = st.columns(2)
        account_name = left.text_input(
            tt("tool_account_name"), value=account.name if account else "", key=f"op-account-{slot}"
        )
        opp_name = right.text_input(
            tt("tool_opportunity_name"), value=current.name if current else "", key=f"op-name-{slot}"
        )
        ratings: opportunity.Ratings = {}
        for assessment in rubric.assessments:
            st.subheader(names[assessment.id])
            st.caption(text(definitions[assessment.id]))
            given = answers.get(assessment.id, {})
            part: dict = {}
            for number, criterion in enumerate(assessment.criteria, start=1):
                label = f"{number}. {text(criterion.name)}"
                hint = text(criterion.hint) if criterion.hint else None
                if criterion.levels:
                    ids = [lv.id for lv in criterion.levels]
                    part[criterion.id] = st.radio(
                        label,
                        ids,
                        index=ids.index(given[criterion.id]) if criterion.id in given else None,
                        format_func=lambda lid, cr=criterion: text(next(lv.text for lv in cr.levels if lv.id == lid)),
                        help=hint,
                        key=f"op-{slot}-{assessment.id}-{criterion.id}",
                    )
                else:
                    st.markdown(label, help=hint)
                    part[criterion.id] = [
                        check.id
                        for check in criterion.checks
                        if st.checkbox(
                            text(check.text),
                            value=check.id in given.get(criterion.id, []),
                            key=f"op-{slot}-{assessment.id}-{criterion.id}-{check.id}",
                        )
                    ]
            ratings[assessment.id] = part
        note = st.text_area(tt("tool_note"), value=current.note if current else "", key=f"op-note-{slot}", height=68)
        if st.form_submit_button(tt("tool_save_opportunity"), type="primary"):
            try:
                with db() as s:
                    target = clients.ensure_account(s, user_id=ctx.user.id, name=account_name)
                    saved_opp = opportunity.save_opportunity(
                        s,
                        user_id=ctx.user.id,
                        account_id=target.id,
                        name=opp_name,
                        rubric=rubric,
                        ratings=ratings,
                        note=note,
                        opportunity_id=chosen,
                    )
            except ToolError as err:
                show_error(err)
            else:
                st.session_state["op-next"] = saved_opp.id
                saved()
                st.rerun()

    if current is not None:
        result = opportunity.score_opportunity(rubric, current.ratings)
        st.subheader(tt("tool_result_for", name=plain(current.name)))
        for col, r in zip(st.columns(len(result.assessments)), result.assessments, strict=True):
            col.metric(
                names[r.assessment_id],
                "–" if r.score is None else f"{r.score}/100",
                tt(f"tool_verdict_{r.verdict}", go=text(rubric.assessment(r.assessment_id).go)),
                delta_color="off",
            )
        VERDICT_BOX[result.overall](tt(f"tool_overall_{result.overall}"))
        st.markdown("\n".join(f"- {line}" for line in opportunity.reasons(result, rubric, names, lang())))
        with st.expander(tt("tool_manage"), icon=":material/settings:"):
            if st.button(tt("tool_delete_opportunity"), key="op-del", icon=":material/delete:"):
                with db() as s:
                    opportunity.delete_opportunity(s, user_id=ctx.user.id, opportunity_id=current.id)
                st.session_state["op-next"] = None
                st.rerun()

    if opps:
        st.subheader(tt("tool_compare_opportunities"))
        results = {oid: opportunity.score_opportunity(rubric, opp.ratings) for oid, (_, opp) in opps.items()}
        st.dataframe(
            [
                {
                    tt("tool_account"): acc.name,
                    tt("tool_opportunity"): opp.name,
                    **{names[r.assessment_id]: r.score for r in results[oid].assessments},
                    tt("tool_recommendation"): tt(f"tool_overall_{results[oid].overall}"),
                }
                for oid, (acc, opp) in opps.items()
            ],
            hide_index=True,
        )
        rows = [
            (f"{acc.name} · {opp.name}", names[r.assessment_id], r.score)
            for oid, (acc, opp) in opps.items()
            for r in results[oid].assessments
        ]
        st.plotly_chart(opportunity_comparison(rows, rubric.pass_mark, lang()), key="op-chart")
        download_csv(frames(ctx)["opportunities"], "opportunities", "op-csv")
