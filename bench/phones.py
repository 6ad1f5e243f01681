"""A classroom of phones over Streamlit's own protocol: `python -m bench phones --n 300 --seconds 60`.

Each phone is an asyncio websocket client (bench/protocol.py) that behaves like the browser
on views/join.py: it opens the join link, fills in the join form's widgets and presses Join,
follows the server's `auto_rerun` timers, waits for each question, answers it by tapping an
option at a random moment within the time limit, and checks what the page shows ("Answer
received", then whether it was right). One more client holds the trainer's host screen
(logged in by cookie) and presses its buttons: the first question, reveal when every answer is
in (or the time is up), the next question, the leaderboard.

The app is a fresh `streamlit run` (tests/servers.py) on its own database: SQLite for one
process, PostgreSQL for several processes behind Debian's nginx (deploy/nginx.conf).
Reported per N: script runs per second wanted (the timers' sends) and delivered (finished
runs), the latency of each timed fragment run (send -> script_finished), the share of
phone-seconds without a fresh update within the poll interval + 0.5 s (1.5 s for the 1 s poll
of an open question), answers sent / stored (each once), how long after the last answer the
host screen shows them all, the app's CPU and memory, and disconnects. See bench/README.md.
"""

from __future__ import annotations

import asyncio
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import func
from sqlmodel import select

from academy.accounts import login, users
from academy.classroom import live
from academy.content.loader import Course
from academy.core.db import get_engine, session_scope
from academy.core.i18n import t, tr
from academy.core.migrations import upgrade
from academy.core.models import LiveAnswer, Role
from academy.core.settings import Settings
from bench.protocol import Client

SECRET = "bench-phones"
TITLE = "Kickoff"  # no Markdown characters: the page shows it escaped (plain())
TARGETS = {"p95_ms": 1000, "late_share": 0.02, "host_view_s": 2.0}
REVEAL_DWELL_S = 4.0  # the trainer talks over the answer before moving on
ROOT_RESULTS = Path(__file__).resolve().parent / "results"
CHECK_S = 30.0  # how long a phone waits for a page state before it counts as not shown
STARTUP_S = 180.0  # the host screen's first run on a fresh process (imports) on a loaded machine


@dataclass
class Plan:
    phones: int
    seconds: float = 60.0
    time_limit: int = 20
    processes: int = 1
    seed: int = 15
    join_seconds: float | None = None  # spread of the phones' arrival (default: 15 phones a second)
    options: dict[str, str] = field(default_factory=dict)  # extra `streamlit run` flags (the "before" config)
    profile: bool = False  # sample the app process with py-spy during the window

    @property
    def questions(self) -> int:
        return max(1, math.ceil(self.seconds / (self.time_limit + REVEAL_DWELL_S + 1)))

    @property
    def ramp(self) -> float:
        return self.join_seconds if self.join_seconds is not None else self.phones / 15


@dataclass
class PhoneLog:
    nickname: str
    lang: str
    joined_s: float | None = None  # Join pressed -> "You are in" shown
    sent: list[int] = field(default_factory=list)  # question indexes answered
    acked: dict[int, float] = field(default_factory=dict)  # index -> seconds from tap to "Answer received"
    refused: dict[int, str] = field(default_factory=dict)  # index -> the message shown instead
    results_shown: int = 0  # reveals at which the page showed the right verdict
    results_wrong: int = 0  # ... showed the wrong verdict, or none within CHECK_S
    right: dict[int, bool] = field(default_factory=dict)
    client: Client | None = None


