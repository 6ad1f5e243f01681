import re
from collections.abc import Callable
from datetime import date

import streamlit as st

from academy.content.loader import ContentInvalid
from academy.content.rubrics import tool_rubrics
from academy.core import spreadsheets as exports
from academy.tools import clients, decision_unit, opportunity, ratio, scorecard
from academy.tools import tables as export
from academy.tools.charts import (
    decision_map,
    opportunity_comparison,
    ratio_funnel,
    scenario_comparison,
    scorecard_radar,
    scorecard_trend,
    term_labels,
)
from academy.tools.clients import TOOLS, ToolError
from academy.ui.auth import require_user
from academy.ui.state import course, db, lang, settings, tt
from academy.ui.widgets import text

user = require_user()
c = course()
try:
    rubrics = tool_rubrics(str(settings().content_dir))
except ContentInvalid as exc:
    st.error(tt("content_invalid"))
    st.code("\n".join(str(e) for e in exc.errors), language=None)
    st.stop()


def plain(value: str) -> str:
    """User text made inert for st.markdown: every Markdown control character is escaped."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~:$])", r"\\\1", value)


def show_error(err: ToolError) -> None:
    # params can echo the user's own text (a duplicate name): shown literally, never as Markdown
    st.error(tt(err.key, **{k: plain(v) if isinstance(v, str) else v for k, v in err.params.items()}))


def saved() -> None:
    st.toast(tt("saved"), icon=":material/check:")


def save(action: Callable[..., object], **fields: object) -> None:
    """Run a tool's save in one transaction as this user; show its error, or confirm and redraw the page."""
    try:
        with db() as s:
            action(s, user_id=user.id, **fields)
    except ToolError as err:
        show_error(err)
        return
    saved()
    st.rerun()


def lesson_link(tool: str) -> None:
    module = clients.lesson_for(c, tool)
    st.page_link(
        "views/module.py",
        label=tt("tool_lesson_link", title=text(module.title)),
        icon=":material/school:",
        query_params={"m": module.id},
    )


