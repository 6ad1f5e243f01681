"""The one escaping helper and the input cleaning: other people's text shows as the characters typed."""

from __future__ import annotations

import pytest

from academy.core.text import clean_name, clean_text
from academy.ui.widgets import WORD_JOINER, plain


@pytest.mark.parametrize(
    "typed",
    [
        "![x](http://127.0.0.1:9/image.png)",
        "[win](https://example.com)",
        "<img src=x onerror=alert(1)>",
        "# Heading",
        r"$$\Huge \text{HUGE}$$",
        ":red-background[boxed] :material/home:",
        "**bold** _it_ ~~gone~~ `code`",
        "1. not a list",
        "- not a bullet",
        "&lt;b&gt; &amp;",
        "www.example.com",
        "mail me at a@b.co",
    ],
)
def test_markdown_and_link_syntax_is_escaped(typed: str) -> None:
    shown = plain(typed)
    # every Markdown control character is escaped; addresses get an invisible word joiner
    unescaped = shown.replace(WORD_JOINER, "")
    assert unescaped.replace("\\", "") == typed.replace("\\", "")
    for ch in "[]()#$*_`<>!&:~":
        assert f"{ch}" not in unescaped.replace(f"\\{ch}", "")
    assert "://" not in shown and "www." not in shown.lower()
    assert "@" not in shown or f"{WORD_JOINER}@" in shown


def test_direction_and_zero_width_characters_are_dropped() -> None:
    assert plain("\u202eevil\u200b \u2066name\u2069") == "evil name"
    assert clean_name("  Ann\t\u200dLee\n ") == "Ann Lee"
    assert clean_name("\x00\u202e\u200b") == ""
    assert clean_text("line one\r\nline two\u202e\x00\ttab") == "line one\nline two\ttab"
