"""Languages: Simplified Chinese and English are written; Traditional Chinese is converted (core/hant.py)."""

from __future__ import annotations

from typing import Protocol

from academy.core.hant import VARIANTS, to_traditional
from academy.core.strings import merge_strings
from academy.core.strings.hant import HANT

LANGUAGES: dict[str, str] = {
    "zh": "简体中文",
    "zh-hant": "繁體中文（台灣）",
    "zh-hk": "繁體中文（香港）",
    "en": "English",
}
CODES = "|".join(LANGUAGES)  # for validating a stored or configured language


def pick(zh: str, en: str, lang: str) -> str:
    if lang == "en":
        return en
    return to_traditional(zh, lang) if lang in VARIANTS else zh


class Bilingual(Protocol):
    """A text written in both languages (content's L10n)."""

    zh: str
    en: str


def tr(text: Bilingual, lang: str) -> str:
    """A content text in the given language."""
    return pick(text.zh, text.en, lang)


def language_from_locale(locale: str | None, default: str) -> str:
    """Map a browser locale (e.g. zh-CN, zh-TW, en-US) to one of our languages."""
    if not locale:
        return default
    loc = locale.lower().replace("_", "-")
    if loc.startswith("en"):
        return "en"
    if loc.startswith("zh"):
        if any(tag in loc for tag in ("-hk", "-mo")):
            return "zh-hk"
        return "zh-hant" if any(tag in loc for tag in ("hant", "-tw")) else "zh"
    return default


def t(key: str, lang: str, **params: object) -> str:
    """A UI string in the given language, with {placeholders} filled in."""
    zh, en = STRINGS[key]
    text = HANT[key] if lang in VARIANTS and key in HANT else pick(zh, en, lang)
    return text.format(**params) if params else text


STRINGS: dict[str, tuple[str, str]] = merge_strings()
