"""Server-side run time of every page (AppTest) at each data scale, against the floor page.

One run = one script run of the real app for a logged-in user, as a rerun in the browser does:
navigation shell + page body, timed around `AppTest.run()` after a warm-up run of the same page.
The floor is bench/floor_app.py: the same shell with no page body, timed the same way, so
"x floor" says how much a page adds to what every page pays anyway.

The ratios use the CPU time the process spent in the run (`time.process_time`, all threads):
on a shared machine the wall time also counts other programs' turns on the CPU. Wall time is
recorded beside it.
"""

from __future__ import annotations

import logging
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.testing.v1 import AppTest

from academy.accounts import login
from academy.content.loader import Course
from academy.core.db import get_engine, session_scope
from academy.core.i18n import t
from academy.core.models import Role, User
from academy.core.settings import ROOT, get_settings
from academy.ui.shell import PAGES
from bench.data import Seeded, seed

FLOOR = "floor (shell only)"
TRAINER_PAGES = {"views/dashboard.py", "views/live_host.py"}  # learners are refused these
LANG = "zh"
TIMEOUT = 300  # seconds for one AppTest run; 100x pages take well under one


@dataclass(frozen=True)
class Case:
    name: str
    path: str | None  # None: the floor script
    who: str = "learner"  # or "trainer"
    state: dict[str, Any] = field(default_factory=dict)  # session state set before the first run
    live_params: bool = False  # needs ?s=<live session id>


def cases() -> list[Case]:
    out = [Case(FLOOR, None)]
    for spec in PAGES:
        name = spec.path.removeprefix("views/").removesuffix(".py")
        if spec.roles and not {Role.learner, Role.trainer} & set(spec.roles):
            continue  # an administrator's page (learning records): not on a learner's or trainer's path
        learner_may = not spec.roles or Role.learner in spec.roles
        who = "trainer" if spec.path in TRAINER_PAGES or not learner_may else "learner"
        out.append(Case(name, spec.path, who, live_params=spec.path == "views/live_host.py"))
        if spec.path == "views/checklist.py":
            # the charts tab as it opens (last 12 weeks): as fast on three years of logs as on one month;
            # and over the whole log, the view that necessarily grows with it
            charts = t("ck_tab_charts", LANG)
            out.append(Case("checklist: charts", spec.path, state={"ck_tab": charts}))
            out.append(Case("checklist: charts, all", spec.path, state={"ck_tab": charts, "ck_window": 0}))
        if spec.path == "views/classroom.py":
            out.append(Case("classroom: trainer", spec.path, "trainer"))
    return out


@dataclass
class Timing:
    cpu_ms: list[float] = field(default_factory=list)
    wall_ms: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median_ms(self) -> float | None:
        return statistics.median(self.cpu_ms) if self.cpu_ms else None

    @property
    def wall_median_ms(self) -> float | None:
        return statistics.median(self.wall_ms) if self.wall_ms else None


def _floor_script(tmp: Path) -> Path:
    """floor_app.py beside a link to views/: the shell resolves page paths relative to its main script."""
    (tmp / "views").symlink_to(ROOT / "views", target_is_directory=True)
    script = tmp / "floor_app.py"
    script.symlink_to(ROOT / "bench" / "floor_app.py")
    return script


def _problem(at: AppTest) -> str | None:
    if at.exception:
        return f"exception: {at.exception[0].message}"
    if at.error:
        return f"error shown: {at.error[0].value}"
    return None


def time_case(case: Case, *, script: Path, credentials: tuple[int, str], runs: int, live_id: int) -> Timing:
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    at.session_state["lang"] = LANG
    at.session_state["user_id"], at.session_state["token"] = credentials
    for key, value in case.state.items():
        at.session_state[key] = value
    at.run()
    if case.path is not None:
        at.switch_page(case.path)
    if case.live_params:
        at.query_params["s"] = str(live_id)
    at.run()  # warm-up: first use of the page's imports, charts and caches
    timing = Timing(error=_problem(at))
    if timing.error:
        return timing
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        at.run()
        timing.cpu_ms.append((time.process_time() - cpu) * 1000)
        timing.wall_ms.append((time.perf_counter() - wall) * 1000)
    timing.error = _problem(at)
    return timing


def _logins(url: str, seeded: Seeded) -> dict[str, tuple[int, str]]:
    with session_scope(url) as s:
        return {
            who: (uid, login.create_login(s, user=s.get(User, uid), settings=get_settings()))
            for who, uid in (("learner", seeded.learner_id), ("trainer", seeded.trainer_id))
        }


