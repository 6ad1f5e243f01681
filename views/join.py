import streamlit as st

from academy.classroom import live
from academy.learning.scoring import is_correct
from academy.ui.auth import current_user
from academy.ui.live import live_order, my_standing, shown_name
from academy.ui.login_form import login_form
from academy.ui.questions import question_form, right_answer
from academy.ui.state import course, db, tt
from academy.ui.widgets import markdown, plain

user = current_user()  # None for a guest: guests may join with a nickname, nothing more
c = course()
st.title(tt("nav_join"))

# The participant token lives in the address (?p=...), so a reloaded or re-opened phone rejoins as itself.
token = st.query_params.get("p") or st.session_state.get("live_token")
who = None
if token:
    with db() as s:
        who = live.participant(s, token=token)
if who is not None and user is not None and who.guest:
    who = None  # logged in since joining as a guest: join again as themself
if who is None:
    with st.form("join-live"):
        code = st.text_input(tt("cls_enter_code"), value=st.query_params.get("code", ""), max_chars=6)
        nickname = "" if user else st.text_input(tt("cls_nickname"), max_chars=40)
        if st.form_submit_button(tt("cls_join_live"), type="primary"):
            try:
                with db() as s:
                    joined = live.join(s, code=code, user=user, nickname=nickname)
            except live.LiveError as err:
                st.error(tt(err.key, **err.params))
            else:
                st.session_state["live_token"] = joined.token
                st.query_params.update({"code": code.strip(), "p": joined.token})
                st.rerun()
    if user is None:
        with st.expander(tt("fw_login_to_join")):
            st.caption(tt("fw_login_to_join_help"))
            login_form("join-login", "join_login")
    st.stop()

st.query_params.update({"p": who.token})
with db() as s:
    session_row = live.snapshot(s, live_id=who.session_id)
st.caption(tt("cls_joined_as", title=plain(session_row.title), name=plain(shown_name(who.nickname, who.guest))))


def send(index: int, response: list) -> None:
    try:
        with db() as s:
            live.submit(s, token=who.token, question_index=index, response=response, course=c)
    except live.LiveError as err:
        st.session_state["live_error"] = (err.key, err.params)


@st.fragment(run_every=1)
def player() -> None:
    with db() as s:
        snap = live.snapshot(s, live_id=who.session_id)
        mine = live.my_answer(s, token=who.token, question_index=snap.current) if snap.current >= 0 else None
        board = live.leaderboard(s, live_id=who.session_id) if snap.phase in ("leaderboard", "ended") else []
    error = st.session_state.pop("live_error", None)
    if error:
        st.warning(tt(error[0], **error[1]))

    if snap.phase == "lobby":
        st.info(tt("cls_wait_start"), icon=":material/hourglass_top:")
    elif snap.phase == "question":
        question = c.question(snap.question_id)
        st.markdown(f"**{tt('cls_question_of', i=snap.current + 1, n=snap.total)}**")
        if mine is not None:
            st.success(tt("cls_answer_received"), icon=":material/done:")
        elif snap.paused:
            st.info(tt("cls_paused"), icon=":material/pause:")
        else:
            st.progress(
                min(1.0, (snap.seconds_left or 0) / snap.time_limit),
                text=tt("cls_seconds_left", s=round(snap.seconds_left or 0)),
            )
            response = question_form(
                question,
                live_order(question, snap.id, snap.current),
                key=f"live-{snap.id}-{snap.question_id}",
                submit_label=tt("cls_send"),
            )
            if response is not None:
                send(snap.current, response)
                st.rerun(scope="fragment")
    elif snap.phase == "reveal":
        question = c.question(snap.question_id)
        if mine is None:
            st.info(tt("cls_no_answer"))
        elif is_correct(mine.score):
            st.success(tt("cls_you_were_right", points=mine.points), icon=":material/celebration:")
        elif mine.score > 0:
            st.warning(tt("cls_you_were_partial"))
        else:
            st.error(tt("cls_you_were_wrong"))
        st.markdown(tt("quiz_right_answer", answer=right_answer(question)))
        markdown(question.explanation)
    else:
        if snap.phase == "ended":
            st.success(tt("cls_thanks"), icon=":material/celebration:")
        else:
            st.info(tt("cls_wait_next"), icon=":material/hourglass_top:")
        my_standing(board, who.id)


player()
