"""What one app process shares between the screens of a live quiz (pure Python, no Streamlit).

Every joined phone re-runs its screen about once a second. Read separately, 300 phones would
ask the database for the same session state 300 times a second; instead the first screen in a
tick (half a second) reads it and every other screen of this process reuses it. Whatever is
derived from it (the leaderboard, the answer distribution) is kept per version of the
snapshot, so it is recomputed only when what it shows has changed. Nothing here is shared
state: the database stays the only truth (another replica reads it within its own tick), and
a trainer's action refreshes this process's copy at once.

`PhoneTracker` counts how current this process's phones are, so an overloaded process shows
up on the host screen (and in the log) instead of its phones silently going stale.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


class SharedSnapshots:
    """Per key (a live session id): one load per tick, whoever asks first; the others wait for it and reuse it."""

    def __init__(self, tick_s: float = 0.5, clock: Callable[[], float] = time.monotonic) -> None:
        self.tick_s = tick_s
        self._clock = clock
        self._entries: dict[Hashable, tuple[float, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self.loads = 0  # how many times a loader ran (tests and the bench read it)

    def _lock(self, key: Hashable) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def get(self, key: Hashable, load: Callable[[], T]) -> T:
        entry = self._entries.get(key)
        if entry is not None and self._clock() - entry[0] < self.tick_s:
            return entry[1]
        with self._lock(key):  # single flight: one thread loads, the rest find its result
            entry = self._entries.get(key)
            if entry is not None and self._clock() - entry[0] < self.tick_s:
                return entry[1]
            value = load()
            self.loads += 1
            self._entries[key] = (self._clock(), value)
            return value

    def invalidate(self, key: Hashable) -> None:
        """After a change made through this process (a trainer's action): the next reader loads afresh."""
        self._entries.pop(key, None)


class VersionedCache:
    """Values derived from a snapshot, kept per (key, version); the least recently used go first."""

    def __init__(self, max_entries: int = 64) -> None:
        self._max = max_entries
        self._values: OrderedDict[tuple[Hashable, Hashable], Any] = OrderedDict()
        self._guard = threading.Lock()
        self.computed = 0

    def get(self, key: Hashable, version: Hashable, compute: Callable[[], T]) -> T:
        slot = (key, version)
        with self._guard:
            if slot in self._values:
                self._values.move_to_end(slot)
                return self._values[slot]
        value = compute()  # outside the lock: two threads may compute the same version once each, harmlessly
        with self._guard:
            self.computed += 1
            self._values[slot] = value
            while len(self._values) > self._max:
                self._values.popitem(last=False)
        return value


@dataclass
class PhoneCounts:
    current: int
    behind: int


@dataclass
class PhoneTracker:
    """When each phone of this process last had its screen updated, per session.

    A phone is current while its last update is at most its poll interval + `grace_s` old (the
    1.5 s of issue 15 at the 1 s poll), behind after that, and forgotten after `forget_s` (the
    tab was closed).
    """

    grace_s: float = 1.5
    forget_s: float = 20.0
    report_every_s: float = 1.0
    clock: Callable[[], float] = time.monotonic
    _seen: dict[int, dict[str, tuple[float, float]]] = field(default_factory=dict)
    _reported: dict[int, float] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def seen(self, live_id: int, phone: str, interval_s: float) -> None:
        with self._guard:
            self._seen.setdefault(live_id, {})[phone] = (self.clock(), interval_s)

    def counts(self, live_id: int) -> PhoneCounts:
        now = self.clock()
        current = behind = 0
        with self._guard:
            phones = self._seen.get(live_id, {})
            for phone, (at, interval) in list(phones.items()):
                age = now - at
                if age > self.forget_s:
                    del phones[phone]
                elif age <= interval + self.grace_s:
                    current += 1
                else:
                    behind += 1
        return PhoneCounts(current, behind)

    def report_due(self, live_id: int) -> bool:
        """True for exactly one caller per `report_every_s` and session: that one writes the counts."""
        now = self.clock()
        with self._guard:
            if now - self._reported.get(live_id, float("-inf")) < self.report_every_s:
                return False
            self._reported[live_id] = now
            return True