def run_scale(
    scale: int, *, course: Course, runs: int, only: list[str] | None = None, log: Callable[[str], None] = print
) -> tuple[Seeded, dict[str, Timing]]:
    """Seed a fresh SQLite database at `scale` and time every case on it (or the floor and the cases named)."""
    # AppTest warns on every session-state write made outside a run, which is how logins are seeded
    for name in ("scriptrunner_utils.script_run_context", "state.session_state_proxy"):
        logging.getLogger(f"streamlit.runtime.{name}").disabled = True
    with tempfile.TemporaryDirectory(prefix="kaa-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'academy.db'}"
        started = time.perf_counter()
        seeded = seed(url, course=course, scale=scale, pass_mark=get_settings().pass_mark)
        log(f"  {scale}x: seeded in {time.perf_counter() - started:.1f}s: {seeded.counts}")
        previous = os.environ.get("DATABASE_URL")
        os.environ["DATABASE_URL"] = url
        get_settings.cache_clear()
        st.cache_resource.clear()
        st.cache_data.clear()
        try:
            logins = _logins(url, seeded)
            floor = _floor_script(Path(tmp))
            results: dict[str, Timing] = {}
            # one untimed pass of the shell first: the floor must not carry this database's first-use costs
            time_case(cases()[0], script=floor, credentials=logins["learner"], runs=1, live_id=seeded.live_id)
            for case in cases():
                if only is not None and case.path is not None and case.name not in only:
                    continue
                script = floor if case.path is None else ROOT / "app.py"
                results[case.name] = time_case(
                    case, script=script, credentials=logins[case.who], runs=runs, live_id=seeded.live_id
                )
                shown = results[case.name]
                log(f"    {case.name}: " + (f"{shown.median_ms:.0f} ms" if shown.median_ms else str(shown.error)))
        finally:
            if previous is None:
                os.environ.pop("DATABASE_URL", None)
            else:
                os.environ["DATABASE_URL"] = previous
            get_settings.cache_clear()
            st.cache_resource.clear()
            st.cache_data.clear()
            get_engine(url).dispose()
    return seeded, results


# --- the report -----------------------------------------------------------------------------------

FLOOR_TARGET = 3.0  # every page within 3x the floor at the largest scale
GROWTH_TARGET = 1.5  # page time at the largest scale within 1.5x of the same page at 1x


def ratios(results: dict[int, dict[str, Timing]]) -> dict[int, dict[str, dict[str, float | None]]]:
    """Per scale and page: median ms, ratio to that scale's floor and to the same page at 1x."""
    out: dict[int, dict[str, dict[str, float | None]]] = {}
    base = results.get(1, {})
    for scale, pages in results.items():
        floor = pages[FLOOR].median_ms
        out[scale] = {}
        for name, timing in pages.items():
            ms = timing.median_ms
            one = base[name].median_ms if name in base else None
            out[scale][name] = {
                "median_ms": ms,
                "wall_median_ms": timing.wall_median_ms,
                "x_floor": ms / floor if ms and floor else None,
                "x_1x": ms / one if ms and one else None,
            }
    return out


def _cell(value: float | None, fmt: str, width: int) -> str:
    return (fmt.format(value) if value is not None else "-").rjust(width)


def table(results: dict[int, dict[str, Timing]]) -> tuple[str, dict[str, Any]]:
    """The page x scale table and the verdict on both page targets."""
    r = ratios(results)
    scales = sorted(results)
    top = scales[-1]
    names = list(results[scales[0]])
    width = max(len(n) for n in names) + 1
    head = "page".ljust(width) + "".join(
        f"| {f'{s}x cpu ms':>10} {'x floor':>7} {'x 1x':>5} {'wall':>5} " for s in scales
    )
    lines = [head, "-" * len(head)]
    for name in names:
        row = name.ljust(width)
        for s in scales:
            if results[s][name].error:
                row += f"| {'FAILED':>10} {'':>7} {'':>5} {'':>5} "
                continue
            cell = r[s][name]
            x_1x = cell["x_1x"] if s != 1 else None
            row += (
                f"| {_cell(cell['median_ms'], '{:.0f}', 10)} {_cell(cell['x_floor'], '{:.2f}', 7)}"
                f" {_cell(x_1x, '{:.2f}', 5)} {_cell(cell['wall_median_ms'], '{:.0f}', 5)} "
            )
        lines.append(row.rstrip())
    pages = [n for n in names if n != FLOOR]
    over_floor = [n for n in pages if (r[top][n]["x_floor"] or float("inf")) > FLOOR_TARGET]
    compare = top != 1 and 1 in r
    grown = [n for n in pages if (r[top][n]["x_1x"] or float("inf")) > GROWTH_TARGET] if compare else []
    failed = {f"{s}x {n}": results[s][n].error for s in scales for n in names if results[s][n].error}
    verdict = {
        "scale": top,
        "within_3x_floor": not over_floor,
        "over_3x_floor": over_floor,
        "within_1.5x_of_1x": not grown if compare else None,
        "over_1.5x_of_1x": grown,
        "failed": failed,
    }
    met = "met" if not over_floor else "NOT met: " + ", ".join(over_floor)
    lines.append(f"target: every page within {FLOOR_TARGET:g}x the floor at {top}x ... {met}")
    if compare:
        met = "met" if not grown else "NOT met: " + ", ".join(grown)
        lines.append(f"target: every page at {top}x within {GROWTH_TARGET:g}x of itself at 1x ... {met}")
    for key, error in failed.items():
        lines.append(f"FAILED {key}: {error}")
    return "\n".join(lines), verdict
