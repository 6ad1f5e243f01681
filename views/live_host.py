import streamlit as st

from academy.classroom import live
from academy.classroom.charts import answer_distribution
from academy.core.models import Role
from academy.ui.auth import require_role
from academy.ui.live import join_url, lobby_names, qr_png, results_export, standings_table
from academy.ui.questions import right_answer
from academy.ui.state import course, db, lang, tt
from academy.ui.widgets import markdown, plain

user = require_role(Role.trainer, Role.admin)
c = course()
try:
    live_id = int(st.query_params.get("s", "0"))
    with db() as s:
        session_row = live.owned(s, trainer=user, live_id=live_id)
except (ValueError, live.LiveError):
    st.error(tt("cls_not_found"))
    st.stop()


def act(action, **kwargs) -> None:
    try:
        with db() as s:
            action(s, trainer=user, live_id=live_id, **kwargs)
    except live.LiveError as err:
        st.toast(tt(err.key, **err.params))


st.title(plain(session_row.title))


@st.fragment(run_every=1)
def screen() -> None:
    with db() as s:
        snap = live.snapshot(s, live_id=live_id)
        people = live.participants(s, live_id=live_id)
    st.caption(tt("cls_phase_" + snap.phase))

    if snap.phase == "lobby":
        url = join_url(snap.code)
        left, right = st.columns([2, 1])
        with left:
            st.markdown(tt("cls_join_at", url=url))
            st.markdown(f"# {snap.code}")
            st.markdown(f"**{tt('cls_arrived', n=snap.participants)}**")
            if people:
                st.markdown(lobby_names(people))
        right.image(qr_png(url), width=220)
        st.button(
            tt("cls_open_first"), type="primary", on_click=act, args=(live.open_next,), icon=":material/play_arrow:"
        )
        return

    if snap.phase == "ended":
        st.rerun()  # the whole page: polling stops and the results appear
    st.markdown(f"**{tt('cls_question_of', i=snap.current + 1, n=snap.total)}** · {snap.code}")

    if snap.phase in ("question", "reveal"):
        question = c.question(snap.question_id)
        markdown(question.prompt)
        if snap.phase == "question":
            left, mid, right = st.columns(3)
            left.metric(tt("cls_answers_label"), f"{snap.answers}/{snap.participants}")
            mid.metric(tt("cls_paused_note") if snap.paused else tt("cls_time_left"), f"{snap.seconds_left:.0f}")
            cols = st.columns(4)
            cols[0].button(tt("cls_reveal"), type="primary", on_click=act, args=(live.reveal,))
            if snap.paused:
                cols[1].button(tt("cls_resume"), on_click=act, args=(live.resume,))
            else:
                cols[1].button(tt("cls_pause"), on_click=act, args=(live.pause,))
            cols[2].button(tt("cls_skip"), on_click=act, args=(live.skip,))
            cols[3].button(tt("cls_end"), on_click=act, args=(live.end,))
        else:
            with db() as s:
                responses = live.distribution(s, live_id=live_id, question_index=snap.current)
            st.markdown(f"**{tt('cls_distribution')}** ({len(responses)}/{snap.participants})")
            st.plotly_chart(answer_distribution(question, responses, lang()), key=f"dist-{snap.current}")
            st.success(tt("quiz_right_answer", answer=right_answer(question)))
            markdown(question.explanation)
            cols = st.columns(3)
            cols[0].button(tt("cls_leaderboard"), type="primary", on_click=act, args=(live.show_leaderboard,))
            cols[1].button(tt("cls_next_question"), on_click=act, args=(live.open_next,))
            cols[2].button(tt("cls_end"), on_click=act, args=(live.end,))
        return

    with db() as s:
        board = live.leaderboard(s, live_id=live_id)
    st.subheader(tt("cls_leaderboard"))
    standings_table(board)
    if snap.phase == "leaderboard":
        cols = st.columns(2)
        last = snap.current + 1 >= snap.total
        cols[0].button(
            tt("cls_end") if last else tt("cls_next_question"),
            type="primary",
            on_click=act,
            args=(live.end if last else live.open_next,),
        )
        if not last:
            cols[1].button(tt("cls_end"), on_click=act, args=(live.end,))


with db() as s:
    state = live.snapshot(s, live_id=live_id)
if state.phase != "ended":
    screen()
    st.stop()

with db() as s:
    board = live.leaderboard(s, live_id=live_id)
st.success(tt("cls_ended"))
st.subheader(tt("cls_leaderboard"))
standings_table(board)
results_export(live_id, state.code, user)
