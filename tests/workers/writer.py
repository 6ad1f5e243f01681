"""A writer process for the resilience tests: logs checklist weeks and quiz answers through the services.

Run as `python -m tests.workers.writer URL USERNAME WEEKS`; prints `ack <what>` after each commit,
so a test that kills the process knows exactly which writes were acknowledged.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from academy.accounts import users
from academy.checklist import log as checklist
from academy.content.loader import load_course
from academy.core.db import session_scope
from academy.core.settings import ROOT
from academy.learning import quiz

FIRST_MONDAY = date(2024, 1, 1)


def main(url: str, username: str, weeks: int) -> None:
    course = load_course(ROOT / "content", ROOT / "assessments")
    items = course.checklist_items()
    item_ids = {item for _, item in items}
    with session_scope(url) as s:
        uid = users.register(s, username=username, display_name=username, password="password-123").id
    print(f"ack user {uid}", flush=True)
    module = course.modules[0].id
    for week in range(weeks):
        start = FIRST_MONDAY + timedelta(weeks=week)
        rows = {item: {"executed": 3, "fulfilled": week % 4, "note": ""} for _, item in items[:10]}
        with session_scope(url) as s:
            checklist.save_period(s, user_id=uid, period="week", start=start, rows=rows, item_ids=item_ids)
        print(f"ack week {start.isoformat()}", flush=True)
        with session_scope(url) as s:
            attempt = quiz.start_attempt(s, user_id=uid, course=course, module_id=module, pass_mark=0.8, seed=week)
            item = attempt.layout[0]
            quiz.submit_answer(s, user_id=uid, attempt_id=attempt.id, question_id=item["q"], response=[], course=course)
            quiz.finish_attempt(s, user_id=uid, attempt_id=attempt.id, course=course)
            attempt_id = attempt.id
        print(f"ack attempt {attempt_id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
