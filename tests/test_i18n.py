from __future__ import annotations

import pytest

from academy.content.schema import L10n
from academy.core.i18n import language_from_locale, t, tr


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("zh-CN", "zh"),
        ("zh", "zh"),
        ("zh-TW", "zh-hant"),
        ("zh-Hant-HK", "zh-hk"),
        ("zh-MO", "zh-hk"),
        ("zh-Hant", "zh-hant"),
        ("en-US", "en"),
        ("en", "en"),
        ("fr-FR", "zh"),
        (None, "zh"),
    ],
)
def test_language_follows_the_browser_locale(locale, expected) -> None:
    assert language_from_locale(locale, default="zh") == expected


def test_traditional_is_converted_from_simplified() -> None:
    text = L10n(zh="大客户销售学院：关系经营", en="Key Account Academy")
    assert tr(text, "zh-hant") == "大客戶銷售學院：關係經營"
    assert tr(text, "zh") == "大客户销售学院：关系经营"
    assert tr(text, "en") == "Key Account Academy"


def test_ui_strings_fill_placeholders_in_each_language() -> None:
    assert t("home_greeting", "en", name="Li") == "Hello, Li"
    assert t("home_greeting", "zh-hant", name="李") == "你好，李"