@dataclass
class Outcome:
    plan: Plan
    label: str
    window_s: float = 0.0
    phones: list[PhoneLog] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    wanted: int = 0
    delivered: int = 0
    late_share: float = 0.0
    stored: int = 0
    stored_distinct: int = 0
    host_view_s: list[float | None] = field(default_factory=list)  # per question: last answer -> host shows all
    cpu_percent: float = 0.0  # of one core, all app processes together, over the window
    rss_mb_start: float = 0.0
    rss_mb_peak: float = 0.0
    rss_mb_end: float = 0.0
    rss_timeline: list[tuple[float, float]] = field(default_factory=list)  # (seconds into the window, MB)
    sim_cpu_percent: float = 0.0  # the simulator itself (it shares the machine)
    disconnects: int = 0
    host_disconnected: bool = False
    joined: int = 0
    errors: list[str] = field(default_factory=list)
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    profile: dict[str, Any] | None = None
    server_log: dict[str, Any] = field(default_factory=dict)

    def pct(self, q: float) -> float | None:
        if not self.latencies_ms:
            return None
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0]
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[round(q * 100) - 1]

    def growth(self) -> float | None:
        """Least-squares slope of the app's memory over the window, MB per minute (flat: about 0)."""
        points = self.rss_timeline
        if len(points) < 10:
            return None
        return round(60 * statistics.linear_regression([a for a, _ in points], [m for _, m in points]).slope, 2)

    def summary(self) -> dict[str, Any]:
        sent = sum(len(p.sent) for p in self.phones)
        acked = sum(len(p.acked) for p in self.phones)
        host = [v for v in self.host_view_s if v is not None]
        out = {
            "label": self.label,
            "phones": self.plan.phones,
            "processes": self.plan.processes,
            "seconds": self.plan.seconds,
            "window_s": round(self.window_s, 1),
            "joined": self.joined,
            "join_p95_s": _round(_p95([p.joined_s for p in self.phones if p.joined_s is not None]), 2),
            "runs_wanted_per_s": round(self.wanted / self.window_s, 1) if self.window_s else None,
            "runs_delivered_per_s": round(self.delivered / self.window_s, 1) if self.window_s else None,
            "fragment_p50_ms": _round(self.pct(0.5)),
            "fragment_p95_ms": _round(self.pct(0.95)),
            "fragment_max_ms": _round(max(self.latencies_ms, default=None)),
            "late_share": round(self.late_share, 4),
            "answers_sent": sent,
            "answers_acked": acked,
            "answers_refused": sum(len(p.refused) for p in self.phones),
            "answers_stored": self.stored,
            "answers_stored_distinct": self.stored_distinct,
            "results_shown": sum(p.results_shown for p in self.phones),
            "results_missing_or_wrong": sum(p.results_wrong for p in self.phones),
            "host_view_s": [_round(v, 2) for v in self.host_view_s],
            "host_view_max_s": _round(max(host), 2) if host else None,
            "app_cpu_percent": round(self.cpu_percent),
            "app_rss_mb": {
                "start": round(self.rss_mb_start),
                "peak": round(self.rss_mb_peak),
                "end": round(self.rss_mb_end),
                "growth_mb_per_min": self.growth(),
                "timeline": [(round(at), round(mb, 1)) for at, mb in self.rss_timeline[::10]],
            },
            "simulator_cpu_percent": round(self.sim_cpu_percent),
            "disconnects": self.disconnects + int(self.host_disconnected),
            "load_average_before": self.load_before,
            "errors": self.errors[:20],
            "profile": self.profile,
            "server_log": self.server_log,
        }
        out["targets_met"] = targets(out)
        return out


def _round(v: float | None, nd: int = 0) -> float | None:
    return None if v is None else round(v, nd)


def _p95(values: list[float]) -> float | None:
    if not values:
        return None
    return max(values) if len(values) < 20 else statistics.quantiles(values, n=20, method="inclusive")[-1]


def targets(s: dict[str, Any]) -> dict[str, bool]:
    """Issue 15's targets; `all_stored_once` is the one the run fails on (timings are only reported)."""
    stored, sent = s["answers_stored"], s["answers_sent"]
    return {
        # every join worked, no answer is stored twice, every acknowledged answer is stored, nothing else is
        "all_stored_once": stored == s["answers_stored_distinct"]
        and s["answers_acked"] <= stored <= sent - s["answers_refused"]
        and s["joined"] == s["phones"],
        "p95_under_1s": s["fragment_p95_ms"] is not None and s["fragment_p95_ms"] < TARGETS["p95_ms"],
        "late_under_2pct": s["late_share"] < TARGETS["late_share"],
        "host_within_2s": s["host_view_max_s"] is not None and s["host_view_max_s"] <= TARGETS["host_view_s"],
        "no_disconnects": s["disconnects"] == 0,
    }


# --- the room -------------------------------------------------------------------------------------


