"""The behaviour checklist log: save and load periods, validate rows, aggregate in SQL, goals and sharing.

Periods. A learner logs a week (period "week", period_start a Monday) or a day (period "day").
Weekly views roll every entry up into its ISO week *in the SQL query* (`week_start`), so a
week logged by days and a week logged as a whole chart the same way. To keep anything from
being counted twice, one week is logged one way: saving a week refuses while that week has
daily entries, and saving a day refuses while its week has a weekly entry (clearing a period,
i.e. saving it empty, is always allowed, so a learner can switch).

Saving a period replaces all of that period's rows in one transaction; a behaviour that did
not come up is simply not stored (blank, never zero executed).

Adding counts (`add_counts`, one visit reviewed in the call plan) follows the same rule: the counts
go to the week as a whole, unless that week is already logged by days, then to the visit's day. A
week not logged yet is started as a whole week, the checklist page's default period.

Every write first takes the user's lock (`_lock_user`), so the check of how a week is logged and the
write that depends on it can't interleave with another save of the same user's log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Date, delete, func, insert, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col, select

from academy.checklist.entries import (
    FIELDS,
    ChecklistError,
    ChecklistRowErrors,
    EntryRow,
    RowProblem,
    is_blank,
    validate_rows,
)
from academy.checklist.rates import WEEKLY_COLUMNS, Totals, monday, period_days
from academy.classroom.cohorts import trains
from academy.core import events
from academy.core.models import ChecklistEntry, ChecklistGoal, User

_CHUNK = 500  # dates per IN (...) list, well under every database's parameter limit


# --- SQL: the ISO week of a date ---------------------------------------------------------------


class week_start(FunctionElement):  # lower-case: it stands for a SQL function
    """The Monday of a date's ISO week, computed by the database so GROUP BY can use it."""

    type = Date()
    name = "week_start"
    inherit_cache = True


@compiles(week_start, "sqlite")
def _week_start_sqlite(element: week_start, compiler, **kw) -> str:
    arg = compiler.process(element.clauses, **kw)
    # 'weekday 0' moves forward to the Sunday ending the ISO week (or stays on it); six days back is Monday
    return f"date({arg}, 'weekday 0', '-6 days')"


@compiles(week_start, "postgresql")
def _week_start_postgresql(element: week_start, compiler, **kw) -> str:
    return f"CAST(date_trunc('week', {compiler.process(element.clauses, **kw)}) AS DATE)"


# --- periods ----------------------------------------------------------------------------------


def _check_period(period: str, start: date) -> None:
    if period not in ("week", "day"):
        raise ChecklistError("ck_err_period")
    if period == "week" and start.weekday() != 0:
        raise ChecklistError("ck_err_not_monday", monday=str(monday(start)))


def load_period(session: Session, *, user_id: int, period: str, start: date) -> dict[str, ChecklistEntry]:
    """item id -> this user's entry for exactly this period (a week's daily entries are not included)."""
    rows = session.exec(
        select(ChecklistEntry).where(
            ChecklistEntry.user_id == user_id, ChecklistEntry.period == period, ChecklistEntry.period_start == start
        )
    )
    return {row.item_id: row for row in rows}


def previous_logged_start(session: Session, *, user_id: int, period: str, before: date) -> date | None:
    """The latest period of the same kind before `before` that has entries: the values to copy forward."""
    return session.exec(
        select(func.max(ChecklistEntry.period_start)).where(
            ChecklistEntry.user_id == user_id, ChecklistEntry.period == period, ChecklistEntry.period_start < before
        )
    ).one()


def _logged_periods(session: Session, user_id: int, first: date, last: date) -> set[tuple[str, date]]:
    """(period, start) pairs this user has logged between the Mondays around first..last."""
    rows = session.exec(
        select(ChecklistEntry.period, ChecklistEntry.period_start)
        .where(
            ChecklistEntry.user_id == user_id,
            ChecklistEntry.period_start >= monday(first),
            ChecklistEntry.period_start <= monday(last) + timedelta(days=6),
        )
        .distinct()
    )
    return {(p, s) for p, s in rows}


