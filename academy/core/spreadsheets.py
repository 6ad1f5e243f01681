"""Tables to CSV and Excel bytes for download, shared by every export in the app.

CSV is UTF-8 with a BOM so Excel shows Chinese correctly; text a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) is made inert with a leading
apostrophe. Text that starts with an apostrophe gets one more, so `restore_text` turns every
exported cell back into exactly what was stored (the checklist's CSV import uses it).
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED_START = (*FORMULA_START, "'")


def inert_text(value: object) -> object:
    return f"'{value}" if isinstance(value, str) and value.startswith(_ESCAPED_START) else value


def restore_text(value: object) -> object:
    """The inverse of `inert_text`, for reading back a file we wrote."""
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


def inert(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.map(inert_text)


def to_csv(frame: pd.DataFrame) -> bytes:
    return inert(frame).to_csv(index=False).encode("utf-8-sig")


def to_excel(sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            inert(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()
