"""Texts between the academy (Markdown, zh and en) and Moodle (HTML, Moodle's multi-language spans).

Export: Markdown becomes HTML (markdown-it, CommonMark, raw HTML escaped); both languages go into one
field as `<span lang="zh_cn" class="multilang">…</span><span lang="en" class="multilang">…</span>`, the
syntax of Moodle's standard "Multi-language content" filter, or one language per file.

Import: a field's multi-language parts are split by language (the filter's spans, and the {mlang xx}
blocks of the popular multilang2 plugin); HTML becomes Markdown (markdownify), which the app renders as
Markdown with HTML switched off. A field in one language gives the same text for zh and en.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdownify import markdownify

MOODLE_LANG = {"zh": "zh_cn", "en": "en"}  # Moodle's language pack codes
TEXT_MAX = 5000  # characters of one imported text, in either language

_markdown = MarkdownIt("commonmark", {"html": False})
_SPAN = re.compile(
    r"""<span\s+(?:lang=["']([\w-]+)["']\s+class=["']multilang["']|class=["']multilang["']\s+lang=["']([\w-]+)["'])\s*>"""
    r"(.*?)</span>",
    re.IGNORECASE | re.DOTALL,
)
_MLANG = re.compile(r"\{mlang\s+([\w,-]+)\}(.*?)\{mlang\}", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[a-zA-Z/!]")


def to_html(markdown: str) -> str:
    return _markdown.render(markdown).strip()


def to_markdown(html: str) -> str:
    """HTML to Markdown; text without tags is kept as it is (only entities decoded)."""
    if not _TAG.search(html):
        return markdownify(f"<p>{html}</p>", escape_asterisks=False, escape_underscores=False).strip()
    return markdownify(html, heading_style="ATX", bullets="-").strip()


def multilang(zh: str, en: str) -> str:
    """Both languages in one field, for Moodle's multi-language content filter."""
    return "".join(
        f'<span lang="{MOODLE_LANG[lang]}" class="multilang">{text}</span>' for lang, text in (("zh", zh), ("en", en))
    )


@dataclass(frozen=True)
class Split:
    zh: str | None
    en: str | None
    others: tuple[str, ...]  # languages found that we do not speak


def _code(lang: str) -> str:
    return lang.strip().lower().replace("-", "_")


def split_languages(raw: str) -> Split:
    """The field as a zh reader and an en reader would see it (None for a language it lacks).

    As Moodle's filter does, each language block is replaced in place by the reader's language and the
    text around the blocks stays; a field without blocks is the same in both languages.
    """
    found = [_code(m.group(1) or m.group(2)) for m in _SPAN.finditer(raw)]
    found += [_code(code) for m in _MLANG.finditer(raw) for code in m.group(1).split(",")]
    if not found:
        return Split(raw, raw, ())

    def view(prefix: str) -> str | None:
        if not any(c == prefix or c.startswith(prefix + "_") for c in found):
            return None

        def mine(langs: str, body: str) -> str:
            codes = [_code(c) for c in langs.split(",")]
            return body if any(c == prefix or c.startswith(prefix + "_") for c in codes) else ""

        text = _SPAN.sub(lambda m: mine(m.group(1) or m.group(2), m.group(3)), raw)
        return _MLANG.sub(lambda m: mine(m.group(1), m.group(2)), text)

    others = tuple(sorted({c for c in found if not c.startswith(("zh", "en"))}))
    return Split(view("zh"), view("en"), others)
