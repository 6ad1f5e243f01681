"""Languages: Simplified Chinese and English are written; Traditional Chinese is converted with OpenCC."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

import opencc

from academy.core.strings import merge_strings

LANGUAGES: dict[str, str] = {"zh": "简体中文", "zh-hant": "繁體中文", "en": "English"}


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2twp")  # Taiwan standard with phrases, the most widely read Traditional form


@lru_cache(maxsize=20_000)
def to_traditional(text: str) -> str:
    return _converter().convert(text)


def pick(zh: str, en: str, lang: str) -> str:
    if lang == "en":
        return en
    return to_traditional(zh) if lang == "zh-hant" else zh


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
        return "zh-hant" if any(tag in loc for tag in ("hant", "-tw", "-hk", "-mo")) else "zh"
    return default


def t(key: str, lang: str, **params: object) -> str:
    """A UI string in the given language, with {placeholders} filled in."""
    zh, en = STRINGS[key]
    text = pick(zh, en, lang)
    return text.format(**params) if params else text


STRINGS: dict[str, tuple[str, str]] = merge_strings()
