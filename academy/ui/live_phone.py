"""The trainee's phone during a live quiz, made for thumbs: big coloured answer buttons whose colour and
shape match the projector, a countdown, a clear "answer received" and the result with the points.

Each function takes the reader's language, read once per run (st.session_state is not free).
The screen re-runs once a second (every two seconds in the lobby) for hundreds of phones at a
time, so it reads only what this process shares (live_shared.snapshot) and what this phone
already knows (its own answer, kept in the session once read): no query per second of its own.
"""

from __future__ import annotations

import time

import streamlit as st

from academy.classroom import live
from academy.classroom.charts import OPTION_STYLES, option_style
from academy.content.schema import Question
from academy.core.i18n import t
from academy.learning.scoring import is_correct
from academy.ui import live_shared
from academy.ui.live import live_order
from academy.ui.questions import question_form, right_answer, say
from academy.ui.state import db

RECHECK_S = 3.0  # how often "not answered yet" is read again
TAP_TYPES = ("single", "scenario", "true_false")  # one tap answers; the others keep a form with Send
_OPTIONS = "st-key-phone-options"  # the class Streamlit gives the keyed container of the option buttons

# Every option button fills the width, is at least 64 px tall (twice a 32 px thumb target) and
# wears its position's colour and shape; the rest of the page loses Streamlit's wide margins.
PHONE_CSS = "\n".join(
    [
        "<style>",
        f".{_OPTIONS} button {{width: 100%; min-height: 4rem; font-size: 1.2rem;",
        "  font-weight: 700; color: #fff; border: none; justify-content: flex-start; text-align: left;}",
        f".{_OPTIONS} button p {{font-size: 1.2rem; font-weight: 700;}}",
        # one container for all options, each button coloured by its position (nth child)
        *(
            f".{_OPTIONS} > div:nth-child({i + 1}) button, .{_OPTIONS} > div:nth-child({i + 1}) button:hover,"
            f" .{_OPTIONS} > div:nth-child({i + 1}) button:focus {{background: {colour}; color: #fff;}}"
            for i, (colour, _) in enumerate(OPTION_STYLES)
        ),
        *(
            f".st-key-phone-chosen-{i} {{background: {colour}; border-radius: 0.5rem; padding: 0.75rem 1rem;}}"
            f" .st-key-phone-chosen-{i} p {{color: #fff;}}"
            for i, (colour, _) in enumerate(OPTION_STYLES)
        ),
        ".st-key-phone-countdown p {text-align: center; margin: 0;}",
        ".st-key-phone-countdown p:last-child {font-size: 2.6rem; font-weight: 800; line-height: 1.2;}",
        ".st-key-phone-received, .st-key-phone-result {text-align: center;}",
        ".st-key-phone-received p, .st-key-phone-result p {font-size: 1.4rem; font-weight: 700;}",
        "@media (max-width: 640px) {.block-container {padding: 4.25rem 0.75rem 3rem;}",  # below the 60 px top bar
        "  h1 {font-size: 1.6rem !important; padding-top: 0.5rem !important;}}",
        "</style>",
    ]
)


def style() -> None:
    st.html(PHONE_CSS)


def _mine(who: live.LiveParticipant, index: int) -> tuple | None:
    """This phone's answer to question `index` as (response, score, points), or None.

    An answer never changes once stored, so it is read from the database once; "not answered
    yet" is re-read every few seconds only, in case the same trainee answered from another tab.
    """
    known = st.session_state.setdefault("live_mine", {})
    key = (who.session_id, index)
    entry = known.get(key)
    now = time.monotonic()
    if entry is None or (entry[0] is None and now - entry[1] > RECHECK_S):
        with db() as s:
            answer = live.answer_of(s, participant_id=who.id, question_index=index)
        found = (list(answer.response), answer.score, answer.points) if answer is not None else None
        entry = known[key] = (found, now)
    return entry[0]


def _remember(who: live.LiveParticipant, index: int, answer: live.LiveAnswer) -> None:
    found = (list(answer.response), answer.score, answer.points)
    st.session_state.setdefault("live_mine", {})[(who.session_id, index)] = (found, time.monotonic())


def send(who: live.LiveParticipant, index: int, response: list, course) -> None:
    """Store the answer (a double tap counts once); a refusal is shown on the next line of the screen."""
    try:
        with db() as s:
            answer = live.submit(s, token=who.token, question_index=index, response=response, course=course)
    except live.LiveError as err:
        st.session_state["live_error"] = (err.key, err.params)
    else:
        _remember(who, index, answer)


