"""The trainer's host screen of a live quiz, also as a projector view (presentation mode): no sidebar,
a join code and QR code readable from the back of the room, the question and countdown large, the
options in the phones' colours and shapes, a bold answer chart, a podium, and keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import streamlit as st

from academy.classroom import live
from academy.classroom.charts import OPTION_STYLES, answer_distribution, option_style
from academy.content.schema import Question
from academy.ui import live_shared
from academy.ui.live import join_url, live_order, qr_png, shown_name, standings_table
from academy.ui.questions import right_answer, say
from academy.ui.state import lang, tt
from academy.ui.widgets import plain

# keyboard shortcuts of the trainer's buttons (Streamlit reserves C and R)
KEYS = {"next": "N", "reveal": "A", "pause": "P", "leaderboard": "L"}
PODIUM = ("#c9a227", "#9aa5b1", "#b0703a")  # gold, silver, bronze


def _option_css(prefix: str) -> list[str]:
    return [
        f".st-key-{prefix}{i} {{background: {colour}; border-radius: 0.5rem; padding: 0.6rem 1rem;}}"
        f" .st-key-{prefix}{i} p {{color: #fff; font-weight: 700; margin: 0;}}"
        for i, (colour, _) in enumerate(OPTION_STYLES)
    ]


HOST_CSS = "\n".join(
    [
        "<style>",
        *_option_css("host-opt-"),
        ".st-key-host-podium-0 {min-height: 15rem;} .st-key-host-podium-1 {min-height: 11rem;}",
        ".st-key-host-podium-2 {min-height: 8rem;}",
        *(
            f".st-key-host-podium-{i} {{background: {colour}; border-radius: 0.75rem 0.75rem 0 0;"
            f" padding: 1rem; justify-content: flex-end;}} .st-key-host-podium-{i} p {{color: #fff;"
            " text-align: center; font-weight: 800; margin: 0;}"
            for i, colour in enumerate(PODIUM)
        ),
        "</style>",
    ]
)

# The projector: no sidebar or toolbar, the full width, type sized for the back of a room.
PRESENT_CSS = "\n".join(
    [
        "<style>",
        '[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],',
        '[data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}',
        ".block-container {max-width: 100% !important; padding: 1.5rem 3rem 2rem !important;}",
        ".st-key-host-code h1 {font-size: 9rem; line-height: 1; letter-spacing: 0.08em; padding: 0;}",
        ".st-key-host-join p {font-size: 1.8rem;}",
        ".st-key-host-question p {font-size: 2.6rem; font-weight: 700; line-height: 1.25;}",
        '.st-key-host-countdown [data-testid="stMetricValue"], .st-key-host-count [data-testid="stMetricValue"]',
        "  {font-size: 6rem; font-weight: 800; line-height: 1.1;}",
        '.st-key-host-countdown [data-testid="stMetricLabel"] p, .st-key-host-count [data-testid="stMetricLabel"] p',
        "  {font-size: 1.6rem;}",
        '[class*="st-key-host-opt-"] p {font-size: 2rem;}',
        '[class*="st-key-host-podium-"] p {font-size: 2rem;}',
        ".st-key-host-arrived p {font-size: 2rem;}",
        ".st-key-host-right p {font-size: 2rem; font-weight: 700;}",
        "</style>",
    ]
)


@lru_cache(maxsize=32)
def _qr(url: str) -> bytes:
    return qr_png(url)


def style(present: bool) -> None:
    st.html(HOST_CSS + (PRESENT_CSS if present else ""))


def presence(live_id: int) -> None:
    """How many phones are current, and a warning when some are behind (the server is overloaded)."""
    seen = live_shared.presence(live_id)
    if seen.current or seen.behind:
        st.caption(tt("ls_phones_current", c=seen.current))
    if seen.behind:
        st.warning(tt("ls_phones_behind", b=seen.behind), icon=":material/speed:")
    if seen.silent:
        st.warning(tt("ls_servers_silent", n=seen.silent), icon=":material/cloud_off:")


def lobby(snap: live.Snapshot, people: list[str], present: bool, act: Callable) -> None:
    url = join_url(snap.code)
    left, right = st.columns([3, 2] if present else [2, 1], vertical_alignment="center")
    with left:
        with st.container(key="host-join"):
            st.markdown(tt("ls_join_here", url=url) if present else tt("cls_join_at", url=url))
        with st.container(key="host-code"):
            st.markdown(f"# {snap.code}")
        with st.container(key="host-arrived"):
            st.markdown(f"**{tt('cls_arrived', n=snap.participants)}**")
        if people:
            st.markdown(" · ".join(plain(p) for p in people[-60:]))  # the latest arrivals
    right.image(_qr(url), width=420 if present else 220)
    st.button(
        tt("cls_open_first"),
        type="primary",
        on_click=act,
        args=(live.open_next,),
        icon=":material/play_arrow:",
        shortcut=KEYS["next"],
    )


def options(q: Question, order: list) -> None:
    """The options as the phones show them: colour and shape per position."""
    if q.type not in ("single", "scenario", "true_false", "multiple"):
        return
    by_id = {o.id: o for o in q.options}
    cols = st.columns(2)
    for position, oid in enumerate(order):
        _, shape = option_style(position)
        with cols[position % 2].container(key=f"host-opt-{position}"):
            st.markdown(f"{shape}  {say(q, by_id[oid].text)}")


def question(snap: live.Snapshot, q: Question, act: Callable) -> None:
    with st.container(key="host-question"):
        st.markdown(say(q, q.prompt))
    options(q, live_order(q, snap.id, snap.current))
    left, mid = st.columns(2)
    with left.container(key="host-count"):
        st.metric(tt("cls_answers_label"), f"{snap.answers}/{snap.participants}")
    with mid.container(key="host-countdown"):
        st.metric(tt("cls_paused_note") if snap.paused else tt("cls_time_left"), f"{snap.remaining() or 0:.0f}")
    cols = st.columns(4)
    cols[0].button(tt("cls_reveal"), type="primary", on_click=act, args=(live.reveal,), shortcut=KEYS["reveal"])
    if snap.paused:
        cols[1].button(tt("cls_resume"), on_click=act, args=(live.resume,), shortcut=KEYS["pause"])
    else:
        cols[1].button(tt("cls_pause"), on_click=act, args=(live.pause,), shortcut=KEYS["pause"])
    cols[2].button(tt("cls_skip"), on_click=act, args=(live.skip,))
    cols[3].button(tt("cls_end"), on_click=act, args=(live.end,))


def reveal(snap: live.Snapshot, q: Question, present: bool, act: Callable) -> None:
    with st.container(key="host-question"):
        st.markdown(say(q, q.prompt))
    responses = live_shared.responses(snap.id, snap)
    st.markdown(f"**{tt('cls_distribution')}** ({len(responses)}/{snap.participants})")
    order, reader = live_order(q, snap.id, snap.current), lang()
    fig = live_shared.derived(  # drawn again only when an answer arrives, not every second
        snap.id, snap, f"chart-{reader}-{present}", lambda: answer_distribution(q, responses, reader, order, present)
    )
    # the projector keeps the chart's own large type (Streamlit's theme would shrink it)
    st.plotly_chart(
        fig, key=f"dist-{snap.current}", config={"displayModeBar": False}, theme=None if present else "streamlit"
    )
    with st.container(key="host-right"):
        st.success(tt("quiz_right_answer", answer=right_answer(q)))
    if not present:
        st.markdown(say(q, q.explanation))
    cols = st.columns(3)
    cols[0].button(
        tt("cls_leaderboard"), type="primary", on_click=act, args=(live.show_leaderboard,), shortcut=KEYS["leaderboard"]
    )
    cols[1].button(tt("cls_next_question"), on_click=act, args=(live.open_next,), shortcut=KEYS["next"])
    cols[2].button(tt("cls_end"), on_click=act, args=(live.end,))


def podium(board: list[live.Standing]) -> None:
    """The first three on steps (second, first, third from the left), as on a sports podium."""
    if not board:
        return
    st.subheader(tt("ls_podium"))
    cols = st.columns(3, vertical_alignment="bottom")
    for place, column in ((1, cols[0]), (0, cols[1]), (2, cols[2])):
        if place < len(board):
            who = board[place]
            with column.container(key=f"host-podium-{place}"):
                st.markdown(f"{who.rank} · {plain(shown_name(who.nickname, who.guest))}")
                st.markdown(tt("ls_points", p=who.points))


def leaderboard(snap: live.Snapshot, present: bool, act: Callable) -> None:
    board = live_shared.standings(snap.id, snap)
    st.subheader(tt("cls_leaderboard"))
    podium(board)
    if not present or len(board) > 3:
        if present:
            st.markdown(f"**{tt('ls_rest')}**")
        standings_table(board[3:] if present else board)
    if snap.phase == "leaderboard":
        cols = st.columns(2)
        last = snap.current + 1 >= snap.total
        cols[0].button(
            tt("cls_end") if last else tt("cls_next_question"),
            type="primary",
            on_click=act,
            args=(live.end if last else live.open_next,),
            shortcut=KEYS["next"],
        )
        if not last:
            cols[1].button(tt("cls_end"), on_click=act, args=(live.end,))


def shortcuts_hint() -> None:
    st.caption(tt("ls_shortcuts"))
