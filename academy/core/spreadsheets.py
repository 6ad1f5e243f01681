"""Tables to CSV and Excel bytes for download, shared by every export in the app.

CSV is UTF-8 with a BOM so Excel shows Chinese correctly; text a spreadsheet would run as a
formula (starting with = + - @) is made inert with a leading apostrophe.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(frame: pd.DataFrame) -> pd.DataFrame:
    def fix(value: object) -> object:
        return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value

    return frame.map(fix)


def to_csv(frame: pd.DataFrame) -> bytes:
    return inert(frame).to_csv(index=False).encode("utf-8-sig")


def to_excel(sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            inert(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()