def seed(url: str, course: Course, plan: Plan) -> tuple[str, int, str, list[str]]:
    """A trainer with a login and a live quiz of single-choice questions: (code, live id, token, question ids)."""
    upgrade(url)
    settings = Settings(database_url=url, secret_key=SECRET)
    singles = [q.id for q in course.questions() if q.type == "single"]
    qids = random.Random(plan.seed).sample(singles, plan.questions)
    with session_scope(url) as s:
        trainer = users.register(s, username="bench-host", display_name="Host", password="password-123", language="en")
        trainer.role = Role.trainer
        s.add(trainer)
        s.flush()
        started = live.start_session(
            s, trainer=trainer, course=course, title=TITLE, question_ids=qids, time_limit=plan.time_limit
        )
        token = login.create_login(s, user=trainer, settings=settings)
        return started.code, started.id, token, qids


def _sticky_cookie(base: str) -> dict[str, str]:
    """What a browser holds after loading the page: behind nginx, the routing cookie it set (deploy/nginx.conf)."""
    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=30) as resp:
        header = resp.headers.get("Set-Cookie") or ""
    name, _, rest = header.partition("=")
    return {name: rest.split(";", 1)[0]} if name == "kaa_node" else {}


class Room:
    """The phones and the host screen of one run, and the clock they share."""

    def __init__(self, *, base: str, course: Course, plan: Plan, code: str, live_id: int, qids: list[str]):
        self.base, self.course, self.plan = base, course, plan
        self.code, self.live_id, self.qids = code, live_id, qids
        self.rng = random.Random(plan.seed)
        self.opened: dict[int, float] = {}  # question index -> when the host pressed the button
        self.revealed: dict[int, float] = {}
        self.last_answer: dict[int, float] = {}  # question index -> the last tap
        self.stop = asyncio.Event()
        self.errors: list[str] = []
        self.logs = [PhoneLog(f"Phone {n:03d}", "zh" if n % 3 == 2 else "en") for n in range(plan.phones)]
        self.host_texts: list[tuple[float, str]] = []  # (finished at, what the host screen showed)
        self.host_client: Client | None = None
        self.host_ready = asyncio.Event()
        self.app_urls: list[str] = []  # each app process, for the warm-up

    # --- a phone ---------------------------------------------------------------------------------

    async def phone(self, n: int, log: PhoneLog, joined: asyncio.Queue) -> None:
        lang = log.lang
        cookies = await asyncio.to_thread(_sticky_cookie, self.base)
        c = Client(self.base, locale="zh-CN" if lang == "zh" else "en-US", cookies=cookies)
        log.client = c
        try:
            await c.connect()
            await c.open_page("join", f"code={self.code}")
            nick_label, code_label = t("cls_nickname", lang), t("cls_enter_code", lang)
            if not await c.wait_for(lambda: _input(c, nick_label) is not None, CHECK_S * 2):
                self.errors.append(f"{log.nickname}: no join form ({c.disconnected or c.text()[:80]!r})")
                return
            c.set_text(_input(c, code_label).id, self.code)
            c.set_text(_input(c, nick_label).id, log.nickname)
            pressed = time.perf_counter()
            await c.click(c.button(t("cls_join_live", lang)).id)
            welcome = t("cls_joined_as", lang, title=TITLE, name=log.nickname)
            if not await c.wait_for(lambda: c.shows(welcome), CHECK_S * 2):
                self.errors.append(f"{log.nickname}: not joined ({c.disconnected or c.text()[:80]!r})")
                return
            log.joined_s = time.perf_counter() - pressed
            await joined.put(n)
            for index, qid in enumerate(self.qids):
                if not await self._answer(c, log, index, qid):
                    break
        finally:
            await self.stop.wait()

    async def _answer(self, c: Client, log: PhoneLog, index: int, qid: str) -> bool:
        lang, question = log.lang, self.course.question(qid)
        heading = t("cls_question_of", lang, i=index + 1, n=len(self.qids))
        # wait (as long as the quiz goes on) for this question; the host may stop before it
        while not await c.wait_for(lambda: c.shows(heading) or self.stop.is_set(), 5):
            if c.disconnected is not None:
                return False
        if self.stop.is_set() and not c.shows(heading):
            return False
        right = self.rng.random() < 0.7
        option = next(o for o in question.options if (o.id in question.answer) == right)
        # a random moment within the time limit, counted from when the phone saw the question
        await asyncio.sleep(self.rng.uniform(0.5, 0.8 * self.plan.time_limit))
        if not await self._tap(c, log, index, option.id, tr(option.text, lang)):
            return c.disconnected is None
        log.right[index] = right
        # the result after the reveal
        verdict = _verdict(lang, right)
        if await c.wait_for(lambda: verdict(c.text()) or self.stop.is_set(), self.plan.time_limit + CHECK_S):
            if verdict(c.text()):
                log.results_shown += 1
            else:
                return False  # the run ended before the reveal
        else:
            log.results_wrong += 1
        return True

    async def _tap(self, c: Client, log: PhoneLog, index: int, option_id: str, option_label: str) -> bool:
        lang = log.lang
        button = c.button(key_suffix=f"-pick-{self.live_id}-{index}-{option_id}")
        tapped = time.perf_counter()
        if button is not None:  # the thumb-sized option buttons (academy/ui/live_phone.py)
            await c.click(button.id)
        else:  # the radio list and a Send button of the original page
            radios = c.widgets("radio")
            send = c.button(t("cls_send", lang))
            if not radios or send is None:
                return False
            state = c.set_text(radios[0].id, option_label)
            await c.click(send.id, {radios[0].id: state})
        log.sent.append(index)
        self.last_answer[index] = max(self.last_answer.get(index, 0.0), tapped)
        received = t("cls_answer_received", lang)
        refusals = [t(k, lang) for k in ("cls_too_late", "cls_question_closed", "cls_paused")]
        if not await c.wait_for(lambda: c.shows(received) or any(c.shows(r) for r in refusals), CHECK_S):
            self.errors.append(f"{log.nickname}: no answer received for question {index + 1}")
            return False
        if c.shows(received):
            log.acked[index] = time.perf_counter() - tapped
        else:
            log.refused[index] = next(r for r in refusals if c.shows(r))
        return True

    # --- the trainer's screen --------------------------------------------------------------------

    async def host(self, token: str, phones: list[PhoneLog], window: asyncio.Event, done: list[float]) -> Client:
        en = "en"
        cookies = {"kaa_login": token, **await asyncio.to_thread(_sticky_cookie, self.base)}
        h = Client(self.base, locale="en-US", cookies=cookies)
        h.on_finish = lambda c, run: self.host_texts.append((run.finished, c.text()))
        self.host_client = h
        await h.connect()
        await h.open_page("live_host", f"s={self.live_id}")
        start = t("cls_open_first", en)
        # the trainer opens the host screen first; a fresh process imports the app on its first run
        if not await h.wait_for(lambda: h.button(start) is not None, STARTUP_S):
            buttons = [b.label for b in h.widgets("button")]
            self.errors.append(f"host: no start button among {buttons} ({h.disconnected or h.text()[:300]!r})")
            self.host_ready.set()
            window.set()
            return h
        self.host_ready.set()
        await window.wait()  # every phone has joined (or given up)
        began = time.perf_counter()
        end_at = began + self.plan.seconds
        for index in range(len(self.qids)):
            left = end_at - time.perf_counter()
            if index and left < self.plan.time_limit + REVEAL_DWELL_S:
                break
            label = start if index == 0 else t("cls_next_question", en)
            if not await self._press(h, label):
                break
            self.opened[index] = time.perf_counter()
            heading = t("cls_question_of", en, i=index + 1, n=len(self.qids))
            await h.wait_for(lambda heading=heading: h.shows(heading), CHECK_S)
            deadline = self.opened[index] + self.plan.time_limit + 0.5
            joined_n = sum(1 for p in phones if p.joined_s is not None)
            all_in = f"{joined_n}/{joined_n}"
            # reveal when every phone's answer shows on the host screen, or when the time is up
            await h.wait_for(lambda all_in=all_in: h.shows(all_in), max(0.0, deadline - time.perf_counter()))
            if not await self._press(h, t("cls_reveal", en)):
                break
            self.revealed[index] = time.perf_counter()
            await h.wait_for(lambda: h.shows(t("cls_distribution", en)), CHECK_S)
            await asyncio.sleep(REVEAL_DWELL_S)
            if h.button(t("cls_leaderboard", en)) is not None and time.perf_counter() > end_at - 2 * REVEAL_DWELL_S:
                break
        if h.button(t("cls_leaderboard", en)) is not None:
            await self._press(h, t("cls_leaderboard", en))
        await asyncio.sleep(max(0.0, end_at - time.perf_counter()))
        done.append(began)
        return h

    def host_view(self, phones: list[PhoneLog]) -> list[float | None]:
        """Per question: seconds from the last tap to the first host run that counted every accepted answer."""
        joined_n = sum(1 for p in phones if p.joined_s is not None)
        out: list[float | None] = []
        for index in sorted(self.opened):
            last = self.last_answer.get(index)
            accepted = sum(1 for p in phones if index in p.acked)
            shown = f"{accepted}/{joined_n}"
            if last is None:
                out.append(None)
                continue
            first = next((at for at, text in self.host_texts if at >= last and shown in text), None)
            out.append(None if first is None else first - last)
        return out

    async def _press(self, h: Client, label: str) -> bool:
        if not await h.wait_for(lambda: h.button(label) is not None, CHECK_S):
            self.errors.append(f"host: no button {label!r} ({h.disconnected or h.text()[:160]!r})")
            return False
        await h.click(h.button(label).id)
        await h.wait_for(lambda: h.button(label) is None, CHECK_S)
        return True


