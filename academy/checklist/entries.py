"""One checklist entry as a row: its fields, their bounds, and validation that names row and column.

Every way into the log (the weekly editor, a CSV import) goes through `validate_rows`, so a bad
value is refused the same way everywhere and nothing is saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from academy.checklist.rates import monday
from academy.core.dates import EARLIEST, LATEST
from academy.core.text import clean_text

FIELDS = ("period", "period_start", "item_id", "executed", "fulfilled", "note")
NOTE_MAX = 2000
# A behaviour at most this often in one period: several a working hour for a whole week, far beyond
# any real log, and small enough that years of them sum safely. The database checks it too (0008).
MAX_COUNT = 1000


class ChecklistError(Exception):
    """`key` is an i18n key naming the problem; `params` fill its placeholders."""

    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(key)


@dataclass(frozen=True)
class RowProblem:
    """One bad value: `row` is a spreadsheet row number (header = 1) or, from the editor, an item id."""

    row: int | str
    column: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


class ChecklistRowErrors(ChecklistError):
    """Some rows are invalid; nothing was saved."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__("ck_err_rows", n=len(problems))
        self.problems = problems


# --- row validation ---------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EntryRow(BaseModel):
    """One entry as typed in the editor or read from a CSV row. Validation context: {"item_ids": set}."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")

    period: Literal["week", "day"]
    period_start: date
    item_id: str
    executed: int
    fulfilled: int
    note: str = Field(default="", max_length=NOTE_MAX)

    @field_validator("note")
    @classmethod
    def _visible_text(cls, value: str) -> str:
        return clean_text(value)  # no NUL (PostgreSQL refuses it) or invisible direction controls

    @field_validator("period_start", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        # only YYYY-MM-DD: pydantic would also read "86400" as a Unix time
        if isinstance(value, str) and not _ISO_DATE.match(value.strip()):
            raise PydanticCustomError("ck_err_date", "not a YYYY-MM-DD date")
        return value

    @field_validator("period_start")
    @classmethod
    def _weeks_start_on_monday(cls, value: date, info: ValidationInfo) -> date:
        if not EARLIEST <= value <= LATEST:
            raise PydanticCustomError(
                "ck_err_date_range",
                "a date from {first} to {last}",
                {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()},
            )
        if info.data.get("period") == "week" and value.weekday() != 0:
            raise PydanticCustomError("ck_err_not_monday", "a week starts on a Monday", {"monday": str(monday(value))})
        return value

    @field_validator("item_id")
    @classmethod
    def _known_item(cls, value: str, info: ValidationInfo) -> str:
        if value not in (info.context or {}).get("item_ids", ()):
            raise PydanticCustomError("ck_err_unknown_item", "unknown behaviour id", {"value": value[:64]})
        return value

    @field_validator("executed")
    @classmethod
    def _came_up(cls, value: int) -> int:
        if value < 1:  # a behaviour that did not come up is left blank, not zero
            raise PydanticCustomError("ck_err_executed_min", "at least 1")
        if value > MAX_COUNT:
            raise PydanticCustomError("ck_err_count_max", "at most {max}", {"max": MAX_COUNT})
        return value

    @field_validator("fulfilled")
    @classmethod
    def _not_more_than_executed(cls, value: int, info: ValidationInfo) -> int:
        if value < 0:
            raise PydanticCustomError("ck_err_negative", "not negative")
        if value > MAX_COUNT:
            raise PydanticCustomError("ck_err_count_max", "at most {max}", {"max": MAX_COUNT})
        executed = info.data.get("executed")
        if executed is not None and value > executed:
            raise PydanticCustomError("ck_err_fulfilled_gt_executed", "more than executed", {"executed": executed})
        return value


# pydantic's own error types -> our i18n keys (our validators raise errors already named by key)
_ERROR_KEYS = {
    "missing": "ck_err_required",
    "int_parsing": "ck_err_whole_number",
    "int_from_float": "ck_err_whole_number",
    "int_type": "ck_err_whole_number",
    "date_parsing": "ck_err_date",
    "date_from_datetime_parsing": "ck_err_date",
    "date_from_datetime_inexact": "ck_err_date",
    "date_type": "ck_err_date",
    "literal_error": "ck_err_period",
    "string_too_long": "ck_err_note_long",
}


def is_blank(value: Any) -> bool:
    """An empty cell: None, NaN or only spaces."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return bool(pd.isna(value))


def validate_rows(rows: Iterable[tuple[int | str, Mapping[str, Any]]], *, item_ids: set[str]) -> list[EntryRow]:
    """Validate (row label, values) pairs; all problems at once as ChecklistRowErrors, else the entries.

    Blank values count as missing; a row naming the same period and behaviour twice is an error.
    """
    entries: list[EntryRow] = []
    problems: list[RowProblem] = []
    seen: dict[tuple[str, date, str], int | str] = {}
    for label, values in rows:
        data = {k: v for k, v in values.items() if not is_blank(v)}
        try:
            entry = EntryRow.model_validate(data, context={"item_ids": item_ids})
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else ""
                key = err["type"] if err["type"].startswith("ck_") else _ERROR_KEYS.get(err["type"], "ck_err_invalid")
                params = {k: v for k, v in (err.get("ctx") or {}).items() if isinstance(v, str | int)}
                problems.append(RowProblem(label, column, key, params))
            continue
        ident = (entry.period, entry.period_start, entry.item_id)
        if ident in seen:
            problems.append(RowProblem(label, "item_id", "ck_err_duplicate", {"first": seen[ident]}))
            continue
        seen[ident] = label
        entries.append(entry)
    if problems:
        raise ChecklistRowErrors(problems)
    return entries
