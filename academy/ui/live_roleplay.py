"""Screens of a role-play played live by a class: start it, the projector (host) and the phones.

views/live_host.py and views/join.py hand over to host() and phone() when the session is a role-play;
every piece of state is in the database (academy/classroom/live_roleplay.py), and the screens poll it.
"""

from __future__ import annotations

import streamlit as st

from academy.accounts.users import is_staff
from academy.classroom import live
from academy.classroom import live_roleplay as lrp
from academy.classroom.charts import vote_split
from academy.content.loader import Course
from academy.content.roleplay import Roleplay
from academy.core.models import LiveParticipant, LiveSession, User
from academy.core.spreadsheets import to_csv, to_excel
from academy.ui import roleplay as rp_ui
from academy.ui.live import join_url, qr_png
from academy.ui.state import db, lang, tt
from academy.ui.widgets import plain, text

HOST = "views/live_host.py"


def _start(user: User, course: Course, roleplay_id: str, title: str, seconds: int, cohort_id: int | None) -> None:
    try:
        with db() as s:
            started = lrp.start(
                s,
                trainer=user,
                course=course,
                roleplay_id=roleplay_id,
                title=title,
                time_limit=seconds,
                cohort_id=cohort_id,
            )
    except live.LiveError as err:
        st.error(tt(err.key, **err.params))
    else:
        st.switch_page(HOST, query_params={"s": started.id})


def run_live_button(user: User, course: Course, rp: Roleplay) -> None:
    """On a scenario's page, for trainers: run it with a class now (the Classroom page offers more options)."""
    if is_staff(user) and st.button(tt("lrp_run_live"), icon=":material/cast_for_education:"):
        _start(user, course, rp.id, text(rp.title), lrp.DEFAULT_SECONDS, None)


def start_form(user: User, course: Course, cohorts: list) -> None:
    """On the Classroom page: pick a scenario, a time per vote and a cohort, and open the projector screen."""
    st.subheader(tt("lrp_start"))
    with st.form("start-live-roleplay"):
        ids = [r.id for m in course.modules for r in course.roleplays_for(m.id)]
        roleplay_id = st.selectbox(tt("lrp_scenario"), ids, format_func=lambda r: text(course.roleplays[r].title))
        title = st.text_input(tt("cls_session_title"), max_chars=120, key="lrp-title")
        seconds = st.number_input(tt("lrp_seconds"), min_value=5, max_value=600, value=lrp.DEFAULT_SECONDS)
        cohort_id = st.selectbox(
            tt("cls_for_cohort"),
            [None, *[k.id for k in cohorts]],
            format_func=lambda k: tt("cls_no_cohort") if k is None else next(x.name for x in cohorts if x.id == k),
            key="lrp-cohort",
        )
        if st.form_submit_button(tt("lrp_start_button"), type="primary", icon=":material/play_arrow:"):
            default = text(course.roleplays[roleplay_id].title)
            _start(user, course, roleplay_id, title or default, int(seconds), cohort_id)


def _lettered(turn: lrp.Turn) -> list[str]:
    return [f"{turn.letter(c.id)}. {text(c.line)}" for c in turn.order]


def _split(turn: lrp.Turn, key: str) -> None:
    counts = [turn.votes.get(c.id, 0) for c in turn.order]
    labels = [f"{turn.letter(c.id)}. {text(c.line)[:60]}" for c in turn.order]
    played = [c.id for c in turn.order].index(turn.played.id) if turn.played else None
    st.markdown(f"**{tt('lrp_split', n=sum(counts))}**")
    st.plotly_chart(vote_split(labels, counts, played, lang()), key=key)


# --- the projector ------------------------------------------------------------------------------------