def week_logged_by(session: Session, *, user_id: int, day: date) -> set[str]:
    """How the week containing `day` is logged: {"week"}, {"day"} or an empty set (not logged yet)."""
    return {period for period, _ in _logged_periods(session, user_id, day, day)}


def mixing_conflict(logged: set[tuple[str, date]], period: str, start: date) -> date | None:
    """The Monday of the week if logging (period, start) would mix weekly and daily logs in it, else None."""
    week = monday(start)
    if period == "week":
        return week if any(p == "day" and monday(s) == week for p, s in logged) else None
    return week if ("week", week) in logged else None


def _lock_user(session: Session, user_id: int) -> None:
    """Serialise writes to one user's log until the transaction ends.

    A no-op UPDATE of the user's row: PostgreSQL locks the row, SQLite takes its write lock (the driver
    begins the transaction at the first write, so nothing read before it can be stale).
    """
    session.exec(update(User).where(User.id == user_id).values(checklist_target=User.checklist_target))


def _replace(session: Session, user_id: int, periods: set[tuple[str, date]], entries: list[EntryRow]) -> None:
    """Delete the named periods and insert the entries: a few set-based statements, even for years of logs."""
    for kind in {p for p, _ in periods}:
        starts = sorted(s for p, s in periods if p == kind)
        for i in range(0, len(starts), _CHUNK):
            session.exec(
                delete(ChecklistEntry).where(
                    ChecklistEntry.user_id == user_id,
                    ChecklistEntry.period == kind,
                    ChecklistEntry.period_start.in_(starts[i : i + _CHUNK]),
                )
            )
    if entries:  # one executemany through Core rather than an ORM object per entry
        rows = [{"user_id": user_id, **entry.model_dump()} for entry in entries]
        session.connection().execute(insert(ChecklistEntry.__table__), rows)
    _record_logged(session, user_id, entries)


