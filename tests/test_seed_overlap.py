"""Content hygiene: the course says everything in its own words, never in the seed articles' sentences.

Every Chinese text of the course (modules, question banks, checklist, glossary, self-assessments,
tool rubrics) is compared with the seed articles it was written from: no field may share RUN or more
consecutive characters with them once punctuation and whitespace are dropped. The frameworks'
names, lists and numbers carry over, but no run that long is a name or a number.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import opencc
import pytest
import yaml

from academy.core.settings import ROOT
from tests.conftest import missing

RUN = 20
# the seeds sit beside the repository (../shared/seeds); on the shared machine also at /work/shared
SEED_DIRS = (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds"))
TEXT_DIRS = ("content", "assessments")


def normalise(text: str) -> str:
    """Letters and digits only, Latin in lower case: punctuation and spacing can't hide a copied run."""
    return "".join(ch.lower() for ch in text if unicodedata.category(ch)[0] in "LN")


@cache
def seed_shingles() -> frozenset[str]:
    folder = next((d for d in SEED_DIRS if d.is_dir() and any(d.glob("*.txt"))), None)
    if folder is None:
        missing(f"the seed articles are not at {' or '.join(str(d) for d in SEED_DIRS)}")
    to_simplified = opencc.OpenCC("t2s")  # one seed is in Traditional characters; the course is Simplified
    shingles: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        text = normalise(to_simplified.convert(path.read_text("utf-8")))
        shingles.update(text[i : i + RUN] for i in range(len(text) - RUN + 1))
    return frozenset(shingles)


def zh_texts(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every Chinese string in a parsed YAML file: the value of each `zh` key."""
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{where}.{key}" if where else str(key)
            if key == "zh" and isinstance(value, str):
                yield where, value
            else:
                yield from zh_texts(value, path)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from zh_texts(value, f"{where}.{i}" if where else str(i))


def shared_run(text: str, shingles: frozenset[str]) -> str | None:
    """The longest run of the normalised text found in the seeds, if it reaches RUN characters."""
    norm = normalise(text)
    best = ""
    i = 0
    while i + RUN <= len(norm):
        if norm[i : i + RUN] in shingles:
            j = i + RUN
            while j < len(norm) and norm[j - RUN + 1 : j + 1] in shingles:
                j += 1  # consecutive shingles: the copied run goes on
            best = max(best, norm[i:j], key=len)
            i = j
        else:
            i += 1
    return best or None


def course_files() -> list[Path]:
    return sorted(p for d in TEXT_DIRS for p in (ROOT / d).rglob("*.yaml"))


@pytest.mark.parametrize("path", course_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_course_text_copies_a_seed_sentence(path: Path) -> None:
    shingles = seed_shingles()
    data = yaml.safe_load(path.read_text("utf-8"))
    copied = [(field, run) for field, text in zh_texts(data) if (run := shared_run(text, shingles))]
    assert not copied, f"{path.relative_to(ROOT)}: say these in your own words:\n" + "\n".join(
        f"  {field}: {len(run)} characters shared with a seed: {run}" for field, run in copied
    )


def test_the_check_finds_a_copied_run_through_punctuation_and_traditional_characters() -> None:
    shingles = frozenset(
        normalise("关系经营是一切大客户销售技巧的根本只有和关键人建立信任关系")[i : i + RUN] for i in range(12)
    )
    assert shared_run("关系经营，是一切大客户销售技巧的根本！只有和关键人", shingles)
    assert shared_run("和关键人建立信任，是做大客户的前提。", shingles) is None
    assert list(zh_texts({"a": [{"zh": "文", "en": "text"}]})) == [("a.0", "文")]
    assert normalise("A 键，b。") == "a键b"


def test_the_seeds_are_found() -> None:
    assert len(seed_shingles()) > 10_000
