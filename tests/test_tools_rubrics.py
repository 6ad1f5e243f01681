"""The field tools' rubric files load, match their lessons, and broken files are reported with file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from academy.content.loader import ContentInvalid
from academy.content.rubrics import load_tool_rubrics, tool_rubrics
from academy.core.settings import ROOT
from academy.tools.clients import TOOLS, lesson_for, lesson_section


def test_rubrics_load_and_cover_the_lessons(course) -> None:
    rubrics, errors = load_tool_rubrics(ROOT / "content")
    assert errors == []
    elements = [t.id for t in course.module("m2-seven-elements").terms if t.attrs.get("kind") == "element"]
    assert [e.element for e in rubrics.scorecard.elements] == elements
    assert [a.id for a in rubrics.opportunity.assessments] == [
        "market-opportunity",
        "client-maturity",
        "competitive-position",
    ]
    # the source's five, six and six criteria; finances/budget and past relationship are each read as two
    assert [len(a.criteria) for a in rubrics.opportunity.assessments] == [5, 7, 7]
    for element in rubrics.scorecard.elements:
        assert element.low.zh and element.low.en and element.high.en and element.advice.en


def test_every_tool_has_a_lesson_that_names_it(course) -> None:
    assert [lesson_for(course, tool).id for tool in TOOLS] == [
        "m2-seven-elements",
        "m7-decision-unit",
        "m8-complex-sale",
        "m9-prospecting",
        "m8-complex-sale",
        "m7-decision-unit",
    ]
    # the two templates apply one section each: the sales strategy and plan, selling points per decision role
    assert [lesson_section(course, tool).id for tool in ("deal-plan", "call-plan")] == [
        "strategy-plan",
        "role-selling-points",
    ]


def _copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def test_a_missing_element_and_an_unknown_section_are_errors(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    path = content / "tools" / "relationship-scorecard.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("section: depth", "section: no-such-section")
    path.write_text(text, encoding="utf-8")
    rubrics, errors = load_tool_rubrics(content)
    assert rubrics is None
    assert any("no-such-section" in e.message and e.field == "elements.6" for e in errors)


def test_a_rubric_naming_a_module_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    path = content / "tools" / "opportunity-assessment.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("module: m8-complex-sale", "module: m8-complex-sales"),
        encoding="utf-8",
    )
    rubrics, errors = load_tool_rubrics(content)
    assert rubrics is None
    assert [(e.file, e.field) for e in errors] == [("content/tools/opportunity-assessment.yaml", "module")]
    assert "no module 'm8-complex-sales'" in errors[0].message


def test_a_typo_in_a_field_is_reported_with_file_and_field(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    path = content / "tools" / "opportunity-assessment.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("pass_mark: 60", "passmark: 60"), encoding="utf-8")
    rubrics, errors = load_tool_rubrics(content)
    assert rubrics is None
    fields = {(e.file, e.field) for e in errors}
    assert ("content/tools/opportunity-assessment.yaml", "passmark") in fields
    assert ("content/tools/opportunity-assessment.yaml", "pass_mark") in fields


def test_a_criterion_needs_levels_or_checks_not_both(tmp_path: Path) -> None:
    content = _copy_content(tmp_path)
    path = content / "tools" / "opportunity-assessment.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "        checks:\n          - id: volume", "        levels:\n          - id: volume", 1
    )
    text = text.replace(
        "      - id: competition\n",
        "        checks:\n          - id: x\n            text: {zh: 甲, en: A}\n      - id: competition\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    _, errors = load_tool_rubrics(content)
    assert any("either levels" in e.message for e in errors)


def test_cached_accessor_raises_with_the_errors(tmp_path: Path) -> None:
    (tmp_path / "tools").mkdir()
    with pytest.raises(ContentInvalid) as exc:
        tool_rubrics(str(tmp_path))
    assert any(e.message == "file not found" for e in exc.value.errors)
