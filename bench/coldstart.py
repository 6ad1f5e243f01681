"""Cold start: from `streamlit run` to the first page painted in Chromium, for the app and for hello world.

Both are started the same way (tests.servers.streamlit_server: a fresh process on a free port)
and opened in a fresh browser context, i.e. logged out, so the app paints its login page. The
clock starts just before the process is spawned and stops when the page's title is visible.
The app's database is migrated beforehand, as it is on every restart after the first (the app
still checks the migrations at start-up).
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from academy.core.migrations import upgrade
from tests.servers import CHROMIUM, CHROMIUM_ARGS, streamlit_server

TARGET_RATIO = 1.5
APP_TITLE = re.compile("Key Account Academy|大客户销售学院")
HELLO_TITLE = "Hello, world"


@dataclass
class ColdStart:
    app_ms: list[float] = field(default_factory=list)
    hello_ms: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return statistics.median(self.app_ms) / statistics.median(self.hello_ms)

    def summary(self) -> dict[str, Any]:
        return {
            "app_median_ms": round(statistics.median(self.app_ms)),
            "hello_median_ms": round(statistics.median(self.hello_ms)),
            "app_runs_ms": [round(v) for v in self.app_ms],
            "hello_runs_ms": [round(v) for v in self.hello_ms],
            "ratio": round(self.ratio, 2),
            "target_met": self.ratio <= TARGET_RATIO,
        }


def _time_start(browser, app: str, env: dict[str, str], title: re.Pattern | str, log: Path) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        start = time.perf_counter()
        with streamlit_server(env, app=app, log=log) as url:
            page.goto(url)
            page.get_by_role("heading", name=title).first.wait_for(state="visible", timeout=120_000)
            return (time.perf_counter() - start) * 1000
    finally:
        context.close()


def measure(*, runs: int = 3) -> ColdStart:
    from playwright.sync_api import sync_playwright

    result = ColdStart()
    with tempfile.TemporaryDirectory(prefix="kaa-cold-") as tmp, sync_playwright() as p:
        url = f"sqlite:///{Path(tmp) / 'academy.db'}"
        upgrade(url)
        env = {"DATABASE_URL": url, "SECRET_KEY": "bench-cold-start"}
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in range(runs):  # alternate, so both see the same machine
                result.hello_ms.append(
                    _time_start(browser, "bench/hello_app.py", env, HELLO_TITLE, Path(tmp) / f"hello{n}.log")
                )
                result.app_ms.append(_time_start(browser, "app.py", env, APP_TITLE, Path(tmp) / f"app{n}.log"))
        finally:
            browser.close()
    return result


def report(result: ColdStart) -> str:
    s = result.summary()
    verdict = "met" if s["target_met"] else "NOT met"
    return (
        f"app (login page painted): median {s['app_median_ms']} ms {s['app_runs_ms']}\n"
        f"hello world:              median {s['hello_median_ms']} ms {s['hello_runs_ms']}\n"
        f"ratio {s['ratio']} (target <= {TARGET_RATIO:g}) ... {verdict}"
    )
