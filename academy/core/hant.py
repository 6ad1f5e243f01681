"""Traditional Chinese from the Simplified text: OpenCC, then a short table of its known mistakes.

Why `s2tw` and `s2hk`, not `s2twp`: the "phrases" table behind `s2twp` rewrites mainland IT terms
into Taiwan IT terms, and in sales prose that turns 销售循环 (the sales cycle) into 銷售迴圈 (a
programming loop), 对象 (a person to win) into 物件, 参数 into 引數, 支持 into 支援. Character-level
conversion keeps the author's words. What it gets wrong is a few one-to-many characters (只/隻,
签/簽/籤, 面/麵, 周/週, 舍/捨) that the fixes below settle for the words this course uses, and Taiwan's
帳 for 賬. `tests/test_hant.py` converts the whole course and the UI and fails on every mistake
that has been seen.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

VARIANTS = {"zh-hant": "s2tw", "zh-hk": "s2hk"}  # our language code -> OpenCC configuration

# (pattern, replacement) applied in order after OpenCC, in both variants.
FIXES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"(?<![一兩二三四五六七八九十幾每這那])隻", "只"),  # 只 "only"; 隻 is a counter for animals
        (r"(?<![標抽書])籤", "簽"),  # 签约, 签字: sign; 標籤 (a label) and 抽籤 (draw lots) keep 籤
        (r"麵子", "面子"),  # face, not noodles
        (r"當麵", "當面"),  # 当面点破: in person, not 麵點 (pastry)
        (r"和麵向", "和面向"),
        (r"髮送", "發送"),  # 换发送: send, not hair
        (r"采購", "採購"),  # purchasing
        (r"准備", "準備"),  # prepare (批准, approve, keeps 准)
        (r"先舍", "先捨"),  # 先舍后得: give first, gain later
        (r"沖銷量", "衝銷量"),
        # 周 meaning "week" (names like 小周 and words like 周到, 四周 keep 周)
        (r"周例會", "週例會"),
        (r"按周", "按週"),
        (r"同一周", "同一週"),
        (r"達標周", "達標週"),
        (r"遲了四周", "遲了四週"),
        (r"(\d|\})( ?)周", r"\1\2週"),  # "16 周", "{n} 周"
    ]
]
# Taiwan writes 帳 (帳戶, 算帳); Hong Kong keeps 賬.
TAIWAN_FIXES: list[tuple[re.Pattern[str], str]] = [(re.compile("賬"), "帳")]


@lru_cache(maxsize=len(VARIANTS))
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=40_000)
def to_traditional(text: str, variant: str = "zh-hant") -> str:
    """`text` (Simplified) in Traditional Chinese as read in Taiwan (zh-hant) or Hong Kong (zh-hk)."""
    converted = _converter(VARIANTS[variant]).convert(text)
    for pattern, replacement in FIXES + (TAIWAN_FIXES if variant == "zh-hant" else []):
        converted = pattern.sub(replacement, converted)
    return converted