def host(user: User, course: Course, session_row: LiveSession) -> bool:
    """The trainer's screen of a live role-play; False (nothing drawn) when the session is a quiz.

    Only the lobby and the vote poll the database every second (people and votes arrive from the room); the
    split and the reveal change only when the trainer acts, so they are drawn once (a chart redrawn every
    second flickers on a projector) and a light watcher reloads the page if another tab moves the session on.
    """
    if session_row.kind != lrp.KIND:
        return False
    live_id = session_row.id
    try:
        rp = lrp.scenario_of(course, session_row)
    except live.LiveError as err:
        st.error(tt(err.key))
        return True

    def act(action, **kwargs) -> None:
        try:
            with db() as s:
                action(s, trainer=user, live_id=live_id, course=course, **kwargs)
        except live.LiveError as err:
            st.toast(tt(err.key, **err.params))

    def end() -> None:
        with db() as s:
            live.end(s, trainer=user, live_id=live_id)

    st.title(plain(session_row.title))
    st.caption(f"{tt('nav_roleplay')} · {text(rp.title)} · {rp_ui.client_label(rp)}")
    with db() as s:
        shown = live.snapshot(s, live_id=live_id)
        turns = lrp.turns(s, live_id=live_id, course=course) if shown.phase != "lobby" else []
    if shown.phase == "ended":
        _debrief(user, course, rp, live_id)
        return True

    @st.fragment(run_every=1)
    def room() -> None:
        """Lobby and vote: who has joined, how many have voted, the time left."""
        with db() as s:
            snap = live.snapshot(s, live_id=live_id)
            people = live.participants(s, live_id=live_id) if snap.phase == "lobby" else []
        if (snap.phase, snap.current) != (shown.phase, shown.current):
            st.rerun()  # the session moved on: the whole page draws the new phase
        if snap.phase == "lobby":
            url = join_url(snap.code)
            left, right = st.columns([2, 1])
            with left:
                st.markdown(tt("cls_join_at", url=url))
                st.markdown(f"# {snap.code}")
                st.markdown(f"**{tt('cls_arrived', n=snap.participants)}**")
                if people:
                    st.markdown(" · ".join(plain(p.nickname) for p in people))
            right.image(qr_png(url), width=220)
            return
        left, right = st.columns(2)
        left.metric(tt("lrp_votes_in"), f"{snap.answers}/{snap.participants}")
        right.metric(tt("cls_time_left"), f"{snap.seconds_left or 0:.0f}")

    @st.fragment(run_every=2)
    def watcher() -> None:
        with db() as s:
            snap = live.snapshot(s, live_id=live_id)
        if (snap.phase, snap.current) != (shown.phase, shown.current):
            st.rerun()

    st.caption(tt("cls_phase_" + shown.phase))
    if shown.phase == "lobby":
        room()
        with st.expander(tt("rp_setting_and_goal"), expanded=True):
            rp_ui.briefing(rp)
        st.button(tt("lrp_open_first"), type="primary", on_click=act, args=(lrp.open_first,))
        return True
    turn = turns[-1]
    node = rp.nodes[turn.node_id]
    st.markdown(f"**{tt('lrp_turn', n=turn.step + 1)}** · {shown.code}")
    if shown.phase == "question":
        rp_ui.client_says(rp, node)
        st.markdown("\n".join(f"- **{line}**" for line in _lettered(turn)))
        room()
        cols = st.columns(2)
        cols[0].button(
            tt("lrp_close_vote"), type="primary", on_click=act, args=(lrp.close_vote,), kwargs={"step": turn.step}
        )
        cols[1].button(tt("lrp_end"), on_click=end)
        return True
    watcher()
    if shown.phase == "tally":
        rp_ui.client_says(rp, node)
        _split(turn, key=f"split-{turn.step}")
        winner = turn.majority
        if winner is None:
            st.warning(tt("lrp_tie"), icon=":material/balance:")
        else:
            st.button(
                tt("lrp_play_majority", letter=turn.letter(winner)),
                type="primary",
                on_click=act,
                args=(lrp.play,),
                kwargs={"step": turn.step},
            )
        st.markdown(f"**{tt('lrp_trainer_pick')}**")
        cols = st.columns(len(turn.order))
        for col, choice in zip(cols, turn.order, strict=True):
            col.button(
                tt("lrp_play_letter", letter=turn.letter(choice.id)),
                key=f"pick-{turn.step}-{choice.id}",
                on_click=act,
                args=(lrp.play,),
                kwargs={"step": turn.step, "choice_id": choice.id},
            )
        return True
    # reveal: the line played, the client's reaction, the coach's feedback
    _split(turn, key=f"split-{turn.step}")
    if turn.trainer_pick:
        st.caption(tt("lrp_picked_by_trainer"))
    rp_ui.exchange(course, rp, node, turn.played, key=f"live-{turn.step}", who=tt("lrp_the_class"))
    last = rp.nodes[turn.played.next].is_ending
    st.button(
        tt("lrp_see_ending") if last else tt("lrp_next_turn"),
        type="primary",
        on_click=act,
        args=(lrp.next_turn,),
        kwargs={"step": turn.step},
    )
    return True


