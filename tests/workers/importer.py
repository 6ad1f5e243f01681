"""A large checklist import in its own process, for the test that a second process can still save.

Run as `python -m tests.workers.importer URL USERNAME ROWS`; prints "ready" once the file is built and
the user exists (the test then starts saving), then "imported N" when the import has committed.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from academy.accounts import users
from academy.checklist import files
from academy.content.loader import load_course
from academy.core.db import session_scope
from academy.core.settings import ROOT


def main(url: str, username: str, rows: int) -> None:
    course = load_course(ROOT / "content", ROOT / "assessments")
    item_ids = [item for _, item in course.checklist_items()]
    first = date(2010, 1, 1)
    lines = ["period,period_start,item_id,executed,fulfilled,note"]
    per_day = len(item_ids)
    lines += [f"day,{first + timedelta(days=n // per_day)},{item_ids[n % per_day]},2,1," for n in range(rows)]
    data = ("\n".join(lines) + "\n").encode()
    with session_scope(url) as s:
        user_id = users.register(s, username=username, display_name=username, password="password-123").id
    print("ready", flush=True)
    with session_scope(url) as s:
        imported = files.import_csv(s, user_id=user_id, data=data, item_ids=set(item_ids))
    print(f"imported {imported}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
