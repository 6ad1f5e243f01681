"""The live quiz's per-process sharing, wired into Streamlit: one snapshot per session per tick,
derived views per snapshot version, and the phones' presence (academy/classroom/live_cache.py)."""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass

from academy.classroom import live
from academy.classroom.live_cache import PhoneTracker, SharedSnapshots, VersionedCache
from academy.core.db import session_scope
from academy.ui.state import settings

LOG = logging.getLogger("academy.live")
NODE = f"{socket.gethostname()}:{os.getpid()}"  # this app process, in the presence table
POLL_S = 1.0  # a question, a reveal, the leaderboard: every phone once a second
LOBBY_POLL_S = 2.0  # waiting for the trainer to start: half the load while the room fills up
BEHIND_WARN_SHARE = 0.1  # log when this share of a process's phones (and at least 3) fall behind
WARN_EVERY_S = 10.0


@dataclass
class Shared:
    snapshots: SharedSnapshots
    derived: VersionedCache
    phones: PhoneTracker
    warned: dict[int, float]


# One per process, as a module global: st.cache_resource would hash its key on every lookup, and
# every phone looks this up several times a second (it showed in the profile).
_SHARED = Shared(SharedSnapshots(tick_s=0.5), VersionedCache(max_entries=128), PhoneTracker(), {})


def _shared() -> Shared:
    return _SHARED


def snapshot(live_id: int) -> live.Snapshot:
    """The session's state as this process read it within the last half second."""
    url = settings().database_url

    def load() -> live.Snapshot:
        with session_scope(url) as s:
            return live.snapshot(s, live_id=live_id)

    return _shared().snapshots.get(live_id, load)


def refresh(live_id: int) -> None:
    """After a trainer's action on this process: every screen here sees it on its next run."""
    _shared().snapshots.invalidate(live_id)


def derived(live_id: int, snap: live.Snapshot, what: str, compute):
    """A view derived from the snapshot (leaderboard, distribution), computed once per version of it."""
    return _shared().derived.get((live_id, what), snap.version, compute)


def standings(live_id: int, snap: live.Snapshot) -> list[live.Standing]:
    url = settings().database_url

    def compute() -> list[live.Standing]:
        with session_scope(url) as s:
            return live.leaderboard(s, live_id=live_id)

    return derived(live_id, snap, "leaderboard", compute)


def responses(live_id: int, snap: live.Snapshot) -> list:
    url = settings().database_url

    def compute() -> list:
        with session_scope(url) as s:
            return live.distribution(s, live_id=live_id, question_index=snap.current)

    return derived(live_id, snap, f"responses-{snap.current}", compute)


def poll_for(phase: str) -> float:
    return LOBBY_POLL_S if phase == "lobby" else POLL_S


def phone_seen(live_id: int, token: str, phase: str) -> None:
    """A phone's screen is being updated now; about once a second one phone writes this process's counts."""
    shared = _shared()
    shared.phones.seen(live_id, token, poll_for(phase))
    if not shared.phones.report_due(live_id):
        return
    counts = shared.phones.counts(live_id)
    with session_scope(settings().database_url) as s:
        live.report_presence(s, live_id=live_id, node=NODE, current=counts.current, behind=counts.behind)
    total = counts.current + counts.behind
    now = shared.phones.clock()
    if counts.behind >= max(3, BEHIND_WARN_SHARE * total) and now - shared.warned.get(live_id, -1e9) > WARN_EVERY_S:
        shared.warned[live_id] = now
        LOG.warning(
            "live session %s: %d of %d phones on process %s are behind (no update within their poll + 1.5 s): "
            "this process is overloaded; add app processes behind the proxy",
            live_id,
            counts.behind,
            total,
            NODE,
        )


def presence(live_id: int) -> live.Presence:
    with session_scope(settings().database_url) as s:
        return live.presence(s, live_id=live_id)
