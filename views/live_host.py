import streamlit as st

from academy.classroom import live
from academy.core.models import Role
from academy.ui import live_screen, live_shared
from academy.ui.auth import require_role
from academy.ui.live import results_export, shown_name, standings_table
from academy.ui.live_roleplay import host as roleplay_host
from academy.ui.questions import lookup
from academy.ui.state import course, db, tt
from academy.ui.widgets import plain

user = require_role(Role.trainer, Role.admin)
c = course()
try:
    live_id = int(st.query_params.get("s", "0"))
    with db() as s:
        session_row = live.owned(s, trainer=user, live_id=live_id)
except (ValueError, live.LiveError):
    st.error(tt("cls_not_found"))
    st.stop()
if roleplay_host(user, c, session_row):  # a live role-play has its own projector screen
    st.stop()
present = st.query_params.get("present") == "1"  # presentation mode: the projector view


def act(action, **kwargs) -> None:
    try:
        with db() as s:
            action(s, trainer=user, live_id=live_id, **kwargs)
    except live.LiveError as err:
        st.toast(tt(err.key, **err.params))
    live_shared.refresh(live_id)  # this screen shows the change on its next run, not a tick later


def toggle_present() -> None:
    if present:
        st.query_params.pop("present", None)
    else:
        st.query_params["present"] = "1"


live_screen.style(present)
title, switch = st.columns([4, 1], vertical_alignment="center")
title.title(plain(session_row.title))
switch.button(
    tt("ls_present_exit") if present else tt("ls_present"),
    on_click=toggle_present,
    icon=":material/fullscreen_exit:" if present else ":material/fullscreen:",
    key="present-toggle",
)


@st.fragment(run_every=1)
def screen() -> None:
    snap = live_shared.snapshot(live_id)
    if snap.phase == "ended":
        st.rerun()  # the whole page: polling stops and the results appear
    st.caption(f"{tt('cls_phase_' + snap.phase)} · {tt('cls_question_of', i=snap.current + 1, n=snap.total)}")
    if snap.phase == "lobby":
        with db() as s:
            people = [shown_name(p.nickname, p.guest) for p in live.participants(s, live_id=live_id)]
        live_screen.lobby(snap, people, present, act)
    elif snap.phase == "question":
        live_screen.question(snap, lookup(c, snap.question_id), act)
    elif snap.phase == "reveal":
        live_screen.reveal(snap, lookup(c, snap.question_id), present, act)
    else:
        live_screen.leaderboard(snap, present, act)
    live_screen.presence(live_id)
    live_screen.shortcuts_hint()


if live_shared.snapshot(live_id).phase != "ended":
    screen()
    st.stop()

with db() as s:
    state = live.snapshot(s, live_id=live_id)
    board = live.leaderboard(s, live_id=live_id)
st.success(tt("cls_ended"))
live_screen.podium(board)
st.subheader(tt("cls_leaderboard"))
standings_table(board)
results_export(live_id, state.code, user)