def download_csv(frame, name: str, key: str) -> None:
    st.download_button(
        tt("tool_download_csv"),
        exports.to_csv(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=key,
        disabled=frame.empty,
    )


def frames(language: str | None = None):
    with db() as s:
        return export.tool_frames(s, user_id=user.id, course=c, rubrics=rubrics, lang=language or lang())


def excel_file(language: str):
    # built only when the button is clicked, on a thread that can't read the session: hence the argument
    return lambda: export.to_excel(frames(language), language)


def pick_account(prefix: str):
    """The account to work on: an existing one, or a new one named in the small form above."""
    with (
        st.expander(tt("tool_new_account"), icon=":material/add_business:"),
        st.form(f"{prefix}-new-account", clear_on_submit=True),
    ):
        name = st.text_input(tt("tool_account_name"), key=f"{prefix}-account-name")
        if st.form_submit_button(tt("tool_add")):
            try:
                with db() as s:
                    account = clients.ensure_account(s, user_id=user.id, name=name)
                st.session_state["tool-account"] = account.id
            except ToolError as err:
                show_error(err)
    with db() as s:
        accounts = {a.id: a.name for a in clients.list_accounts(s, user_id=user.id)}
    if not accounts:
        st.info(tt("tool_no_accounts"))
        return None
    if st.session_state.get("tool-account") not in accounts:
        st.session_state["tool-account"] = next(iter(accounts))
    account_id = st.selectbox(tt("tool_account"), list(accounts), format_func=accounts.get, key="tool-account")
    return account_id, accounts[account_id]


# --- relationship scorecard -------------------------------------------------------------------


def relationship_scorecard() -> None:
    rubric = rubrics.scorecard
    labels = term_labels(clients.lesson_for(c, "relationship-scorecard"), "element", lang())
    picked = pick_account("sc")
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
                        contact = clients.add_contact(s, user_id=user.id, account_id=account_id, name=name, title=title)
                    st.session_state["sc-contact"] = contact.id
                except ToolError as err:
                    show_error(err)
        with db() as s:
            people = {p.id: p.name for p in clients.list_contacts(s, user_id=user.id, account_id=account_id)}
        if not people:
            st.info(tt("tool_no_contacts"))
        else:
            if st.session_state.get("sc-contact") not in people:
                st.session_state["sc-contact"] = next(iter(people))
            contact_id = st.selectbox(tt("tool_contact"), list(people), format_func=people.get, key="sc-contact")
            _scorecard_for(contact_id, people[contact_id], rubric, labels)
    _weakest_list(rubric, labels)


def _scorecard_for(contact_id: int, contact_name: str, rubric, labels: dict[str, str]) -> None:
    with db() as s:
        rows = scorecard.history(s, user_id=user.id, contact_id=contact_id)
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
                scorecard.delete_scorecard(s, user_id=user.id, scorecard_id=choice)
            st.rerun()


def _weakest_list(rubric, labels: dict[str, str]) -> None:
    with db() as s:
        spots = scorecard.weakest_first(scorecard.all_scorecards(s, user_id=user.id), list(labels))
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
    download_csv(frames()["scorecards"], "relationship-scorecards", "sc-csv")


# --- decision-unit map ------------------------------------------------------------------------


def decision_unit_map() -> None:
    module = clients.lesson_for(c, "decision-unit-map")
    roles = term_labels(module, "role", lang())
    attitudes = term_labels(module, "attitude", lang())
    labels = term_labels(module, "relationship", lang())
    relationships = {r: labels[r] for r in decision_unit.RELATIONSHIPS}  # friendliest first
    codes = {term.id: str(term.attrs.get("code", "?")) for term in module.terms}
    unknown = tt("tool_unknown")
    picked = pick_account("du")
    if picked is None:
        return
    account_id, account_name = picked
    with db() as s:
        members = clients.list_contacts(s, user_id=user.id, account_id=account_id)
        ties = decision_unit.list_ties(s, user_id=user.id, account_id=account_id)
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
                clients.delete_contact(s, user_id=user.id, contact_id=gone)
            st.rerun()
        if ties:
            tie_labels = {tie.id: f"{people[tie.contact_a].name} – {people[tie.contact_b].name}" for tie in ties}
            tie = st.selectbox(tt("tool_delete_tie"), list(tie_labels), format_func=tie_labels.get, key="du-del-tie")
            if st.button(tt("tool_delete"), key="du-del-tie-btn", icon=":material/delete:"):
                with db() as s:
                    decision_unit.delete_tie(s, user_id=user.id, tie_id=tie)
                st.rerun()
        st.divider()
        st.caption(tt("tool_delete_account_help"))
        if st.button(tt("tool_delete_account"), key="du-del-account", icon=":material/delete_forever:"):
            with db() as s:
                clients.delete_account(s, user_id=user.id, account_id=account_id)
            st.session_state.pop("tool-account", None)
            st.rerun()
    download_csv(frames()["contacts"], "decision-unit", "du-csv")


# --- opportunity assessment -------------------------------------------------------------------


VERDICT_BOX = {"pursue": st.success, "discuss": st.warning, "not_yet": st.error}


def opportunity_assessment() -> None:
    rubric = rubrics.opportunity
    names = term_labels(clients.lesson_for(c, "opportunity-assessment"), "assessment", lang())
    with db() as s:
        listed = opportunity.list_opportunities(s, user_id=user.id)
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
            term = next(t for t in clients.lesson_for(c, "opportunity-assessment").terms if t.id == assessment.id)
            st.caption(text(term.definition))
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
                    target = clients.ensure_account(s, user_id=user.id, name=account_name)
                    saved_opp = opportunity.save_opportunity(
                        s,
                        user_id=user.id,
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
                    opportunity.delete_opportunity(s, user_id=user.id, opportunity_id=current.id)
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
        download_csv(frames()["opportunities"], "opportunities", "op-csv")


# --- ratio calculator -------------------------------------------------------------------------


RATIO_FIELDS = {
    "annual_target": "%.0f",
    "deal_size": "%.0f",
    "prospects_per_deal": "%.1f",
    "meetings_per_prospect": "%.1f",
    "calls_per_meeting": "%.1f",
    "working_days": None,
}


def _load_scenario(scenarios: dict) -> None:
    row = scenarios.get(st.session_state.get("rc-load"))
    if row is not None:
        for field, value in ratio.scenario_inputs(row).model_dump().items():
            st.session_state[f"rc-{field}"] = value


def ratio_calculator() -> None:
    with db() as s:
        scenarios = {row.id: row for row in ratio.list_scenarios(s, user_id=user.id)}
    if scenarios:
        st.selectbox(
            tt("tool_load_scenario"),
            [None, *scenarios],
            format_func=lambda sid: tt("tool_worked_example") if sid is None else scenarios[sid].name,
            key="rc-load",
            on_change=_load_scenario,
            args=(scenarios,),
        )
    example = ratio.WORKED_EXAMPLE.model_dump()
    values = {}
    columns = st.columns(3)
    for i, (field, fmt) in enumerate(RATIO_FIELDS.items()):
        key = f"rc-{field}"
        if key not in st.session_state:
            st.session_state[key] = example[field]
        values[field] = columns[i % 3].number_input(
            tt(f"tool_{field}"), step=1 if fmt is None else None, format=fmt, key=key, help=tt(f"tool_{field}_help")
        )
    try:
        inputs = ratio.inputs_from(**values)
    except ToolError as err:
        show_error(err)
        return
    plan = ratio.work_back(inputs)
    cols = st.columns(5)
    cols[0].metric(tt("tool_deals"), f"{plan.deals:,}")
    cols[1].metric(tt("tool_prospects"), f"{plan.prospects:,}")
    cols[2].metric(tt("tool_meetings"), f"{plan.meetings:,}")
    cols[3].metric(tt("tool_calls"), f"{plan.calls:,}")
    cols[4].metric(tt("tool_calls_per_day"), f"{plan.calls_per_day:g}")
    st.success(tt("tool_plan", n=plan.plan_per_day, exact=f"{plan.calls_per_day:g}"), icon=":material/call:")
    st.caption(tt("tool_rates", close=f"{plan.close_rate:.0%}", meeting=f"{plan.meeting_rate:.0%}"))
    st.plotly_chart(ratio_funnel(plan, lang()), key="rc-funnel")

    with st.form("rc-save", clear_on_submit=True):
        name = st.text_input(tt("tool_scenario_name"), key="rc-name")
        if st.form_submit_button(tt("tool_save_scenario")):
            save(ratio.save_scenario, name=name, inputs=inputs)
    if scenarios:
        st.subheader(tt("tool_compare_scenarios"))
        table = frames()["scenarios"]
        st.dataframe(table, hide_index=True)
        rows = [(row.name, ratio.work_back(ratio.scenario_inputs(row)).calls_per_day) for row in scenarios.values()]
        st.plotly_chart(scenario_comparison(rows, lang()), key="rc-compare")
        with st.expander(tt("tool_manage"), icon=":material/settings:"):
            gone = st.selectbox(
                tt("tool_delete_scenario"), list(scenarios), format_func=lambda sid: scenarios[sid].name, key="rc-del"
            )
            if st.button(tt("tool_delete"), key="rc-del-btn", icon=":material/delete:"):
                with db() as s:
                    ratio.delete_scenario(s, user_id=user.id, scenario_id=gone)
                st.rerun()
        download_csv(table, "ratio-scenarios", "rc-csv")


# --- page ---------------------------------------------------------------------------------------


def _on_tool_change() -> None:
    st.query_params["tool"] = st.session_state["tool-choice"]


st.title(tt("nav_tools"))
st.caption(tt("tool_intro"))
# The address names the tool (?tool=...), so links from lessons and reloads land on it.
requested = st.query_params.get("tool")
st.session_state["tool-choice"] = requested if requested in TOOLS else TOOLS[0]
tool = st.segmented_control(
    tt("tool_choose"),
    TOOLS,
    required=True,
    format_func=lambda x: tt(f"tool_name_{x}"),
    key="tool-choice",
    on_change=_on_tool_change,
)
st.query_params["tool"] = tool
st.header(tt(f"tool_name_{tool}"))
st.caption(tt(f"tool_about_{tool}"))
lesson_link(tool)
{
    "relationship-scorecard": relationship_scorecard,
    "decision-unit-map": decision_unit_map,
    "opportunity-assessment": opportunity_assessment,
    "ratio-calculator": ratio_calculator,
}[tool]()

st.divider()
with st.expander(tt("tool_export"), icon=":material/download:"):
    st.caption(tt("tool_export_help"))
    st.download_button(
        tt("tool_download_excel"),
        excel_file(lang()),
        file_name=f"field-tools-{user.username}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key="tool-excel",
    )
