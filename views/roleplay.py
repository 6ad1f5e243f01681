import streamlit as st

from academy.content.roleplay_play import InvalidChoice, walk
from academy.learning import roleplay
from academy.ui import roleplay as ui
from academy.ui.auth import require_user
from academy.ui.live_roleplay import run_live_button
from academy.ui.state import course, db, tt
from academy.ui.widgets import text

user = require_user()
c = course()
st.title(tt("nav_roleplay"))
error = st.session_state.pop("rp-error", None)
if error:
    st.warning(tt(error), icon=":material/info:")

rid = st.query_params.get("rp")
if not rid:
    st.write(tt("rp_intro"))
    with db() as s:
        records = roleplay.records(s, user_id=user.id)
    ui.records_chart(c, records)
    ui.scenario_list(c, records)
    st.stop()

try:
    rp = roleplay.scenario(c, rid)
except roleplay.RoleplayError as err:
    st.error(tt(err.key))
    st.page_link(ui.PAGE, label=tt("rp_all"), icon=":material/arrow_back:")
    st.stop()

st.query_params["rp"] = rp.id  # keeps the scenario in the address for the next run and a reload


def act(action, **kwargs):
    """Run a storage call from a button; a refusal becomes a message on the next run, never a traceback."""
    try:
        with db() as s:
            return action(s, user_id=user.id, **kwargs)
    except roleplay.RoleplayError as err:
        st.session_state["rp-error"] = err.key
        return None


def begin() -> None:
    st.query_params.pop("a", None)
    act(roleplay.start, course=c, roleplay_id=rp.id)


def start_over() -> None:
    act(roleplay.discard_open, roleplay_id=rp.id)
    begin()


with db() as s:
    current = roleplay.open_attempt(s, user_id=user.id, roleplay_id=rp.id)
    past = roleplay.history(s, user_id=user.id, roleplay_id=rp.id)
shown = next((a for a in past if str(a.id) == st.query_params.get("a")), None)

st.page_link(ui.PAGE, label=tt("rp_all"), icon=":material/arrow_back:")
st.header(text(rp.title))

if shown is not None:  # the debrief of a finished attempt (its address survives a reload)
    ui.last_exchange(c, rp, shown.choices, key=f"l{shown.id}")
    ui.debrief(c, rp, shown.choices, key=f"a{shown.id}")
    with st.expander(tt("rp_the_conversation")):
        ui.conversation(c, rp, shown.choices, key=f"t{shown.id}")
    st.button(tt("rp_play_again"), type="primary", icon=":material/replay:", on_click=begin)
    st.stop()

if current is not None:
    attempt_id, step = current.id, len(current.choices)

    def chosen(choice_id: str) -> None:
        done = act(roleplay.choose, course=c, attempt_id=attempt_id, step=step, choice_id=choice_id)
        if done is not None and done.finished_at is not None:
            st.query_params["a"] = str(done.id)

    with st.expander(tt("rp_setting_and_goal"), expanded=step == 0):
        ui.briefing(rp)
    try:
        here = walk(rp, current.choices).current
    except InvalidChoice:  # the scenario was rewritten since this attempt began
        st.warning(tt("rp_changed"))
        st.button(tt("rp_start_over"), on_click=start_over)
        st.stop()
    ui.conversation(c, rp, current.choices, key=f"a{attempt_id}")
    ui.choose(rp, here, seed=str(attempt_id), on_choice=chosen)
    st.divider()
    st.button(tt("rp_start_over"), icon=":material/restart_alt:", on_click=start_over)
    st.stop()

ui.briefing(rp)
st.button(tt("rp_start"), type="primary", icon=":material/play_arrow:", on_click=begin)
run_live_button(user, c, rp)
if past:
    st.subheader(tt("rp_my_plays"))
    for a in reversed(past[-10:]):
        end = rp.nodes.get(a.ending or "")
        title = text(end.title) if end is not None and end.is_ending else tt("rp_changed_short")
        st.page_link(
            ui.PAGE,
            label=f"{a.finished_at:%Y-%m-%d %H:%M} · {title} · {a.percent}%",
            icon=ui.OUTCOME_ICON.get(a.outcome or "", ":material/chat:"),
            query_params={"rp": rp.id, "a": a.id},
        )