def _debrief(user: User, course: Course, rp: Roleplay, live_id: int) -> None:
    with db() as s:
        frames = lrp.results(s, trainer=user, live_id=live_id, course=course, lang=lang())
        session_row = s.get(LiveSession, live_id)
    st.success(tt("lrp_ended"), icon=":material/flag:")
    rp_ui.debrief(course, rp, list(session_row.question_ids), key=f"live-{live_id}", who=tt("lrp_the_class"))
    st.subheader(tt("lrp_turns"))
    st.dataframe(frames["turns"], hide_index=True)
    if frames["votes"].empty:
        return
    st.subheader(tt("cls_export"))
    left, right = st.columns(2)
    left.download_button(
        tt("cls_export_csv"),
        to_csv(frames["votes"]),
        file_name=f"roleplay-{session_row.code}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    sheets = {tt("lrp_sheet_votes"): frames["votes"], tt("lrp_sheet_turns"): frames["turns"]}
    right.download_button(
        tt("cls_export_xlsx"),
        to_excel(sheets),
        file_name=f"roleplay-{session_row.code}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )


# --- the phones ---------------------------------------------------------------------------------------


def phone(course: Course, who: LiveParticipant) -> bool:
    """A trainee's screen of a live role-play; False (nothing drawn) when the session is a quiz.

    The screen is drawn once per phase; a watcher polls the phase every second and redraws the page when the
    trainer moves on, so a phone renders little and a room of them loads the server lightly.
    """
    with db() as s:
        if not lrp.is_roleplay(s, live_id=who.session_id):
            return False
        session_row = s.get(LiveSession, who.session_id)
        snap = live.snapshot(s, live_id=who.session_id)
        turns = lrp.turns(s, live_id=who.session_id, course=course) if snap.phase != "lobby" else []
        mine = live.my_answer(s, token=who.token, question_index=snap.current) if snap.current >= 0 else None
    try:
        rp = lrp.scenario_of(course, session_row)
    except live.LiveError as err:
        st.error(tt(err.key))
        return True

    def send(step: int, choice_id: str) -> None:
        try:
            with db() as s:
                lrp.vote(s, token=who.token, step=step, choice_id=choice_id, course=course)
        except live.LiveError as err:
            st.session_state["live_error"] = (err.key, err.params)

    @st.fragment(run_every=1)
    def watcher() -> None:
        with db() as s:
            now = live.snapshot(s, live_id=who.session_id)
        if (now.phase, now.current) != (snap.phase, snap.current):
            st.rerun()

    if snap.phase != "ended":
        watcher()
    error = st.session_state.pop("live_error", None)
    if error:
        st.warning(tt(error[0], **error[1]))
    if snap.phase == "lobby":
        st.info(tt("lrp_wait_start"), icon=":material/hourglass_top:")
        rp_ui.briefing(rp)
        return True
    if snap.phase == "ended":
        st.success(tt("lrp_thanks"), icon=":material/celebration:")
        if turns and turns[-1].played is not None and rp.nodes[turns[-1].played.next].is_ending:
            rp_ui.ending(rp.nodes[turns[-1].played.next])
        return True
    turn = turns[-1]
    node = rp.nodes[turn.node_id]
    st.markdown(f"**{tt('lrp_turn', n=turn.step + 1)}**")
    voted = turn.letter(mine.response[0]) if mine is not None else None
    if snap.phase == "question":
        rp_ui.client_says(rp, node)
        if voted is not None:
            st.success(tt("lrp_vote_received", letter=voted), icon=":material/done:")
            return True
        for choice, label in zip(turn.order, _lettered(turn), strict=True):
            st.button(
                label,
                key=f"vote-{snap.id}-{turn.step}-{choice.id}",
                width="stretch",
                on_click=send,
                args=(turn.step, choice.id),
            )
    elif snap.phase == "tally":
        st.info(tt("lrp_votes_closed"), icon=":material/how_to_vote:")
        if voted is not None:
            st.caption(tt("lrp_you_voted", letter=voted))
    else:
        st.markdown(tt("lrp_class_played", letter=turn.letter(turn.played.id)))
        if voted is not None:
            st.caption(tt("lrp_you_voted", letter=voted))
        rp_ui.exchange(course, rp, node, turn.played, key=f"phone-{turn.step}", who=tt("lrp_the_class"), links=False)
    return True