def countdown(snap: live.Snapshot, lg: str) -> None:
    """ "Question 2 of 5" and the seconds left, large: one element, as it is sent every second."""
    heading = t("cls_question_of", lg, i=snap.current + 1, n=snap.total)
    if snap.paused:
        left = f":material/pause: {t('cls_paused', lg)}"
    else:
        left = t("ls_seconds", lg, s=round(snap.remaining() or 0.0))
    with st.container(key="phone-countdown"):
        st.markdown(f"**{heading}**\n\n{left}")


def question(who: live.LiveParticipant, snap: live.Snapshot, q: Question, course, lg: str) -> None:
    """The open question: answer buttons (or the form), or what this phone answered.

    It is drawn every second by every phone, so it uses few elements: each one costs the server
    a message per phone per second.
    """
    mine = _mine(who, snap.current)
    order = live_order(q, snap.id, snap.current)
    if mine is not None:
        st.markdown(f"**{t('cls_question_of', lg, i=snap.current + 1, n=snap.total)}**")
        with st.container(key="phone-received"):
            st.success(t("cls_answer_received", lg), icon=":material/done:")
            chosen = _chosen(q, order, mine[0], lg)
            if chosen is not None:  # in its colour, as on the projector
                with st.container(key=f"phone-chosen-{chosen[0]}"):
                    st.markdown(t("ls_you_chose", lg, option=chosen[1]))
        return
    countdown(snap, lg)
    if snap.paused:
        return
    if q.type in TAP_TYPES:
        st.markdown(say(q, q.prompt, lg))
        options = {o.id: o for o in q.options}
        # keyed like question_form's container: the page names the question (class st-key-live-<id>-<question>)
        with st.container(key=f"live-{snap.id}-{snap.question_id}"), st.container(key="phone-options"):
            for position, oid in enumerate(order):
                st.button(
                    f"{option_style(position)[1]}  {say(q, options[oid].text, lg)}",
                    key=f"pick-{snap.id}-{snap.current}-{oid}",
                    on_click=send,
                    args=(who, snap.current, [oid], course),
                    width="stretch",
                )
        return
    response = question_form(q, order, key=f"live-{snap.id}-{snap.question_id}", submit_label=t("cls_send", lg))
    if response is not None:
        send(who, snap.current, response, course)
        st.rerun(scope="fragment")


def _chosen(q: Question, order: list, response: list, lg: str) -> tuple[int, str] | None:
    """(position, shape and text) of the option this phone tapped."""
    if q.type not in TAP_TYPES or not response:
        return None
    options = {o.id: o for o in q.options}
    if response[0] not in options or response[0] not in order:
        return None
    position = order.index(response[0])
    return position, f"{option_style(position)[1]} {say(q, options[response[0]].text, lg)}"


def result(who: live.LiveParticipant, snap: live.Snapshot, q: Question, lg: str) -> None:
    """After the reveal: right or wrong with the points, and the right answer."""
    mine = _mine(who, snap.current)
    with st.container(key="phone-result"):
        if mine is None:
            st.info(t("cls_no_answer", lg))
        elif is_correct(mine[1]):
            st.success(t("cls_you_were_right", lg, points=mine[2]), icon=":material/celebration:")
        elif mine[1] > 0:
            st.warning(t("cls_you_were_partial", lg))
        else:
            st.error(t("cls_you_were_wrong", lg))
    st.markdown(t("quiz_right_answer", lg, answer=right_answer(q)))
    st.markdown(say(q, q.explanation, lg))


def standing(who: live.LiveParticipant, snap: live.Snapshot, lg: str) -> None:
    """Between questions and at the end: this trainee's rank and points (the board is shared per version)."""
    board = live_shared.standings(snap.id, snap)
    if snap.phase == "ended":
        st.success(t("cls_thanks", lg), icon=":material/celebration:")
    else:
        st.info(t("cls_wait_next", lg), icon=":material/hourglass_top:")
    me = next((s for s in board if s.participant_id == who.id), None)
    if me is not None:  # the rank is shared on a tie, as the projector shows it
        st.metric(t("cls_col_rank", lg), f"{me.rank}/{len(board)}")
        st.write(t("fw_your_standing", lg, score=f"{me.score:.1f}", points=me.points))
