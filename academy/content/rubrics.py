"""The field tools' bilingual data (content/tools/*.yaml): scorecard rubrics and opportunity criteria.

Validated like the course files (strict pydantic, every error with file and field) and cross-checked
against the module each tool applies, so an element or section id that the lesson lacks is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator

from academy.content.files import ContentError, ContentInvalid, parse_file, relative_name
from academy.content.schema import L10n, Module, Slug, Strict

SCORECARD_FILE = "tools/relationship-scorecard.yaml"
OPPORTUNITY_FILE = "tools/opportunity-assessment.yaml"


def _dupes(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


class ElementRubric(Strict):
    element: Slug  # a term of the module with kind "element"
    section: Slug  # the lesson section that teaches it
    low: L10n  # what a low score looks like
    high: L10n  # what a high score looks like
    advice: L10n  # what to do when this is a contact's weakest element


class ScorecardRubric(Strict):
    module: Slug
    scale: int = Field(default=5, ge=3, le=10)  # scores run 1..scale
    elements: list[ElementRubric] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ScorecardRubric:
        dupes = _dupes([e.element for e in self.elements])
        if dupes:
            raise ValueError(f"duplicate element(s): {', '.join(dupes)}")
        return self

    def element(self, element_id: str) -> ElementRubric:
        return next(e for e in self.elements if e.element == element_id)


class Choice(Strict):
    id: Slug
    text: L10n


class Criterion(Strict):
    """Either `levels` (most favourable first) or `checks` (each one that holds counts in favour)."""

    id: Slug
    name: L10n
    hint: L10n | None = None
    levels: list[Choice] = Field(default_factory=list)
    checks: list[Choice] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_kind(self) -> Criterion:
        if bool(self.levels) == bool(self.checks):
            raise ValueError("give either levels (two or more) or checks, not both")
        if self.levels and len(self.levels) < 2:
            raise ValueError("a criterion needs at least two levels")
        dupes = _dupes([c.id for c in self.levels or self.checks])
        if dupes:
            raise ValueError(f"duplicate choice id(s): {', '.join(dupes)}")
        return self

    @property
    def choices(self) -> list[Choice]:
        return self.levels or self.checks


class Assessment(Strict):
    id: Slug  # a term of the module with kind "assessment"
    section: Slug
    go: L10n  # the recommendation when it passes: invest / enter now / compete
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Assessment:
        dupes = _dupes([c.id for c in self.criteria])
        if dupes:
            raise ValueError(f"duplicate criterion id(s): {', '.join(dupes)}")
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)


class OpportunityRubric(Strict):
    module: Slug
    pass_mark: int = Field(ge=1, le=100)  # a tool's score (0..100) at or above this passes
    assessments: list[Assessment] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> OpportunityRubric:
        dupes = _dupes([a.id for a in self.assessments])
        if dupes:
            raise ValueError(f"duplicate assessment id(s): {', '.join(dupes)}")
        return self

    def assessment(self, assessment_id: str) -> Assessment:
        return next(a for a in self.assessments if a.id == assessment_id)


@dataclass(frozen=True)
class ToolRubrics:
    scorecard: ScorecardRubric
    opportunity: OpportunityRubric


def _module(content_dir: Path, module_id: str, where: str, errors: list[ContentError]) -> Module | None:
    path = content_dir / "modules" / f"{module_id}.yaml"
    if not path.exists():
        errors.append(
            ContentError(where, "module", f"no module '{module_id}' (expected {relative_name(path, content_dir)})")
        )
        return None
    # The course loader reports a broken module itself; here it only serves the cross-check.
    return parse_file(path, Module, content_dir, [])


def _check_against(
    module: Module | None,
    where: str,
    kind: str,
    refs: list[tuple[str, str, str]],
    errors: list[ContentError],
    *,
    complete: bool,
) -> None:
    """refs: (field, term id, section id). Each must exist in the module; `complete` asks for every term of `kind`."""
    if module is None:
        return
    terms = [t.id for t in module.terms if t.attrs.get("kind") == kind]
    sections = {s.id for s in module.sections}
    for field, term_id, section_id in refs:
        if term_id not in terms:
            errors.append(ContentError(where, field, f"'{term_id}' is not a {kind} term of module '{module.id}'"))
        if section_id not in sections:
            errors.append(
                ContentError(where, field, f"section '{section_id}' is not a section of module '{module.id}'")
            )
    missing = [t for t in terms if t not in {r[1] for r in refs}]
    if complete and missing:
        errors.append(ContentError(where, "(file)", f"no entry for {kind}(s): {', '.join(missing)}"))


def load_tool_rubrics(content_dir: Path) -> tuple[ToolRubrics | None, list[ContentError]]:
    """Parse and cross-check content/tools/; returns the rubrics (None on any error) and every error found."""
    errors: list[ContentError] = []
    scorecard = parse_file(content_dir / SCORECARD_FILE, ScorecardRubric, content_dir, errors)
    if scorecard is not None:
        refs = [(f"elements.{i}", e.element, e.section) for i, e in enumerate(scorecard.elements)]
        where = relative_name(content_dir / SCORECARD_FILE, content_dir)
        _check_against(
            _module(content_dir, scorecard.module, where, errors), where, "element", refs, errors, complete=True
        )
    opportunity = parse_file(content_dir / OPPORTUNITY_FILE, OpportunityRubric, content_dir, errors)
    if opportunity is not None:
        refs = [(f"assessments.{i}", a.id, a.section) for i, a in enumerate(opportunity.assessments)]
        where = relative_name(content_dir / OPPORTUNITY_FILE, content_dir)
        _check_against(
            _module(content_dir, opportunity.module, where, errors), where, "assessment", refs, errors, complete=True
        )
    if errors or scorecard is None or opportunity is None:
        return None, errors
    return ToolRubrics(scorecard=scorecard, opportunity=opportunity), errors


@lru_cache(maxsize=4)
def tool_rubrics(content_dir: str) -> ToolRubrics:
    """The rubrics, loaded once per process and content directory; raises ContentInvalid listing the errors."""
    rubrics, errors = load_tool_rubrics(Path(content_dir))
    if rubrics is None:
        raise ContentInvalid(errors)
    return rubrics