def _input(c: Client, label: str):
    return next((w for w in c.widgets("text_input") if w.label == label), None)


def _verdict(lang: str, right: bool):
    if right:
        prefix = t("cls_you_were_right", lang, points="\x00").split("\x00")[0]
        return lambda text: prefix in text
    wrong = t("cls_you_were_wrong", lang)
    return lambda text: wrong in text


# --- one run ----------------------------------------------------------------------------------------


async def _drive(room: Room, plan: Plan, token: str, sample) -> tuple[Client | None, float, float]:
    joined: asyncio.Queue = asyncio.Queue()
    window = asyncio.Event()
    done: list[float] = []
    host_task = asyncio.create_task(room.host(token, room.logs, window, done))
    tasks = []
    try:
        # each process imports the app on its first run: open a page on every one first (directly,
        # not through the proxy), as a deployment does before it takes traffic
        await asyncio.gather(*(warm(url) for url in room.app_urls))
        await room.host_ready.wait()
        for n, log in enumerate(room.logs):
            tasks.append(asyncio.create_task(room.phone(n, log, joined)))
            await asyncio.sleep(plan.ramp / max(1, plan.phones))
        # the quiz starts when every phone has joined (or a phone gave up)
        deadline = time.perf_counter() + plan.ramp + 120
        while sum(1 for p in room.logs if p.joined_s is not None) + len(room.errors) < plan.phones:
            if time.perf_counter() > deadline or host_task.done():
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(2)  # the phones settle on the lobby poll
        sample("start")
        window.set()
        host = await host_task
        sample("end")
        ended = time.perf_counter()
        began = done[0] if done else ended
        return host, began, ended
    finally:
        room.stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        for c in [p.client for p in room.logs if p.client is not None] + [getattr(room, "host_client", None)]:
            if c is not None:
                await c.close()


