"""Pydantic schema of the course files. Every model forbids unknown keys so a typo is an error."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from academy.content.reading import reading_minutes

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

LANGS = ("zh", "en")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class L10n(Strict):
    """A learner-facing text in Simplified Chinese and English (Traditional is derived from zh)."""

    zh: Text
    en: Text

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Section(Strict):
    id: Slug
    title: L10n
    body: L10n  # Markdown


class Term(Strict):
    """A named item of a framework (an element, a seller type, a personality...).

    `attrs` carries the facts diagrams and tests rely on, e.g. {"control": "high"} or {"old": 40}.
    """

    id: Slug
    name: L10n
    definition: L10n
    attrs: dict[str, str | int | float] = Field(default_factory=dict)


class Case(Strict):
    title: L10n
    scenario: L10n
    question: L10n
    discussion: L10n


class Reflection(Strict):
    id: Slug
    prompt: L10n


class Module(Strict):
    id: Slug
    title: L10n
    summary: L10n
    sections: list[Section] = Field(min_length=1)
    takeaways: list[L10n] = Field(min_length=1)
    terms: list[Term] = Field(default_factory=list)
    diagrams: list[Slug] = Field(default_factory=list)
    case: Case
    reflections: list[Reflection] = Field(min_length=1)
    tool: Slug | None = None  # the field tool that applies this module, if any

    @property
    def minutes(self) -> int:
        """Reading time derived from the text (academy/content/reading.py), never written by hand."""
        return reading_minutes(self)

    @model_validator(mode="after")
    def _unique_ids(self) -> Module:
        for label, ids in (
            ("sections", [s.id for s in self.sections]),
            ("terms", [t.id for t in self.terms]),
            ("reflections", [r.id for r in self.reflections]),
        ):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"duplicate {label} id(s): {', '.join(dupes)}")
        return self


class Manifest(Strict):
    """content/course.yaml: the modules in recommended onboarding order."""

    title: L10n
    modules: list[Slug] = Field(min_length=1)


class TrainedBy(Strict):
    """Where a behaviour is taught or practised: a lesson section (module and section) or a role-play."""

    module: Slug | None = None
    section: Slug | None = None
    roleplay: Slug | None = None  # the id of a scenario in content/roleplays/

    @model_validator(mode="after")
    def _one_target(self) -> TrainedBy:
        lesson = self.module is not None or self.section is not None
        if lesson and (self.module is None or self.section is None):
            raise ValueError("a lesson link needs both module and section")
        if lesson == (self.roleplay is not None):
            raise ValueError("give either module and section, or roleplay")
        return self


class HowTo(Strict):
    """A behaviour's how-to card: what it means, doing it well and badly, and where the course trains it.

    The links are checked against the modules and role-plays when the course loads.
    """

    means: L10n
    well: L10n  # a short example of doing it well
    badly: L10n  # ... and of doing it badly
    trained_by: list[TrainedBy] = Field(min_length=1, max_length=3)  # the first is the main one


class ChecklistItem(Strict):
    id: Slug
    text: L10n
    howto: HowTo


class ChecklistGroup(Strict):
    id: Slug
    title: L10n
    items: list[ChecklistItem] = Field(min_length=1)


class Checklist(Strict):
    groups: list[ChecklistGroup] = Field(min_length=1)


class Option(Strict):
    id: Slug
    text: L10n


QuestionType = Literal["single", "multiple", "true_false", "scenario", "matching", "ordering"]
QuestionKind = Literal["recall", "application"]


class Question(Strict):
    """One quiz question. Which fields are needed depends on `type`:

    - single / scenario / true_false: `options` and exactly one id in `answer`
    - multiple: `options` and one or more ids in `answer`
    - matching: `left` and `right`, the i-th left item matching the i-th right item (shown shuffled)
    - ordering: `options` listed in the correct order
    """

    id: Slug
    type: QuestionType
    section: Slug  # the lesson section this question tests
    prompt: L10n
    options: list[Option] = Field(default_factory=list)
    answer: list[Slug] = Field(default_factory=list)
    left: list[L10n] = Field(default_factory=list)
    right: list[L10n] = Field(default_factory=list)
    explanation: L10n
    # what the question asks of the learner: recall a fact, or apply it to a situation (a decision, a
    # calculation, a diagnosis). Scenarios are application by nature; the rest default to recall.
    kind: QuestionKind | None = None
    checklist: list[Slug] = Field(default_factory=list)  # ids of the checklist behaviours this question tests

    @property
    def is_application(self) -> bool:
        return self.type == "scenario" or self.kind == "application"

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type == "scenario" and self.kind == "recall":
            raise ValueError("a scenario question is always kind: application")
        if len(set(self.checklist)) != len(self.checklist):
            raise ValueError("checklist names an item twice")
        option_ids = [o.id for o in self.options]
        if len(set(option_ids)) != len(option_ids):
            raise ValueError("duplicate option ids")
        if self.type == "matching":
            if len(self.left) != len(self.right):
                raise ValueError(f"matching sides are unequal: {len(self.left)} left, {len(self.right)} right")
            if len(self.left) < 2:
                raise ValueError("a matching question needs at least two pairs")
            if self.options or self.answer:
                raise ValueError("a matching question uses left and right, not options or answer")
            return self
        if self.left or self.right:
            raise ValueError(f"a {self.type} question takes no left/right lists")
        if len(self.options) < 2:
            raise ValueError("needs at least two options")
        if self.type == "ordering":
            if self.answer:
                raise ValueError("an ordering question lists its options in the correct order; no answer")
            return self
        if self.type == "true_false" and len(self.options) != 2:
            raise ValueError("a true_false question has exactly two options")
        missing = [a for a in self.answer if a not in option_ids]
        if missing:
            raise ValueError(f"answer {', '.join(missing)} is not among the options")
        if not self.answer:
            raise ValueError("answer is empty")
        if self.type != "multiple" and len(self.answer) != 1:
            raise ValueError(f"a {self.type} question has exactly one answer")
        return self


class QuestionBank(Strict):
    """assessments/<module-id>.yaml"""

    module: Slug
    questions: list[Question] = Field(min_length=1)


class GlossaryTerm(Strict):
    """The one name of a framework term (a term of a module), and English variants to avoid."""

    module: Slug
    term: Slug
    name: L10n  # must equal the module term's name (English compared ignoring case)
    avoid: list[Text] = Field(default_factory=list)  # English variants that would rename the term

    @model_validator(mode="after")
    def _avoid_is_not_the_name(self) -> GlossaryTerm:
        if any(v.casefold() == self.name.en.casefold() for v in self.avoid):
            raise ValueError(f"avoid lists the term's own name '{self.name.en}'")
        return self


class Glossary(Strict):
    """content/glossary.yaml: fixes the zh and en name of every framework term."""

    terms: list[GlossaryTerm] = Field(min_length=1)


class SurveyItem(Strict):
    """One statement rated on the questionnaire's scale; `reverse` items count against their dimension."""

    id: Slug
    text: L10n
    dimension: Slug
    reverse: bool = False


class Dimension(Strict):
    id: Slug
    name: L10n
    advice: L10n  # what to work on when this dimension is weak (or, for styles, how to sell to it)


class Questionnaire(Strict):
    """assessments/self/<id>.yaml: a self-assessment rated on a 1..scale Likert scale."""

    id: Slug
    title: L10n
    intro: L10n
    scale: int = Field(default=5, ge=3, le=7)
    low_label: L10n  # what the lowest point of the scale means
    high_label: L10n
    dimensions: list[Dimension] = Field(min_length=1)
    items: list[SurveyItem] = Field(min_length=1)
    module: Slug  # the lesson that explains the framework and how the scoring works

    @model_validator(mode="after")
    def _items_measure_known_dimensions(self) -> Questionnaire:
        known = {d.id for d in self.dimensions}
        unknown = sorted({i.dimension for i in self.items} - known)
        if unknown:
            raise ValueError(f"items refer to unknown dimension(s): {', '.join(unknown)}")
        empty = [d.id for d in self.dimensions if not any(i.dimension == d.id for i in self.items)]
        if empty:
            raise ValueError(f"dimension(s) without items: {', '.join(empty)}")
        ids = [i.id for i in self.items]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate item id(s): {', '.join(dupes)}")
        return self
