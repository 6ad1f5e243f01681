"""Relationship scorecard: rate a contact on the seven elements, see the weakest and the trend."""

from __future__ import annotations

from datetime import date

import streamlit as st

from academy.tools import clients, scorecard
from academy.tools.charts import scorecard_radar, scorecard_trend, term_labels
from academy.tools.clients import ToolError
from academy.ui.state import db, lang, tt
from academy.ui.tools.common import ToolContext, download_csv, frames, pick_account, save, show_error
from academy.ui.widgets import plain, text


def relationship_scorecard(ctx: ToolContext) -> None:
    rubric = ctx.rubrics.scorecard
    labels = term_labels(clients.lesson_for(ctx.course, "relationship-scorecard"), "element", lang())
    picked = pick_account(ctx, "sc")
    if picked is not None:
        account_id, _ = picked
        with st.form("sc-new-contact", clear_on_submit=True):
            st.markdown(f"**{tt('tool_new_contact')}**")
            left, right = st.columns(2)
            name = left.text_input(tt("tool_name"), key="sc-contact-name")
            title = right.text_input(tt("tool_title"), key="sc-contact-title")
            if st.form_submit_button(tt("tool_add")):
                try:
                    with db() as s:
                        contact = clients.add_contact(
                            s, user_id=ctx.user.id, account_id=account_id, name=name, title=title
                        )
                    st.session_state["sc-contact"] = contact.id
                except ToolError as err:
                    show_error(err)
        with db() as s:
            people = {p.id: p.name for p in clients.list_contacts(s, user_id=ctx.user.id, account_id=account_id)}
        if not people:
            st.info(tt("tool_no_contacts"))
        else:
            if st.session_state.get("sc-contact") not in people:
                st.session_state["sc-contact"] = next(iter(people))
            contact_id = st.selectbox(tt("tool_contact"), list(people), format_func=people.get, key="sc-contact")
            _scorecard_for(ctx, contact_id, people[contact_id], rubric, labels)
    _weakest_list(ctx, rubric, labels)


def _scorecard_for(ctx: ToolContext, contact_id: int, contact_name: str, rubric, labels: dict[str, str]) -> None:
    with db() as s:
        rows = scorecard.history(s, user_id=ctx.user.id, contact_id=contact_id)
    latest, previous = scorecard.latest_pair(rows)
    with st.form(f"sc-form-{contact_id}"):
        st.markdown(f"**{tt('tool_rate_contact', name=plain(contact_name))}**")
        when = st.date_input(tt("tool_date"), value=date.today(), max_value=date.today(), key=f"sc-date-{contact_id}")
        scores = {}
        for element in rubric.elements:
            start = latest.scores.get(element.element, 3) if latest else (rubric.scale + 1) // 2
            scores[element.element] = st.slider(
                labels[element.element], 1, rubric.scale, value=start, key=f"sc-{contact_id}-{element.element}"
            )
            st.caption(
                f"{tt('tool_low_means', n=1)} {text(element.low)}  \n"
                f"{tt('tool_high_means', n=rubric.scale)} {text(element.high)}"
            )
        note = st.text_area(tt("tool_note"), key=f"sc-note-{contact_id}", height=80)
        if st.form_submit_button(tt("tool_save_assessment"), type="primary"):
            save(
                ctx,
                scorecard.save_scorecard,
                contact_id=contact_id,
                rubric=rubric,
                assessed_on=when,
                scores=scores,
                note=note,
            )
    if latest is None:
        st.info(tt("tool_no_assessments"))
        return
    element, score = scorecard.weakest(latest.scores, list(labels))
    advice = rubric.element(element)
    st.markdown(f"**{tt('tool_weakest', element=labels[element], score=score, scale=rubric.scale)}**")
    st.markdown(text(advice.advice))
    st.plotly_chart(
        scorecard_radar(
            labels,
            rubric.scale,
            (latest.assessed_on, latest.scores),
            (previous.assessed_on, previous.scores) if previous else None,
            lang(),
        ),
        key=f"sc-radar-{contact_id}",
    )
    if len(rows) > 1:
        st.plotly_chart(
            scorecard_trend(labels, rubric.scale, [(r.assessed_on, r.scores) for r in rows], lang()),
            key=f"sc-trend-{contact_id}",
        )
    with st.expander(tt("tool_history")):
        st.dataframe(
            [
                {
                    tt("tool_date"): r.assessed_on,
                    **{labels[e]: r.scores.get(e) for e in labels},
                    tt("tool_note"): r.note,
                }
                for r in reversed(rows)
            ],
            hide_index=True,
        )
        choice = st.selectbox(
            tt("tool_delete_assessment"),
            [r.id for r in reversed(rows)],
            format_func=lambda rid: next(r.assessed_on.isoformat() for r in rows if r.id == rid),
            key=f"sc-del-{contact_id}",
        )
        if st.button(tt("tool_delete"), key=f"sc-del-btn-{contact_id}", icon=":material/delete:"):
            with db() as s:
                scorecard.delete_scorecard(s, user_id=ctx.user.id, scorecard_id=choice)
            st.rerun()


def _weakest_list(ctx: ToolContext, rubric, labels: dict[str, str]) -> None:
    with db() as s:
        spots = scorecard.weakest_first(scorecard.all_scorecards(s, user_id=ctx.user.id), list(labels))
    if not spots:
        return
    st.subheader(tt("tool_weakest_list"))
    st.caption(tt("tool_weakest_list_help"))
    st.dataframe(
        [
            {
                tt("tool_contact"): spot.contact,
                tt("tool_account"): spot.account,
                tt("tool_date"): spot.assessed_on,
                tt("tool_weakest_element"): labels[spot.element],
                tt("tool_score"): spot.score,
                tt("tool_average"): spot.average,
                tt("tool_advice"): text(rubric.element(spot.element).advice),
            }
            for spot in spots
        ],
        hide_index=True,
    )
    download_csv(frames(ctx)["scorecards"], "relationship-scorecards", "sc-csv")
