"""Load content/ and assessments/ into a validated Course, collecting every error with file and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from academy.content.files import ContentError, ContentInvalid, parse_file, relative_name
from academy.content.roleplay import (
    DIMENSIONS_FILE,
    DimensionRegistry,
    Roleplay,
    RoleplayDimension,
    UniqueKeyLoader,
    check_dimensions,
    check_roleplay,
)
from academy.content.rubrics import load_tool_rubrics
from academy.content.schema import (
    Checklist,
    Glossary,
    GlossaryTerm,
    Manifest,
    Module,
    Question,
    QuestionBank,
    Questionnaire,
)

# Question ids starting with this belong to trainers' question sets (academy.learning.question_sets).
RESERVED_QUESTION_PREFIX = "set-"


@dataclass(frozen=True)
class Course:
    manifest: Manifest
    modules: list[Module]  # in manifest order
    checklist: Checklist
    banks: dict[str, QuestionBank] = field(default_factory=dict)  # module id -> bank
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)  # self-assessments by id
    glossary: list[GlossaryTerm] = field(default_factory=list)  # content/glossary.yaml, if present
    roleplays: dict[str, Roleplay] = field(default_factory=dict)  # branching role-plays by id
    roleplay_dimensions: dict[str, RoleplayDimension] = field(default_factory=dict)  # what role-plays score, by id

    def module(self, module_id: str) -> Module:
        return self._module_index[module_id]

    # Indexes built once per loaded course (content does not change under a running process): a
    # live quiz looks a question up for every phone on every poll, and a scan of ~160 was a hot spot.
    @cached_property
    def _module_index(self) -> dict[str, Module]:
        return {m.id: m for m in self.modules}

    @cached_property
    def _question_index(self) -> dict[str, tuple[Question, str]]:
        """question id -> (question, the id of the module whose bank holds it)."""
        return {q.id: (q, module_id) for module_id, bank in self.banks.items() for q in bank.questions}

    def questions(self, module_id: str | None = None) -> list[Question]:
        if module_id is not None:
            bank = self.banks.get(module_id)
            return list(bank.questions) if bank else []
        return [q for m in self.modules for q in self.questions(m.id)]

    def question(self, question_id: str) -> Question:
        """A bank question by id (KeyError for an id the bank no longer has)."""
        return self._question_index[question_id][0]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._question_index

    def module_of(self, question_id: str) -> Module:
        """The module whose question bank holds this question."""
        return self.module(self._question_index[question_id][1])

    def roleplays_for(self, module_id: str) -> list[Roleplay]:
        """The role-plays that train (and count towards) a module, by id."""
        return [r for _, r in sorted(self.roleplays.items()) if r.module == module_id]

    def checklist_items(self) -> list[tuple[str, str]]:
        """(group id, item id) in checklist order."""
        return [(g.id, i.id) for g in self.checklist.groups for i in g.items]

    def counts(self) -> dict[str, int]:
        return {
            "modules": len(self.modules),
            "sections": sum(len(m.sections) for m in self.modules),
            "terms": sum(len(m.terms) for m in self.modules),
            "questions": len(self.questions()),
            "checklist_groups": len(self.checklist.groups),
            "checklist_items": len(self.checklist_items()),
            "questionnaires": len(self.questionnaires),
            "roleplays": len(self.roleplays),
        }


def load_course(content_dir: Path, assessments_dir: Path) -> Course:
    """Load and cross-check everything; raise ContentInvalid listing every problem found."""
    errors: list[ContentError] = []
    manifest_path = content_dir / "course.yaml"
    manifest = parse_file(manifest_path, Manifest, content_dir, errors)
    checklist = parse_file(content_dir / "checklist.yaml", Checklist, content_dir, errors)

    modules: dict[str, Module] = {}
    module_files = sorted((content_dir / "modules").glob("*.yaml"))
    for path in module_files:
        module = parse_file(path, Module, content_dir, errors)
        if module is not None and module.id != path.stem:
            errors.append(
                ContentError(
                    relative_name(path, content_dir), "id", f"'{module.id}' must match the file name '{path.stem}'"
                )
            )
        elif module is not None:
            modules[module.id] = module
    # a module whose file exists but is broken already has its error; don't report its dependants too
    broken = {p.stem for p in module_files} - set(modules)

    if manifest is not None:
        seen: set[str] = set()
        for i, mid in enumerate(manifest.modules):
            where = relative_name(manifest_path, content_dir)
            if mid in seen:
                errors.append(ContentError(where, f"modules.{i}", f"module '{mid}' is listed twice"))
            seen.add(mid)
            if mid not in modules and mid not in broken:
                errors.append(ContentError(where, f"modules.{i}", f"module '{mid}' has no file modules/{mid}.yaml"))
        for mid in sorted((set(modules) | broken) - seen):
            errors.append(
                ContentError(
                    relative_name(manifest_path, content_dir),
                    "modules",
                    f"module '{mid}' is not listed in the manifest",
                )
            )

    if checklist is not None:
        where = relative_name(content_dir / "checklist.yaml", content_dir)
        ids = [i.id for g in checklist.groups for i in g.items] + [g.id for g in checklist.groups]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            errors.append(ContentError(where, "groups", f"duplicate id '{dup}'"))

    banks: dict[str, QuestionBank] = {}
    question_files: dict[str, str] = {}
    for path in sorted(assessments_dir.glob("*.yaml")) if assessments_dir.is_dir() else []:
        bank = parse_file(path, QuestionBank, assessments_dir, errors)
        if bank is None:
            continue
        where = relative_name(path, assessments_dir)
        module = modules.get(bank.module)
        if module is None and bank.module in broken:
            continue
        if module is None:
            errors.append(ContentError(where, "module", f"unknown module '{bank.module}'"))
            continue
        if bank.module in banks:
            errors.append(ContentError(where, "module", f"module '{bank.module}' already has a question file"))
            continue
        section_ids = {s.id for s in module.sections}
        checklist_ids = {i.id for g in checklist.groups for i in g.items} if checklist is not None else None
        for i, q in enumerate(bank.questions):
            if q.id in question_files:
                errors.append(
                    ContentError(
                        where, f"questions.{i}.id", f"duplicate question id '{q.id}' (also in {question_files[q.id]})"
                    )
                )
            question_files[q.id] = where
            if q.id.startswith(RESERVED_QUESTION_PREFIX):
                errors.append(
                    ContentError(
                        where,
                        f"questions.{i}.id",
                        f"'{q.id}': ids starting with '{RESERVED_QUESTION_PREFIX}' are kept for trainers' sets",
                    )
                )
            if q.section not in section_ids:
                errors.append(
                    ContentError(
                        where, f"questions.{i}.section", f"'{q.section}' is not a section of module '{module.id}'"
                    )
                )
            for j, item in enumerate(q.checklist):
                if checklist_ids is not None and item not in checklist_ids:
                    errors.append(
                        ContentError(
                            where, f"questions.{i}.checklist.{j}", f"'{item}' is not an item of content/checklist.yaml"
                        )
                    )
        banks[bank.module] = bank

    questionnaires: dict[str, Questionnaire] = {}
    self_dir = assessments_dir / "self"
    for path in sorted(self_dir.glob("*.yaml")) if self_dir.is_dir() else []:
        survey = parse_file(path, Questionnaire, assessments_dir, errors)
        if survey is None:
            continue
        where = relative_name(path, assessments_dir)
        if survey.id != path.stem:
            errors.append(ContentError(where, "id", f"'{survey.id}' must match the file name '{path.stem}'"))
        elif survey.module not in modules and survey.module not in broken:
            errors.append(ContentError(where, "module", f"unknown module '{survey.module}'"))
        else:
            questionnaires[survey.id] = survey

    glossary: list[GlossaryTerm] = []
    if (content_dir / "glossary.yaml").is_file():
        glossary = _check_glossary(content_dir, modules, broken, errors)

    if (content_dir / "tools").is_dir():
        # the field tools' rubrics cross-refer to the modules; checked here so `validate` covers them
        errors.extend(load_tool_rubrics(content_dir)[1])

    roleplays, dimensions = _load_roleplays(content_dir, modules, broken, checklist, errors)
    if checklist is not None:
        _check_howto_links(content_dir, checklist, modules, broken, set(roleplays), errors)

    if errors or manifest is None or checklist is None:
        raise ContentInvalid(errors)
    ordered = [modules[mid] for mid in manifest.modules]
    return Course(
        manifest=manifest,
        modules=ordered,
        checklist=checklist,
        banks=banks,
        questionnaires=questionnaires,
        glossary=glossary,
        roleplays=roleplays,
        roleplay_dimensions=dimensions,
    )


def _check_glossary(
    content_dir: Path, modules: dict[str, Module], broken: set[str], errors: list[ContentError]
) -> list[GlossaryTerm]:
    """Every glossary entry names a real module term, once, with that term's own name."""
    path = content_dir / "glossary.yaml"
    glossary = parse_file(path, Glossary, content_dir, errors)
    if glossary is None:
        return []
    where = relative_name(path, content_dir)
    seen: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(glossary.terms):
        key = (entry.module, entry.term)
        if key in seen:
            errors.append(
                ContentError(
                    where, f"terms.{i}", f"duplicate entry for {entry.module}: {entry.term} (also terms.{seen[key]})"
                )
            )
            continue
        seen[key] = i
        module = modules.get(entry.module)
        if module is None:
            if entry.module not in broken:
                errors.append(ContentError(where, f"terms.{i}.module", f"unknown module '{entry.module}'"))
            continue
        term = next((t for t in module.terms if t.id == entry.term), None)
        if term is None:
            errors.append(
                ContentError(where, f"terms.{i}.term", f"'{entry.term}' is not a term of module '{module.id}'")
            )
        elif term.name.zh != entry.name.zh:
            errors.append(
                ContentError(
                    where, f"terms.{i}.name.zh", f"'{entry.name.zh}' differs from the module's '{term.name.zh}'"
                )
            )
        elif term.name.en.casefold() != entry.name.en.casefold():
            errors.append(
                ContentError(
                    where, f"terms.{i}.name.en", f"'{entry.name.en}' differs from the module's '{term.name.en}'"
                )
            )
    return list(glossary.terms)


