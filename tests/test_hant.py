"""Traditional Chinese that a Taiwan or Hong Kong reader accepts: the whole course and UI, converted.

The denylist holds every wrong conversion seen so far (from OpenCC's s2twp phrase table and from
its base dictionary); a new one found by a reader goes here first, then into academy/core/hant.py.
"""

from __future__ import annotations

import re
import string

import pytest
import yaml

from academy.core.hant import to_traditional
from academy.core.i18n import STRINGS, t, tr
from academy.core.settings import ROOT
from academy.core.strings.hant import HANT

DENYLIST = [
    # s2twp's Taiwan IT phrases in sales prose
    "迴圈",
    "物件",
    "關聯式資料庫",
    "推匯出",
    "型別",
    "引數",
    "許可權",
    "高階",
    "支援",
    "程式碼",
    # base-dictionary errors
    "隻是",
    "隻有",
    "隻要",
    "隻能",
    "隻看",
    "隻想",
    "隻問",
    "隻認",
    "隻盯",
    "隻替",
    "隻為",
    "隻聽",
    "先舍",
    "麵子",
    "當麵",
    "采購",
    "准備",
    "周例會",
    "按周",
    "達標周",
    "髮送",
    "籤約",
    "籤字",
    "籤了",
    "儘快籤",
    "不籤",
]
TAIWAN_ONLY = ["賬"]  # Taiwan writes 帳
ROW_COLUMN = [r"第 \{\w+\} 行", r"\{column\} 列", "這一列", "多一列", "最多 \\{n\\} 行"]


def _texts(node: object) -> list[str]:
    """Every Simplified Chinese text in a content file (the zh of each zh/en pair)."""
    if isinstance(node, dict):
        found = [node["zh"]] if isinstance(node.get("zh"), str) and "en" in node else []
        return found + [x for value in node.values() for x in _texts(value)]
    if isinstance(node, list):
        return [x for value in node for x in _texts(value)]
    return []


COURSE = [
    text
    for folder in ("content", "assessments")
    for path in sorted((ROOT / folder).rglob("*.yaml"))
    for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8")))
]


@pytest.mark.parametrize("variant", ["zh-hant", "zh-hk"])
def test_no_known_mistake_in_the_converted_course_and_ui(variant: str) -> None:
    deny = DENYLIST + (TAIWAN_ONLY if variant == "zh-hant" else [])
    found = {}
    for converted in [to_traditional(text, variant) for text in COURSE] + [t(key, variant) for key in STRINGS]:
        for bad in deny:
            if bad in converted:
                found.setdefault(bad, converted[max(0, converted.index(bad) - 8) : converted.index(bad) + 8])
    assert not found, found


@pytest.mark.parametrize("variant", ["zh-hant", "zh-hk"])
def test_rows_and_columns_are_named_the_taiwan_and_hong_kong_way(variant: str) -> None:
    wrong = [key for key in STRINGS if any(re.search(p, t(key, variant)) for p in ROW_COLUMN)]
    assert not wrong
    assert t("ck_problem", variant, row=3, column="note", message="x") == "第 3 列，note 欄：x"


def test_each_written_out_string_exists_and_keeps_its_placeholders() -> None:
    fields = string.Formatter()
    for key, text in HANT.items():
        assert key in STRINGS, key
        simplified = {f for _, f, _, _ in fields.parse(STRINGS[key][0]) if f}
        assert {f for _, f, _, _ in fields.parse(text) if f} == simplified, key


@pytest.mark.parametrize(
    ("simplified", "taiwan", "hong_kong"),
    [
        ("销售循环", "銷售循環", "銷售循環"),
        ("先舍后得", "先捨後得", "先捨後得"),
        ("不是只看签没签", "不是只看簽沒簽", "不是只看簽沒簽"),
        ("给人贴标签", "給人貼標籤", "給人貼標籤"),
        ("一只老虎", "一隻老虎", "一隻老虎"),
        ("顾及对方的面子", "顧及對方的面子", "顧及對方的面子"),
        ("每 16 周复盘一次", "每 16 週復盤一次", "每 16 週復盤一次"),
        ("小周的想法很周到", "小周的想法很周到", "小周的想法很周到"),
        ("创建账户", "創建帳戶", "創建賬户"),
    ],
)
def test_words_this_course_uses(simplified: str, taiwan: str, hong_kong: str) -> None:
    assert to_traditional(simplified, "zh-hant") == taiwan
    assert to_traditional(simplified, "zh-hk") == hong_kong


def test_content_text_follows_the_chosen_variant() -> None:
    from academy.content.schema import L10n

    assert tr(L10n(zh="创建账户", en="Create an account"), "zh-hk") == to_traditional("创建账户", "zh-hk")
