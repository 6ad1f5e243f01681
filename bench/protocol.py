"""A browser tab over Streamlit's own websocket protocol, without a browser (for bench/phones.py).

It speaks what Streamlit's frontend speaks on `/_stcore/stream`: a `BackMsg.rerun_script`
(`ClientState`: query string, page, widget states, fragment id) per script run, and it reads
the `ForwardMsg`s back: `new_session` starts a run, `delta`s build the page, `script_finished`
ends it, `page_info_changed` rewrites the query string, and `auto_rerun` / `stop_auto_rerun`
start and stop a fragment's timer. Like the frontend (App.handleAutoRerun) a timer sends a
fragment rerun every `interval` seconds whether or not a run is in progress, a full run clears
every timer, and a finished run drops the elements it did not send again (clearStaleNodes).

Only what a simulated phone needs is modelled: the page as a flat map of delta paths to
elements (text, buttons, inputs), the widgets' values, and timings for every run.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
}


@dataclass
class Node:
    run_id: str
    fragment_id: str
    element: Element | None  # None for a block (container, form, column)


def element_text(element: Element) -> str:
    """What a reader sees of one element (labels included), as plain text."""
    kind = element.WhichOneof("type")
    part = getattr(element, kind, None) if kind else None
    if part is None:
        return ""
    if kind in ("markdown", "alert", "heading", "text"):
        return part.body
    if kind == "metric":
        return f"{part.label} {part.body}"
    if kind == "progress":
        return part.text
    if kind == "radio":
        return " ".join([part.label, *part.options])
    if kind in ("button", "text_input", "checkbox", "selectbox", "number_input"):
        return part.label
    return ""


@dataclass
class Run:
    """One script run as the client saw it: sent (if it asked for it), started, finished."""

    run_id: str
    fragment_ids: tuple[str, ...]
    started: float
    finished: float | None = None
    interval: float | None = None  # the shortest auto-rerun interval in force when it finished


@dataclass
class Client:
    """One browser tab. `base` is http://host:port; `cookies` go in the websocket handshake."""

    base: str
    locale: str = "en-US"
    cookies: dict[str, str] = field(default_factory=dict)
    on_finish: Callable[[Client, Run], None] | None = None
    query_string: str = ""
    page_script_hash: str = ""
    nodes: dict[tuple[int, ...], Node] = field(default_factory=dict)
    values: dict[str, WidgetState] = field(default_factory=dict)  # persistent widget values (not triggers)
    timers: dict[str, tuple[float, asyncio.Task]] = field(default_factory=dict)  # fragment id -> (interval, task)
    runs: list[Run] = field(default_factory=list)
    pending: list[float] = field(default_factory=list)  # send times of auto reruns not yet served by a run
    waiting: list[float] = field(default_factory=list)  # ... served by the run in progress
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (finished at, ms since the timer's send)
    sends: list[float] = field(default_factory=list)  # when each auto rerun was sent
    disconnected: str | None = None  # why the socket closed when we did not close it
    _ws: object = None
    _reader: asyncio.Task | None = None
    _run: Run | None = None
    _closing: bool = False
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    # --- connection ---------------------------------------------------------------------------

    async def connect(self, timeout: float = 60) -> None:
        ws_url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        headers = {"Origin": self.base}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self._ws = await websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=timeout,
            ping_interval=None,  # the server pings; the library answers
            compression=None,
        )
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        self._closing = True
        for _, task in self.timers.values():
            task.cancel()
        self.timers.clear()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    # --- what the frontend sends --------------------------------------------------------------

    async def open_page(self, page_name: str, query_string: str = "") -> None:
        """The first load of a page (what a browser sends after opening /page?query)."""
        self.query_string = query_string
        await self._send(page_name=page_name)

    async def rerun(self, triggers: dict[str, WidgetState] | None = None, fragment_id: str = "") -> None:
        """A rerun with the current widget values (plus one-shot triggers such as a button press)."""
        await self._send(triggers=triggers, fragment_id=fragment_id)

    async def click(self, widget_id: str, extra: dict[str, WidgetState] | None = None) -> None:
        """Press a button (a form's submit button sends the form's values with it)."""
        node = self._node_of(widget_id)
        trigger = WidgetState(id=widget_id, trigger_value=True)
        await self.rerun({**(extra or {}), widget_id: trigger}, fragment_id=node.fragment_id if node else "")

    def set_text(self, widget_id: str, value: str) -> WidgetState:
        state = WidgetState(id=widget_id, string_value=value)
        self.values[widget_id] = state
        return state

    async def _send(self, page_name: str = "", triggers=None, fragment_id: str = "", auto: bool = False) -> None:
        state = ClientState(
            query_string=self.query_string,
            page_script_hash=self.page_script_hash,
            page_name=page_name,
            fragment_id=fragment_id,
            is_auto_rerun=auto,
        )
        state.context_info.locale = self.locale
        state.context_info.url = f"{self.base}/{page_name}" + (f"?{self.query_string}" if self.query_string else "")
        state.context_info.timezone = "Asia/Shanghai"
        state.context_info.timezone_offset = -480
        state.context_info.is_embedded = False
        state.context_info.color_scheme = "light"
        widgets = {**self.values, **(triggers or {})}
        state.widget_states.widgets.extend(widgets.values())
        msg = BackMsg(rerun_script=state)
        try:
            await self._ws.send(msg.SerializeToString())
        except websockets.ConnectionClosed as exc:
            self._lost(f"send: {exc}")

    async def _timer(self, fragment_id: str, interval: float) -> None:
        """setInterval(() => sendUpdateWidgetsMessage(fragmentId, true), interval)."""
        loop = asyncio.get_running_loop()
        next_at = loop.time() + interval
        while not self._closing:
            await asyncio.sleep(max(0.0, next_at - loop.time()))
            next_at += interval
            sent = time.perf_counter()
            self.sends.append(sent)
            self.pending.append(sent)
            await self._send(fragment_id=fragment_id, auto=True)

    # --- what the server sends ----------------------------------------------------------------

    def _lost(self, why: str) -> None:
        if not self._closing and self.disconnected is None:
            self.disconnected = why
        self._changed.set()

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._handle(msg)
        except websockets.ConnectionClosed as exc:
            self._lost(f"closed: {exc}")
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a malformed message is a finding, not a crash of the whole bench
            self._lost(f"{type(exc).__name__}: {exc}")
        else:
            self._lost("closed by the server")

    def _handle(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        now = time.perf_counter()
        if kind == "new_session":
            fragments = tuple(msg.metadata.run.fragment_ids)
            self._run = Run(msg.metadata.run.script_run_id, fragments, now)
            # the sends this run serves: every auto rerun asked for before it started
            self.waiting.extend(self.pending)
            self.pending.clear()
            if not fragments:  # a full run: the frontend drops every auto-rerun timer (cleanupAutoReruns)
                for _, task in self.timers.values():
                    task.cancel()
                self.timers.clear()
        elif kind == "delta" and self._run is not None:
            delta = msg.delta
            part = delta.WhichOneof("type")
            path = tuple(msg.metadata.delta_path)
            element = delta.new_element if part == "new_element" else None
            self.nodes[path] = Node(self._run.run_id, delta.fragment_id, element)
        elif kind == "navigation":  # st.navigation names the page this run shows; later runs ask for it
            self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            fid, interval = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
            current = self.timers.get(fid)
            if current is None or current[0] != interval:
                if current is not None:
                    current[1].cancel()
                self.timers[fid] = (interval, asyncio.get_running_loop().create_task(self._timer(fid, interval)))
        elif kind == "stop_auto_rerun":
            for fid in msg.stop_auto_rerun.fragment_ids:
                current = self.timers.pop(fid, None)
                if current is not None:
                    current[1].cancel()
        elif kind == "script_finished" and self._run is not None:
            run = self._run
            if msg.script_finished in FINISHED:
                self._drop_stale(run)
                run.finished = now
                run.interval = min((i for i, _ in self.timers.values()), default=None)
                self.runs.append(run)
                self.latencies.extend((now, (now - sent) * 1000) for sent in self.waiting)
                self.waiting.clear()
                self._prune_values()
                if self.on_finish is not None:
                    self.on_finish(self, run)
            # FINISHED_EARLY_FOR_RERUN: the sends it served are served by the rerun that follows
            self._run = None
            self._changed.set()

    def _drop_stale(self, run: Run) -> None:
        if run.fragment_ids:
            stale = [p for p, n in self.nodes.items() if n.fragment_id in run.fragment_ids and n.run_id != run.run_id]
        else:
            stale = [p for p, n in self.nodes.items() if n.run_id != run.run_id]
        for path in stale:
            del self.nodes[path]

    def _prune_values(self) -> None:
        present = set(self.widget_ids())
        for wid in list(self.values):
            if wid not in present:
                del self.values[wid]

    # --- reading the page ---------------------------------------------------------------------

    def elements(self) -> list[Element]:
        return [n.element for _, n in sorted(self.nodes.items()) if n.element is not None]

    def text(self) -> str:
        return "\n".join(t for t in (element_text(e) for e in self.elements()) if t)

    def shows(self, needle: str) -> bool:
        return needle in self.text()

    def widget_ids(self) -> list[str]:
        ids = []
        for e in self.elements():
            kind = e.WhichOneof("type")
            wid = getattr(getattr(e, kind), "id", None) if kind else None
            if wid:
                ids.append(wid)
        return ids

    def widgets(self, kind: str) -> list:
        return [getattr(e, kind) for e in self.elements() if e.WhichOneof("type") == kind]

    def button(self, label: str | None = None, key_suffix: str | None = None):
        for b in self.widgets("button"):
            if (label is None or b.label == label) and (key_suffix is None or b.id.endswith(key_suffix)):
                return b
        return None

    def _node_of(self, widget_id: str) -> Node | None:
        for node in self.nodes.values():
            e = node.element
            if e is not None:
                kind = e.WhichOneof("type")
                if kind and getattr(getattr(e, kind), "id", None) == widget_id:
                    return node
        return None

    async def wait_for(self, check: Callable[[], bool], timeout: float) -> bool:
        """Wait (without polling) until `check()` holds after some finished run, or the timeout."""
        deadline = time.perf_counter() + timeout
        while not check():
            if self.disconnected is not None:
                return False
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)
        return True
