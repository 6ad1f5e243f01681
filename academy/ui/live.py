"""Pieces of the live classroom screens shared by the host and trainee pages."""

from __future__ import annotations

import io
import random
from urllib.parse import urlsplit

import segno
import streamlit as st

from academy.classroom.live import Standing
from academy.content.schema import Question
from academy.learning.scoring import layout_for
from academy.ui.state import settings, tt


def app_address(path: str) -> str:
    """An address of this app for people elsewhere: PUBLIC_URL's origin if set (behind a proxy), else this page's."""
    parts = urlsplit(settings().public_url or st.context.url or "http://127.0.0.1:8501/")
    return f"{parts.scheme}://{parts.netloc}/{path}"


def join_url(code: str) -> str:
    """The address trainees open."""
    return app_address(f"join?code={code}")


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


def standings_table(board: list[Standing], first_rank: int = 1) -> None:
    st.dataframe(
        [
            {
                tt("cls_col_rank"): rank,
                tt("cls_col_name"): s.nickname,
                tt("cls_col_correct"): s.correct,
                tt("cls_col_points"): s.points,
            }
            for rank, s in enumerate(board, start=first_rank)
        ],
        hide_index=True,
    )