def _record_logged(session: Session, user_id: int, entries: list[EntryRow]) -> None:
    """One learning record per period logged (a period saved empty is a correction, not a log)."""
    by_period: dict[tuple[str, date], list[EntryRow]] = {}
    for entry in entries:
        by_period.setdefault((entry.period, entry.period_start), []).append(entry)
    for (period, start), rows in sorted(by_period.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        data = {
            "period": period,
            "start": start.isoformat(),
            "entries": len(rows),
            "executed": sum(r.executed for r in rows),
            "fulfilled": sum(r.fulfilled for r in rows),
        }
        events.record(session, kind="checklist_logged", user_id=user_id, data=data)


def save_period(
    session: Session,
    *,
    user_id: int,
    period: str,
    start: date,
    rows: Mapping[str, Mapping[str, Any]],
    item_ids: set[str],
) -> int:
    """Replace one period with `rows` (item id -> executed, fulfilled, note); returns the entries stored.

    Rows whose counts and note are all blank are behaviours that did not come up and are not stored.
    Any bad row raises ChecklistRowErrors (labelled by item id) and nothing changes.
    """
    _check_period(period, start)
    filled = [
        (item_id, {**values, "period": period, "period_start": start, "item_id": item_id})
        for item_id, values in rows.items()
        if not all(is_blank(values.get(k)) for k in ("executed", "fulfilled", "note"))
    ]
    entries = validate_rows(filled, item_ids=item_ids)
    _lock_user(session, user_id)
    if entries:
        week = mixing_conflict(_logged_periods(session, user_id, start, start) - {(period, start)}, period, start)
        if week is not None:
            raise ChecklistError(f"ck_err_mixed_{period}", week=str(week))
    _replace(session, user_id, {(period, start)}, entries)
    return len(entries)


def import_entries(session: Session, *, user_id: int, entries: list[tuple[int | str, EntryRow]]) -> int:
    """Store validated entries, replacing every period they name; refuses (row named) any weekly/daily mix."""
    if not entries:
        return 0
    _lock_user(session, user_id)
    periods = {(e.period, e.period_start) for _, e in entries}
    days = [e.period_start for _, e in entries]
    logged = _logged_periods(session, user_id, min(days), max(days)) - periods
    problems: list[RowProblem] = []
    seen: set[tuple[str, date]] = set()
    for label, entry in entries:
        ident = (entry.period, entry.period_start)
        if ident in seen:
            continue
        week = mixing_conflict(logged, *ident)
        if week is not None:
            problems.append(RowProblem(label, "period", f"ck_err_mixed_{entry.period}", {"week": str(week)}))
        logged.add(ident)  # later rows of the file are checked against the earlier ones too
        seen.add(ident)
    if problems:
        raise ChecklistRowErrors(problems)
    _replace(session, user_id, periods, [e for _, e in entries])
    return len(entries)


def add_counts(
    session: Session,
    *,
    user_id: int,
    day: date,
    counts: Mapping[str, tuple[int, int]],
    item_ids: set[str],
) -> tuple[str, date]:
    """Add item id -> (executed, fulfilled) to the period holding `day`; returns that (period, start).

    The period follows how the week is logged (see the module's docstring). Existing entries keep their
    notes; the rows written are new ones, so `log_version` moves. Bad counts raise and change nothing.
    """
    wanted = {item: (e, f) for item, (e, f) in counts.items() if e or f}
    if not wanted:
        raise ChecklistError("ck_err_nothing_to_log")
    _lock_user(session, user_id)
    logged = week_logged_by(session, user_id=user_id, day=day)
    period, start = ("day", day) if "day" in logged else ("week", monday(day))
    saved = load_period(session, user_id=user_id, period=period, start=start)
    rows = []
    for item, (executed, fulfilled) in wanted.items():
        old = saved.get(item)
        values = {
            "period": period,
            "period_start": start,
            "item_id": item,
            "executed": executed + (old.executed if old else 0),
            "fulfilled": fulfilled + (old.fulfilled if old else 0),
            "note": old.note if old else "",
        }
        rows.append((item, values))
    entries = validate_rows(rows, item_ids=item_ids)
    session.exec(
        delete(ChecklistEntry).where(
            ChecklistEntry.user_id == user_id,
            ChecklistEntry.period == period,
            ChecklistEntry.period_start == start,
            col(ChecklistEntry.item_id).in_(list(wanted)),
        )
    )
    session.connection().execute(
        insert(ChecklistEntry.__table__), [{"user_id": user_id, **e.model_dump()} for e in entries]
    )
    return period, start


# --- aggregates (in SQL) ----------------------------------------------------------------------


def weekly_totals(session: Session, *, user_id: int, since: date | None = None) -> pd.DataFrame:
    """week, item_id, executed, fulfilled summed per ISO week by the database (daily entries roll up).

    The query returns at most weeks x behaviours rows, so three years of daily logs cost about the
    same to chart as a month.
    """
    week = week_start(ChecklistEntry.period_start)
    query = (
        select(
            week.label("week"),
            ChecklistEntry.item_id,
            func.sum(ChecklistEntry.executed),
            func.sum(ChecklistEntry.fulfilled),
        )
        .where(ChecklistEntry.user_id == user_id)
        .group_by(week, ChecklistEntry.item_id)
        .order_by(week, ChecklistEntry.item_id)
    )
    if since is not None:
        query = query.where(ChecklistEntry.period_start >= monday(since))
    frame = pd.DataFrame(list(session.exec(query)), columns=WEEKLY_COLUMNS)
    return frame.astype({"executed": "int64", "fulfilled": "int64"})


def log_version(session: Session, *, user_ids: Iterable[int]) -> tuple[int, int]:
    """(entries, newest id) of these users' logs: changes with every save, edit, import or deletion.

    Entry ids are never reused, so a replaced period gets ids above every earlier one; one
    indexed aggregate, far cheaper than the sums it lets a page reuse.
    """
    query = select(func.count(), func.coalesce(func.max(ChecklistEntry.id), 0)).where(
        col(ChecklistEntry.user_id).in_(list(user_ids))
    )
    count, newest = session.exec(query).one()
    return int(count), int(newest)


def period_totals(session: Session, *, user_id: int, period: str, start: date) -> Totals:
    """item id -> (executed, fulfilled) for one period: a week includes its daily entries, a day only its own."""
    query = select(ChecklistEntry.item_id, func.sum(ChecklistEntry.executed), func.sum(ChecklistEntry.fulfilled))
    query = query.where(ChecklistEntry.user_id == user_id)
    if period == "week":
        end = start + timedelta(days=period_days(period) - 1)
        query = query.where(ChecklistEntry.period_start >= start, ChecklistEntry.period_start <= end)
    else:
        query = query.where(ChecklistEntry.period == "day", ChecklistEntry.period_start == start)
    rows = session.exec(query.group_by(ChecklistEntry.item_id))
    return {item: (int(e), int(f)) for item, e, f in rows}


def log_rows(session: Session, *, user_id: int) -> list[tuple]:
    """Every entry of this user as (period, period_start, item_id, executed, fulfilled, note), oldest first."""
    columns = [getattr(ChecklistEntry, name) for name in FIELDS]
    query = select(*columns).where(ChecklistEntry.user_id == user_id)
    ordered = query.order_by(ChecklistEntry.period_start, ChecklistEntry.period, ChecklistEntry.item_id)
    return [tuple(row) for row in session.exec(ordered)]


# --- target, goals and sharing ----------------------------------------------------------------


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise ChecklistError("err_not_found")
    return user


def _check_rate(value: float) -> float:
    if not 0 <= value <= 1:
        raise ChecklistError("ck_err_target")
    return float(value)


def set_target(session: Session, *, user_id: int, target: float) -> None:
    _user(session, user_id).checklist_target = _check_rate(target)


def set_sharing(session: Session, *, user_id: int, share: bool) -> None:
    _user(session, user_id).share_checklist = bool(share)


def goals(session: Session, *, user_id: int) -> dict[str, float]:
    """item id -> target rate for the behaviours this user has set a goal on."""
    rows = session.exec(select(ChecklistGoal).where(ChecklistGoal.user_id == user_id))
    return {g.item_id: g.target for g in rows}


def set_goals(session: Session, *, user_id: int, targets: Mapping[str, float | None], item_ids: set[str]) -> None:
    """Replace this user's goals: item id -> target (0..1), None or missing for no goal."""
    chosen = {item: _check_rate(value) for item, value in targets.items() if value is not None}
    unknown = sorted(set(chosen) - item_ids)
    if unknown:
        raise ChecklistError("ck_err_unknown_item", value=unknown[0])
    session.exec(delete(ChecklistGoal).where(ChecklistGoal.user_id == user_id))
    session.add_all(ChecklistGoal(user_id=user_id, item_id=item, target=value) for item, value in chosen.items())
    session.flush()


@dataclass(frozen=True)
class SharedLog:
    """What a viewer may see of a learner's checklist: weekly counts, target and goals (never the notes)."""

    learner_id: int
    display_name: str
    target: float
    goals: dict[str, float]
    weekly: pd.DataFrame


def shared_log_for_viewer(session: Session, *, viewer: User, learner_id: int, since: date | None = None) -> SharedLog:
    """A learner's checklist for a viewer: the learner themselves, or, when the learner shares, a trainer
    of one of the learner's cohorts (or an administrator). Everyone else is refused."""
    learner = session.get(User, learner_id)
    if learner is None:
        raise ChecklistError("err_not_found")
    if viewer.id != learner.id and not (
        learner.share_checklist and trains(session, viewer=viewer, learner_id=learner.id)
    ):
        raise ChecklistError("ck_err_not_shared")
    return SharedLog(
        learner_id=learner.id,
        display_name=learner.display_name,
        target=learner.checklist_target,
        goals=goals(session, user_id=learner.id),
        weekly=weekly_totals(session, user_id=learner.id, since=since),
    )
