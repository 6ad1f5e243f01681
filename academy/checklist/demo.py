"""Synthetic checklist logs for demos and the benchmark: realistic daily entries, reproducible by seed."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import and_, delete, insert, or_
from sqlmodel import Session

from academy.core.models import ChecklistEntry


def generate_log(
    session: Session,
    *,
    user_id: int,
    days: int,
    seed: int,
    item_ids: list[str] | None = None,
    end: date | None = None,
) -> int:
    """Write `days` days of daily entries ending at `end` (today); returns the number of entries.

    Each behaviour has its own skill that grows slowly with practice, so rates drift upwards with
    noise; most behaviours come up on most days (fewer at weekends), giving about 30 entries a
    day, i.e. roughly 33,000 for three years. Any entries the user had in those days (daily or
    weekly) are replaced, so nothing is counted twice. Items default to the course checklist.
    """
    if item_ids is None:
        from academy.content.loader import load_course
        from academy.core.settings import get_settings

        settings = get_settings()
        item_ids = [item for _, item in load_course(settings.content_dir, settings.assessments_dir).checklist_items()]
    rng = random.Random(seed)
    end = end or date.today()
    first = end - timedelta(days=days - 1)
    skill = {item: rng.uniform(0.3, 0.8) for item in item_ids}
    growth = {item: rng.uniform(0.0, 0.4) / max(days, 1) for item in item_ids}
    rows = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        chance = 0.99 if day.weekday() < 5 else 0.9
        for item in item_ids:
            if rng.random() > chance:
                continue  # did not come up: no row, not a zero
            executed = rng.choices((1, 2, 3, 4, 5), weights=(40, 30, 15, 10, 5))[0]
            p = min(0.98, skill[item] + growth[item] * offset)
            fulfilled = sum(rng.random() < p for _ in range(executed))
            rows.append(
                {
                    "user_id": user_id,
                    "period": "day",
                    "period_start": day,
                    "item_id": item,
                    "executed": executed,
                    "fulfilled": fulfilled,
                    "note": "",
                }
            )
    # replace those days, and the weekly entries of the weeks they touch (those would double-count)
    week_from = first - timedelta(days=first.weekday())
    span = ChecklistEntry.period_start <= end
    days_logged = and_(ChecklistEntry.period == "day", ChecklistEntry.period_start >= first)
    weeks_logged = and_(ChecklistEntry.period == "week", ChecklistEntry.period_start >= week_from)
    session.exec(delete(ChecklistEntry).where(ChecklistEntry.user_id == user_id, span, or_(days_logged, weeks_logged)))
    if rows:  # one executemany through Core, not 33,000 ORM objects
        session.connection().execute(insert(ChecklistEntry.__table__), rows)
    session.flush()
    return len(rows)
