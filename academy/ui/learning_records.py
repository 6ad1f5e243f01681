"""The pieces of the administrator's Learning records page: configuration, the queue, what was sent, errors."""

from __future__ import annotations

import streamlit as st

from academy.core.settings import Settings
from academy.integrations import xapi_outbox, xapi_sender
from academy.ui.state import db, settings, tt
from academy.ui.widgets import plain


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value is not None else "–"


def configuration(settings: Settings) -> bool:
    """Say what is configured; False when nothing can be sent."""
    if not settings.records_events:
        st.info(tt("xr_off"), icon=":material/info:")
        return False
    base = settings.xapi_base()
    if not base:
        st.warning(tt("xr_no_base"), icon=":material/warning:")
    actor = tt("xr_actor_mbox") if settings.xapi_actor == "mbox" else tt("xr_actor_account")
    st.caption(tt("xr_config", endpoint=plain(settings.xapi_endpoint), base=plain(base or "–"), actor=actor))
    return True


@st.fragment(run_every=3)
def status_panel() -> None:
    """Counts, the last error and the sender, refreshed every few seconds while the page is open."""
    with db() as s:
        status = xapi_outbox.status(s)
    holder = xapi_sender.current_sender(settings().database_url)
    cols = st.columns(4)
    cols[0].metric(tt("xr_unstaged"), status.unstaged)
    cols[1].metric(tt("xr_pending"), status.pending)
    cols[2].metric(tt("xr_sent"), status.sent)
    cols[3].metric(tt("xr_rejected"), status.rejected)
    if status.last_error:
        st.error(tt("xr_last_error", error=plain(status.last_error)), icon=":material/error:")
    if status.pending and status.next_attempt_at is not None:
        st.caption(tt("xr_next_try", when=_when(status.next_attempt_at)))
    st.caption(tt("xr_last_sent", when=_when(status.last_sent_at)))
    st.caption(tt("xr_sender", holder=plain(holder)) if holder else tt("xr_no_sender"))
    if status.pending and st.button(tt("xr_retry_now"), icon=":material/refresh:"):
        with db() as s:
            n = xapi_outbox.retry_now(s)
        st.toast(tt("xr_retrying", n=n))


def table(state: str, title_key: str) -> None:
    st.subheader(tt(title_key))
    with db() as s:
        rows = xapi_outbox.rows(s, state=state, limit=50)
    if not rows:
        st.caption(tt("xr_none"))
        return
    data = [
        {
            tt("xr_col_event"): r.event_id,
            tt("xr_col_when"): _when(r.created_at),
            tt("xr_col_user"): r.username,
            tt("xr_col_kind"): r.kind,
            tt("xr_col_verb"): r.verb,
            tt("xr_col_activity"): r.activity,
            tt("xr_col_attempts"): r.attempts,
            **({tt("xr_col_sent"): _when(r.sent_at)} if state == xapi_outbox.SENT else {}),
            **({tt("xr_col_error"): r.last_error} if state != xapi_outbox.SENT else {}),
        }
        for r in rows
    ]
    st.dataframe(data, hide_index=True)
