"""Text people type, made safe to store and show to others: no invisible or direction-changing characters.

A right-to-left override (U+202E) in one name reverses the names after it on a shared screen;
zero-width characters make two names look alike. Names lose every control (Cc) and format (Cf)
character when they are typed, and longer texts keep only line breaks and tabs.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_KEEP_IN_TEXT = {"\n", "\t"}


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf")


def clean_name(value: str) -> str:
    """A one-line name: controls and format characters dropped, whitespace runs made one space, trimmed."""
    kept = "".join(" " if ch in "\t\r\n" else ch for ch in value if ch in "\t\r\n" or not _invisible(ch))
    return _SPACES.sub(" ", kept).strip()


def clean_text(value: str) -> str:
    """A longer text (a note, a reflection): the same, but line breaks and tabs stay; trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in _KEEP_IN_TEXT or not _invisible(ch)).strip()


def has_nul(*values: str) -> bool:
    """PostgreSQL cannot store a NUL character: callers refuse it with a message instead of failing."""
    return any("\x00" in v for v in values)