def _check_howto_links(
    content_dir: Path,
    checklist: Checklist,
    modules: dict[str, Module],
    broken: set[str],
    roleplays: set[str],
    errors: list[ContentError],
) -> None:
    """Every how-to card links an existing lesson section or role-play (a broken file already has its error)."""
    where = relative_name(content_dir / "checklist.yaml", content_dir)
    folder = content_dir / "roleplays"
    for g, group in enumerate(checklist.groups):
        for i, item in enumerate(group.items):
            for n, link in enumerate(item.howto.trained_by):
                field = f"groups.{g}.items.{i}.howto.trained_by.{n}"
                if link.roleplay is not None:
                    if link.roleplay not in roleplays and not (folder / f"{link.roleplay}.yaml").is_file():
                        message = f"no role-play '{link.roleplay}' in content/roleplays/"
                        errors.append(ContentError(where, field, message))
                    continue
                module = modules.get(link.module or "")
                if module is None:
                    if link.module not in broken:
                        errors.append(ContentError(where, field, f"unknown module '{link.module}'"))
                elif link.section not in {s.id for s in module.sections}:
                    errors.append(
                        ContentError(where, field, f"'{link.section}' is not a section of module '{module.id}'")
                    )


def _load_roleplays(
    content_dir: Path,
    modules: dict[str, Module],
    broken: set[str],
    checklist: Checklist | None,
    errors: list[ContentError],
) -> tuple[dict[str, Roleplay], dict[str, RoleplayDimension]]:
    """content/roleplays/: the dimension registry, then each scenario checked against it and the modules."""
    folder = content_dir / "roleplays"
    if not folder.is_dir():
        return {}, {}
    registry_path = folder / DIMENSIONS_FILE
    registry = parse_file(registry_path, DimensionRegistry, content_dir, errors, UniqueKeyLoader)
    dimensions: dict[str, RoleplayDimension] = {}
    if registry is not None:
        items = {i.id for g in checklist.groups for i in g.items} if checklist is not None else None
        where = relative_name(registry_path, content_dir)
        errors.extend(ContentError(where, f, m) for f, m in check_dimensions(registry, modules, broken, items))
        dimensions = {d.id: d for d in registry.dimensions}
    roleplays: dict[str, Roleplay] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name == DIMENSIONS_FILE:
            continue
        roleplay = parse_file(path, Roleplay, content_dir, errors, UniqueKeyLoader)
        if roleplay is None:
            continue
        where = relative_name(path, content_dir)
        if roleplay.id != path.stem:
            errors.append(ContentError(where, "id", f"'{roleplay.id}' must match the file name '{path.stem}'"))
            continue
        problems = check_roleplay(roleplay, modules, broken, set(dimensions) if registry is not None else None)
        errors.extend(ContentError(where, f, m) for f, m in problems)
        if not problems:
            roleplays[roleplay.id] = roleplay
    return roleplays, dimensions
