"""Pieces of the live classroom screens shared by the host and trainee pages."""

from __future__ import annotations

import io
import random
from urllib.parse import urlsplit

import pandas as pd
import segno
import streamlit as st

from academy.classroom import live
from academy.classroom.live import Standing
from academy.content.schema import Question
from academy.core.spreadsheets import to_csv, to_excel
from academy.learning.scoring import layout_for
from academy.ui.state import course, db, lang, settings, tt
from academy.ui.widgets import plain


def _origin() -> str:
    """PUBLIC_URL if set (behind a proxy), else this page's own origin."""
    parts = urlsplit(settings().public_url or st.context.url or "http://127.0.0.1:8501/")
    return f"{parts.scheme}://{parts.netloc}"


def app_address(path: str) -> str:
    """An address of this app for people elsewhere: PUBLIC_URL's origin if set (behind a proxy), else this page's."""
    return f"{_origin()}/{path}"


def join_url(code: str) -> str:
    """The address trainees open for a live quiz."""
    return app_address(f"join?code={code}")


def cohort_join_url(code: str) -> str:
    """The address a cohort's QR code opens: the Classroom page with the code filled in (after a login if need be)."""
    return app_address(f"classroom?cohort={code}")


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


_ORDERS: dict[tuple[str, int, int], list] = {}


def live_order(question: Question, live_id: int, index: int) -> list:
    """Everyone in the room sees the same shuffled options for a question (drawn once per process)."""
    key = (question.id, live_id, index)
    if key not in _ORDERS:
        if len(_ORDERS) > 4096:  # a long-running process forgets old quizzes
            _ORDERS.clear()
        _ORDERS[key] = layout_for(question, random.Random(f"{live_id}-{index}"))["order"]
    return list(_ORDERS[key])


def shown_name(nickname: str, guest: bool) -> str:
    """A trainee's name as every screen shows it: guests are marked as guests."""
    return tt("fw_guest_name", name=nickname) if guest else nickname


def lobby_names(people: list) -> str:
    """The names arriving, as Markdown-safe text."""
    return " · ".join(plain(shown_name(p.nickname, p.guest)) for p in people)


def standings_table(board: list[Standing]) -> None:
    st.dataframe(
        [
            {
                tt("cls_col_rank"): s.rank,
                tt("cls_col_name"): shown_name(s.nickname, s.guest),
                tt("fw_col_score"): s.score,
                tt("cls_col_points"): s.points,
            }
            for s in board
        ],
        hide_index=True,
        column_config={tt("fw_col_score"): st.column_config.NumberColumn(format="%.1f")},
    )
    st.caption(tt("fw_rank_rule"))


def my_standing(board: list[Standing], participant_id: int) -> None:
    """The phone's view of the leaderboard: this trainee's rank (shared on a tie) and score."""
    me = next((s for s in board if s.participant_id == participant_id), None)
    if me is None:
        return
    st.metric(tt("cls_col_rank"), f"{me.rank}/{len(board)}")
    st.write(tt("fw_your_standing", score=f"{me.score:.1f}", points=me.points))


def results_export(live_id: int, code: str, trainer) -> None:
    """The ended quiz's answers: a table and CSV / Excel files, headers and answers in the reader's language."""
    with db() as s:
        rows = live.results(s, trainer=trainer, live_id=live_id, course=course(), lang=lang())
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=list(live.RESULT_COLUMNS)).rename(columns=live.result_headers(lang()))
    st.subheader(tt("cls_export"))
    st.dataframe(frame, hide_index=True)
    left, right = st.columns(2)
    left.download_button(
        tt("cls_export_csv"), to_csv(frame), file_name=f"live-{code}.csv", mime="text/csv", icon=":material/download:"
    )
    right.download_button(
        tt("cls_export_xlsx"),
        to_excel({tt("fw_results_sheet"): frame}),
        file_name=f"live-{code}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )
