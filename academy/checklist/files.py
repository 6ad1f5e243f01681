"""Checklist log files: export to CSV and Excel, import from CSV (row by row, all or nothing).

The CSV has a header row and one row per entry: period, period_start (YYYY-MM-DD), item_id,
executed, fulfilled, note. It is UTF-8 with a byte-order mark so Excel opens Chinese text
correctly, and a note a spreadsheet would run as a formula gets a leading apostrophe, which the
import takes off again (`academy.core.spreadsheets`), so export and import round-trip exactly.
The Excel file has the same columns plus `behaviour`, the behaviour's text, which
import ignores. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from openpyxl.utils import get_column_letter
from sqlmodel import Session

from academy.checklist import log as ck
from academy.checklist.entries import FIELDS, ChecklistError, ChecklistRowErrors, RowProblem, validate_rows
from academy.checklist.log import import_entries
from academy.content.schema import Checklist
from academy.core.i18n import tr
from academy.core.spreadsheets import inert, restore_text

ENCODING = "utf-8-sig"  # UTF-8 with BOM: Excel reads it as UTF-8 rather than the system code page
SHEET = "checklist"
TEXT_COLUMN = "behaviour"  # Excel convenience column; ignored on import
MAX_IMPORT_ROWS = 100_000  # ten years of daily logs of every behaviour, with room to spare


def export_frame(session: Session, *, user_id: int) -> pd.DataFrame:
    """The user's whole log in the file format, oldest period first."""
    frame = pd.DataFrame(ck.log_rows(session, user_id=user_id), columns=list(FIELDS))
    frame["period_start"] = frame["period_start"].map(date.isoformat)
    return frame


def export_csv(session: Session, *, user_id: int) -> bytes:
    return inert(export_frame(session, user_id=user_id)).to_csv(index=False).encode(ENCODING)


def export_excel(session: Session, *, user_id: int, checklist: Checklist, lang: str) -> bytes:
    frame = export_frame(session, user_id=user_id)
    texts = {item.id: tr(item.text, lang) for group in checklist.groups for item in group.items}
    frame.insert(3, TEXT_COLUMN, frame["item_id"].map(texts).fillna(""))
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=SHEET)
        # openpyxl takes any text starting with "=" for a formula; a note must stay the words it was
        note = writer.sheets[SHEET][get_column_letter(frame.columns.get_loc("note") + 1)]
        for cell in note[1:]:
            if cell.data_type == "f":
                cell.data_type = "s"
    return buffer.getvalue()


def read_csv(data: bytes) -> pd.DataFrame:
    """The file as text cells (blank cells are empty strings); a file we cannot read at all is a ChecklistError."""
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding=ENCODING)
    except UnicodeDecodeError:
        raise ChecklistError("ck_err_csv_encoding") from None
    except pd.errors.EmptyDataError:
        raise ChecklistError("ck_err_csv_empty") from None
    except (pd.errors.ParserError, ValueError):
        raise ChecklistError("ck_err_csv_unreadable") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _header_problems(columns: list[str]) -> list[RowProblem]:
    problems = [RowProblem(1, name, "ck_err_missing_column") for name in FIELDS if name not in columns]
    problems += [RowProblem(1, name, "ck_err_unknown_column") for name in columns if name not in (*FIELDS, TEXT_COLUMN)]
    return problems


def import_csv(session: Session, *, user_id: int, data: bytes, item_ids: set[str]) -> int:
    """Add the file's entries to the user's log, replacing the periods it names; returns the rows imported.

    Every row is checked first; any problem raises ChecklistRowErrors naming row and column and
    nothing is stored.
    """
    frame = read_csv(data)
    problems = _header_problems(list(frame.columns))
    if problems:
        raise ChecklistRowErrors(problems)
    if frame.empty:
        raise ChecklistError("ck_err_csv_empty")
    if len(frame) > MAX_IMPORT_ROWS:
        raise ChecklistError("ck_err_csv_too_many", n=MAX_IMPORT_ROWS)
    frame["note"] = frame["note"].map(restore_text)  # the apostrophe our export put before a formula
    records = frame[list(FIELDS)].to_dict("records")
    labels = range(2, len(records) + 2)  # spreadsheet row numbers: the header is row 1
    entries = validate_rows(zip(labels, records, strict=True), item_ids=item_ids)
    return import_entries(session, user_id=user_id, entries=list(zip(labels, entries, strict=True)))