async def warm(url: str) -> None:
    c = Client(url)
    try:
        await c.connect()
        await c.open_page("join", "code=000000")
        await c.wait_for(lambda: bool(c.widgets("text_input")), STARTUP_S)
    finally:
        await c.close()


def _late_share(clients: list[Client], began: float, ended: float) -> float:
    """Phone-seconds whose last finished run is older than the poll interval + 0.5 s (1.5 s at a 1 s poll)."""
    late = total = 0
    for c in clients:
        finished = sorted((r.finished, r.interval) for r in c.runs if r.finished is not None)
        tick, i, last, interval = began + 1.0, 0, None, 1.0
        while tick <= ended:
            while i < len(finished) and finished[i][0] <= tick:
                last, interval = finished[i][0], finished[i][1] or interval
                i += 1
            total += 1
            late += last is None or tick - last > interval + 0.5
            tick += 1.0
    return late / total if total else 0.0


def run(*, course: Course, plan: Plan, backend: str = "sqlite", label: str | None = None) -> Outcome:
    """Start the app (and the proxy for several processes), drive the room, count what was stored."""
    from tests.servers import create_database, nginx_proxy, postgres_server, streamlit_process

    label = label or f"{plan.processes} process{'es' if plan.processes > 1 else ''}, {backend}"
    outcome = Outcome(plan=plan, label=label, load_before=tuple(round(x, 2) for x in psutil.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="kaa-phones-") as tmp, ExitStack() as stack:
        tmpdir = Path(tmp)
        if backend == "postgresql":
            url = create_database(stack.enter_context(postgres_server()), "bench_phones")
        else:
            url = f"sqlite:///{tmpdir / 'academy.db'}"
        code, live_id, token, qids = seed(url, course, plan)
        env = {"DATABASE_URL": url, "SECRET_KEY": SECRET}
        apps = [
            stack.enter_context(streamlit_process(env, log=tmpdir / f"app{n}.log", options=plan.options))
            for n in range(plan.processes)
        ]
        base = apps[0].url
        if plan.processes > 1:
            base = stack.enter_context(nginx_proxy([a.url for a in apps], log_dir=tmpdir))
        procs = [psutil.Process(a.proc.pid) for a in apps]
        me = psutil.Process()
        marks: dict[str, tuple[float, float, float, float]] = {}
        peak = [0.0]

        def rss() -> float:
            return sum(p.memory_info().rss for p in procs) / 2**20

        spy: list[subprocess.Popen] = []

        def sample(mark: str) -> None:
            cpu = sum(sum(p.cpu_times()[:2]) for p in procs)
            marks[mark] = (time.perf_counter(), cpu, sum(me.cpu_times()[:2]), rss())
            if plan.profile and mark == "start":
                spy.append(py_spy(apps[0].proc.pid, tmpdir / "profile.txt", plan.seconds))

        room = Room(base=base, course=course, plan=plan, code=code, live_id=live_id, qids=qids)
        room.app_urls = [a.url for a in apps]

        async def main() -> tuple[Client | None, float, float]:
            async def watch_memory() -> None:
                while True:
                    now = rss()
                    peak[0] = max(peak[0], now)
                    if "start" in marks and "end" not in marks:
                        outcome.rss_timeline.append((time.perf_counter() - marks["start"][0], now))
                    await asyncio.sleep(1)

            watcher = asyncio.create_task(watch_memory())
            try:
                return await _drive(room, plan, token, sample)
            finally:
                watcher.cancel()

        host, began, ended = asyncio.run(main())
        for proc in spy:
            proc.wait(60)
            outcome.profile = top_costs(tmpdir / "profile.txt")
            if (tmpdir / "profile.txt").exists():  # the collapsed stacks, for a flame graph or grep
                kept = ROOT_RESULTS / f"profile-{plan.phones}-{time.strftime('%Y%m%dT%H%M%S')}.txt"
                kept.parent.mkdir(exist_ok=True)
                kept.write_text((tmpdir / "profile.txt").read_text())
                outcome.profile = (outcome.profile or {}) | {"stacks": str(kept.name)}
        outcome.phones = room.logs
        clients = [p.client for p in room.logs if p.client is not None]
        outcome.window_s = ended - began
        for c in clients:
            outcome.latencies_ms += [ms for at, ms in c.latencies if began <= at <= ended]
            outcome.wanted += sum(1 for at in c.sends if began <= at <= ended)
            outcome.delivered += sum(1 for r in c.runs if r.finished and began <= r.finished <= ended)
            outcome.disconnects += c.disconnected is not None
        outcome.late_share = _late_share(clients, began, ended)
        outcome.host_view_s = room.host_view(room.logs)
        outcome.host_disconnected = host is None or host.disconnected is not None
        outcome.joined = sum(1 for p in room.logs if p.joined_s is not None)
        outcome.errors = room.errors
        if "start" in marks and "end" in marks:
            (t0, cpu0, me0, rss0), (t1, cpu1, me1, rss1) = marks["start"], marks["end"]
            outcome.cpu_percent = 100 * (cpu1 - cpu0) / (t1 - t0)
            outcome.sim_cpu_percent = 100 * (me1 - me0) / (t1 - t0)
            outcome.rss_mb_start, outcome.rss_mb_end = rss0, rss1
        outcome.rss_mb_peak = peak[0]
        with session_scope(url) as s:
            mine = LiveAnswer.session_id == live_id
            outcome.stored = s.exec(select(func.count()).where(mine)).one()
            pairs = select(LiveAnswer.participant_id, LiveAnswer.question_index).where(mine).distinct().subquery()
            outcome.stored_distinct = s.exec(select(func.count()).select_from(pairs)).one()
        get_engine(url).dispose()
        outcome.server_log = read_logs(sorted(tmpdir.glob("app*.log")))
    return outcome


def read_logs(paths: list[Path]) -> dict[str, Any]:
    """What the app processes logged: tracebacks are findings; 'phones ... are behind' is the collapse made visible."""
    lines = [line for p in paths for line in p.read_text(errors="replace").splitlines()]
    # a client closing its websocket while Streamlit reads from it logs a traceback: not a finding
    closing = ("WebSocketDisconnected", "ConnectionClosed", "WebSocket is not connected")
    tracebacks = [
        i
        for i, line in enumerate(lines)
        if line.startswith("Traceback") and not any(c in "\n".join(lines[max(0, i - 15) : i + 40]) for c in closing)
    ]
    return {
        "tracebacks": len(tracebacks),
        "first_traceback": "\n".join(lines[tracebacks[0] : tracebacks[0] + 30]) if tracebacks else None,
        "behind_warnings": [line for line in lines if "phones on process" in line][:10],
    }


# --- the profile ------------------------------------------------------------------------------------


def py_spy(pid: int, out: Path, seconds: float) -> subprocess.Popen:
    """Sample the app process (50 Hz) for the window; py-spy from PyPI (requirements-dev.txt)."""
    exe = Path(sys.executable).with_name("py-spy")
    # --gil: only the thread holding the GIL, i.e. where the process spends CPU (not threads waiting)
    cmd = [str(exe), "record", "--pid", str(pid), "--format", "raw", "--rate", "50", "--nonblocking", "--gil"]
    cmd += ["--duration", str(max(1, int(seconds))), "--output", str(out)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def top_costs(raw: Path, top: int = 12) -> dict[str, Any] | None:
    """From py-spy's collapsed stacks: the share of samples in each function (inclusive) and at the top (self)."""
    if not raw.exists():
        return None
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [_frame(f) for f in stack.split(";")]
        for name in set(frames):
            inclusive[name] = inclusive.get(name, 0) + n
        own[frames[-1]] = own.get(frames[-1], 0) + n
    if not total:
        return None

    def share(table: dict[str, int], keep) -> list[tuple[str, float]]:
        ranked = sorted(((k, v) for k, v in table.items() if keep(k)), key=lambda kv: -kv[1])
        return [(k, round(100 * v / total, 1)) for k, v in ranked[:top]]

    ours = ("academy/", "views/", "gc.collect", "session_scope", "_run_script")
    return {
        "samples": total,
        "self": share(own, lambda k: True),
        "inclusive": share(inclusive, lambda k: any(o in k for o in ours)),
    }


def _frame(frame: str) -> str:
    """`snapshot (academy/classroom/live.py:301)` -> `snapshot (academy/classroom/live.py)`: one name per function."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", "/scale/", "python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{name} ({path})"


def profile_report(s: dict[str, Any]) -> str:
    prof = s.get("profile")
    if not prof:
        return ""
    lines = [f"  profile of the app process at N={s['phones']} ({prof['samples']} samples, py-spy):"]
    lines.append("    own time: " + "; ".join(f"{name} {pct}%" for name, pct in prof["self"][:8]))
    lines.append("    including callees: " + "; ".join(f"{name} {pct}%" for name, pct in prof["inclusive"][:10]))
    return "\n".join(lines)


# --- the report -------------------------------------------------------------------------------------

COLUMNS = (
    ("N", 5),
    ("runs/s wanted", 14),
    ("delivered", 10),
    ("p50 ms", 8),
    ("p95 ms", 8),
    ("max ms", 8),
    ("late %", 7),
    ("answers sent/stored", 20),
    ("host all-in s", 14),
    ("app CPU %", 10),
    ("RSS MB start/peak/end", 22),
    ("lost", 5),
)


def table(outcomes: list[dict[str, Any]]) -> str:
    """The phone-load table: one row per run, and the verdicts against issue 15's targets."""
    head = " ".join(name.rjust(width) for name, width in COLUMNS)
    lines = [head, "-" * len(head)]
    for s in outcomes:
        rss = s["app_rss_mb"]
        cells = (
            s["phones"],
            s["runs_wanted_per_s"],
            s["runs_delivered_per_s"],
            s["fragment_p50_ms"],
            s["fragment_p95_ms"],
            s["fragment_max_ms"],
            f"{100 * s['late_share']:.1f}",
            f"{s['answers_sent']}/{s['answers_stored']}" + ("" if s["targets_met"]["all_stored_once"] else " !"),
            s["host_view_max_s"],
            s["app_cpu_percent"],
            f"{rss['start']}/{rss['peak']}/{rss['end']}",
            s["disconnects"],
        )
        lines.append(" ".join(str("-" if v is None else v).rjust(w) for v, (_, w) in zip(cells, COLUMNS, strict=True)))
    for s in outcomes:
        met = s["targets_met"]
        verdicts = ", ".join(f"{k} {'met' if v else 'NOT met'}" for k, v in met.items())
        extra = f"; refused {s['answers_refused']}" if s["answers_refused"] else ""
        unacked = s["answers_sent"] - s["answers_acked"] - s["answers_refused"]
        lines.append(
            f"  N={s['phones']}: joined {s['joined']} (p95 {s['join_p95_s']} s), answers acked {s['answers_acked']}"
            f" (no 'Answer received' within {CHECK_S:g} s: {unacked})"
            f", memory {s['app_rss_mb']['growth_mb_per_min']} MB/min"
            f"{extra}, results shown {s['results_shown']} (missing/wrong {s['results_missing_or_wrong']}), "
            f"simulator CPU {s['simulator_cpu_percent']}%, load before {s['load_average_before'][0]}: {verdicts}"
        )
        for err in s["errors"][:5]:
            lines.append(f"    {err}")
        log = s.get("server_log") or {}
        if log.get("tracebacks"):
            lines.append(f"    the app logged {log['tracebacks']} traceback(s); the first:\n{log['first_traceback']}")
        for warning in log.get("behind_warnings", [])[:3]:
            lines.append(f"    app log: {warning}")
        if s.get("profile"):
            lines.append(profile_report(s))
    return "\n".join(lines)


BEFORE = {"runner.postScriptGC": "true", "server.fileWatcherType": "auto"}  # Streamlit's defaults, as first shipped


def main(argv: list[str] | None = None) -> int:
    """`python -m bench phones`: the table for each N (one process, or several behind nginx)."""
    import argparse
    import json
    from datetime import UTC, datetime

    from academy.content.loader import load_course
    from academy.core.settings import ROOT, get_settings

    parser = argparse.ArgumentParser(prog="python -m bench phones", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", default="300", help="phones, comma-separated for several runs (default 300)")
    parser.add_argument("--seconds", type=float, default=60.0, help="the measured window per run (default 60)")
    parser.add_argument("--time-limit", type=int, default=20, help="seconds per question (default 20)")
    parser.add_argument("--processes", type=int, default=1, help="app processes; more than one: PostgreSQL + nginx")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), help="default: sqlite for one process")
    parser.add_argument("--before", action="store_true", help="Streamlit's default GC and file watcher settings")
    parser.add_argument("--profile", action="store_true", help="sample the app with py-spy and list the top costs")
    args = parser.parse_args(argv)
    try:
        sizes = [int(n) for n in args.n.split(",")]
    except ValueError:
        parser.error("--n takes whole numbers, e.g. 50,100")
    if any(not 1 <= n <= 2000 for n in sizes) or not 5 <= args.seconds <= 3600 or not 1 <= args.processes <= 8:
        parser.error("phones 1-2000 per run, seconds 5-3600, processes 1-8")
    if not 5 <= args.time_limit <= 600:
        parser.error("--time-limit is 5 to 600 seconds")
    backend = args.backend or ("postgresql" if args.processes > 1 else "sqlite")
    settings = get_settings()
    course = load_course(settings.content_dir, settings.assessments_dir)
    outcomes = list(
        phone_runs(course, sizes, args.seconds, args.time_limit, args.processes, backend, args.before, args.profile)
    )
    print(table(outcomes))
    path = ROOT / "bench" / "results" / f"phones-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"targets": TARGETS, "runs": outcomes}, indent=2, ensure_ascii=False) + "\n")
    print(f"results in {path.relative_to(ROOT)}")
    return 0 if all(s["targets_met"]["all_stored_once"] for s in outcomes) else 1


def phone_runs(
    course: Course,
    sizes: list[int],
    seconds: float,
    time_limit: int,
    processes: int,
    backend: str,
    before: bool = False,
    profile: bool = False,
):
    """One run per size, each on a fresh app and database; yields the summaries as they finish."""
    for n in sizes:
        options = BEFORE if before else {}
        plan = Plan(n, seconds, time_limit, processes, options=options, profile=profile)
        label = f"{processes} process{'es behind nginx' if processes > 1 else ''}, {backend}" + (
            ", before (postScriptGC on, file watcher on)" if before else ""
        )
        print(f"  {label}: {n} phones + the host for {seconds:g} s ...", flush=True)
        yield run(course=course, plan=plan, backend=backend, label=label).summary()
