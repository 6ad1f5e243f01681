"""Browser smoke of a live quiz: a trainer's screen and a few phones in Chromium against `streamlit run`.

The burst (bench/burst.py) loads the service layer with hundreds of simulated trainees; this
checks the same path end to end through real pages: phones join with the code as guests, the
trainer opens the question on the host page, each phone sends an answer. Reported: how long
each phone waits from "Send" to "Answer received", and how long after the last answer the
trainer's screen (which polls once a second) shows every answer arrived (target: within 2 s).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from academy.accounts import login, users
from academy.classroom import live
from academy.content.loader import Course
from academy.core.db import get_engine, session_scope
from academy.core.migrations import upgrade
from academy.core.models import Role
from academy.core.settings import Settings
from tests.servers import CHROMIUM, CHROMIUM_ARGS, streamlit_server

VIEW_TARGET_MS = 2000
SECRET = "bench-live-smoke"
ENGLISH = {"locale": "en-US", "viewport": {"width": 1280, "height": 900}}


@dataclass
class LiveSmoke:
    phones: int
    ack_ms: list[float] = field(default_factory=list)  # per phone: Send -> "Answer received"
    host_view_ms: float | None = None  # last Send -> the trainer's screen shows every answer
    recorded: int = 0  # answers in the database afterwards

    def summary(self) -> dict[str, Any]:
        return {
            "phones": self.phones,
            "recorded": self.recorded,
            "ack_median_ms": round(statistics.median(self.ack_ms)) if self.ack_ms else None,
            "ack_max_ms": round(max(self.ack_ms)) if self.ack_ms else None,
            "host_view_ms": round(self.host_view_ms) if self.host_view_ms is not None else None,
            "targets_met": {
                "all_recorded": self.recorded == self.phones,
                "trainer_view_within_2s": self.host_view_ms is not None and self.host_view_ms <= VIEW_TARGET_MS,
            },
        }


def _seed(url: str, course: Course) -> tuple[str, int, str]:
    """A trainer with a login and a one-question live quiz waiting for its trainees: (code, live id, token)."""
    upgrade(url)
    settings = Settings(database_url=url, secret_key=SECRET)
    question = next(q for q in course.questions() if q.type == "single")
    with session_scope(url) as s:
        trainer = users.register(s, username="bench-host", display_name="Host", password="password-123", language="en")
        trainer.role = Role.trainer
        s.add(trainer)
        s.flush()
        started = live.start_session(
            s, trainer=trainer, course=course, title="Bench smoke", question_ids=[question.id], time_limit=120
        )
        token = login.create_login(s, user=trainer, settings=settings)
        return started.code, started.id, token


def run(*, course: Course, phones: int = 3) -> LiveSmoke:
    from playwright.sync_api import expect, sync_playwright

    from tests.e2e.quiz_driver import answer_live, current_form

    result = LiveSmoke(phones=phones)
    with tempfile.TemporaryDirectory(prefix="kaa-smoke-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'academy.db'}"
        code, live_id, token = _seed(url, course)
        env = {"DATABASE_URL": url, "SECRET_KEY": SECRET}
        with streamlit_server(env, log=Path(tmp) / "streamlit.log") as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                host_context = browser.new_context(**ENGLISH)
                host_context.add_cookies([{"name": "kaa_login", "value": token, "url": base}])
                host = host_context.new_page()
                host.goto(f"{base}/live_host?s={live_id}")
                host.get_by_role("button", name="Show the first question").wait_for(timeout=60_000)
                screens = []
                for n in range(phones):
                    phone = browser.new_context(**ENGLISH).new_page()
                    phone.goto(f"{base}/join?code={code}")
                    phone.get_by_role("textbox", name="Nickname").fill(f"Phone {n + 1}")
                    phone.get_by_role("button", name="Join", exact=True).click()
                    expect(phone.get_by_text("You are in")).to_be_visible(timeout=60_000)
                    screens.append(phone)
                expect(host.get_by_text(f"{phones} joined")).to_be_visible(timeout=60_000)
                host.get_by_role("button", name="Show the first question").click()
                last_send = 0.0
                for phone in screens:
                    form, qid = current_form(phone, "live")
                    sent = time.perf_counter()
                    answer_live(phone, form, course.question(qid), "en", correct=True)
                    expect(phone.get_by_text("Answer received")).to_be_visible(timeout=60_000)
                    result.ack_ms.append((time.perf_counter() - sent) * 1000)
                    last_send = sent
                expect(host.get_by_text(f"{phones}/{phones}")).to_be_visible(timeout=60_000)
                result.host_view_ms = (time.perf_counter() - last_send) * 1000
            finally:
                browser.close()  # the live pages poll every second
        with session_scope(url) as s:
            result.recorded = live.snapshot(s, live_id=live_id).answers
        get_engine(url).dispose()
    return result


def report(smoke: LiveSmoke) -> str:
    s = smoke.summary()
    met = s["targets_met"]
    return "\n".join(
        [
            f"{smoke.phones} phones in Chromium joined as guests and answered; recorded {s['recorded']} of "
            f"{smoke.phones} ... {'met' if met['all_recorded'] else 'NOT met'}",
            f"  Send -> 'Answer received' on the phone: median {s['ack_median_ms']} ms, max {s['ack_max_ms']} ms",
            f"  last answer -> the trainer's screen shows {smoke.phones}/{smoke.phones}: {s['host_view_ms']} ms "
            f"(target {VIEW_TARGET_MS} ms) ... {'met' if met['trainer_view_within_2s'] else 'NOT met'}",
        ]
    )
