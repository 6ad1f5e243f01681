import streamlit as st

from academy.classroom import live
from academy.core.i18n import t
from academy.ui import live_phone, live_shared
from academy.ui.auth import client_address, current_user
from academy.ui.live import shown_name
from academy.ui.live_roleplay import phone as roleplay_phone
from academy.ui.login_form import login_form
from academy.ui.questions import lookup
from academy.ui.state import course, db, lang, tt
from academy.ui.widgets import plain

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
                    joined = live.join(s, code=code, user=user, nickname=nickname, client=client_address())
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
live_phone.style()
first = live_shared.snapshot(who.session_id)
st.caption(tt("cls_joined_as", title=plain(first.title), name=plain(shown_name(who.nickname, who.guest))))
if roleplay_phone(c, who):  # a live role-play has its own phone screen
    st.stop()
poll = live_shared.poll_for(first.phase)


@st.fragment(run_every=poll)
def player() -> None:
    snap = live_shared.snapshot(who.session_id)
    if live_shared.poll_for(snap.phase) != poll:
        st.rerun()  # the lobby's slower poll is over (or back): the whole page sets the new interval
    live_shared.phone_seen(snap.id, who.token, snap.phase)
    lg = lang()
    error = st.session_state.pop("live_error", None)
    if error:
        st.warning(t(error[0], lg, **error[1]))
    if snap.phase == "lobby":
        st.info(t("cls_wait_start", lg), icon=":material/hourglass_top:")
    elif snap.phase == "question":
        live_phone.question(who, snap, lookup(c, snap.question_id), c, lg)
    elif snap.phase == "reveal":
        live_phone.result(who, snap, lookup(c, snap.question_id), lg)
    else:
        live_phone.standing(who, snap, lg)


player()
