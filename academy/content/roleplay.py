"""Branching role-plays (content/roleplays/<id>.yaml): the schema, the scoring graph and the rules a scenario meets.

A scenario is a conversation graph. A *turn* is a node where the client speaks and the learner picks one of two to
four choices; each choice leads to the next node, and every path ends, without loops, at an *ending* (good, mixed or
bad). Each choice scores the learner from -2 to +2 on named dimensions, drawn from the registry in
content/roleplays/dimensions.yaml.

The best path is derived, not marked: it is the path with the highest total score (all dimensions summed). The rules
make it unique and make it end well, so the scores are the single source of truth and a separate `best: true` flag
can never disagree with them. Playing a scenario (path, scores, divergence, lessons to revisit) is in roleplay_play.py.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping
from typing import Annotated, Any, Literal

import yaml
from pydantic import Field, field_validator, model_validator

from academy.content.schema import L10n, Module, Slug, Strict

DIMENSIONS_FILE = "dimensions.yaml"  # the registry, in content/roleplays/; never a scenario
MIN_DECISIONS = 4  # every path to a good ending passes at least this many turns
MIN_ENDINGS = 3
OUTCOMES = ("good", "mixed", "bad")

Outcome = Literal["good", "mixed", "bad"]
# The framework ids below are the term ids of m6 (kind personality) and m7 (kinds role, attitude, relationship);
# tests/test_roleplay_content.py checks that they still match the modules.
Personality = Literal["tiger", "peacock", "koala", "owl"]
Role = Literal["decider", "evaluator", "screener", "user"]
Attitude = Literal["active", "passive", "resistant"]
Relation = Literal["neutral", "champion", "supporter", "enemy", "blocker"]
Score = Annotated[int, Field(ge=-2, le=2)]


def _dupes(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


class LessonRef(Strict):
    """A lesson section: where the learner reads about the principle."""

    module: Slug
    section: Slug


class RoleplayDimension(Strict):
    id: Slug
    name: L10n
    description: L10n  # what a high score means, shown beside the learner's result
    lesson: LessonRef  # where the dimension is taught
    checklist: list[Slug] = Field(default_factory=list)  # checklist items that practise it in the field


class DimensionRegistry(Strict):
    """content/roleplays/dimensions.yaml: every dimension a scenario may score."""

    dimensions: list[RoleplayDimension] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> DimensionRegistry:
        dupes = _dupes([d.id for d in self.dimensions])
        if dupes:
            raise ValueError(f"duplicate dimension id(s): {', '.join(dupes)}")
        return self


class Client(Strict):
    """The person the learner talks to. Framework readings are optional: give the ones the scenario trains."""

    name: L10n
    title: L10n  # job title, e.g. 财务总监 / Finance director
    role: Role  # role in the decision unit (m7)
    personality: Personality | None = None  # m6
    attitude: Attitude | None = None  # to the project (m7)
    relationship: Relation | None = None  # to us (m7)


class Choice(Strict):
    id: Slug  # unique within the scenario: stored attempts are lists of choice ids
    line: L10n  # what the learner says
    reaction: L10n  # what the client says or does in reply, shown right after choosing
    feedback: L10n  # why this was (not) the thing to do, naming the principle
    lesson: LessonRef  # the section that teaches the principle
    scores: dict[Slug, Score] = Field(min_length=1)  # dimension id -> -2..+2
    next: Slug  # the node this choice leads to

    @property
    def total(self) -> int:
        return sum(self.scores.values())


class Node(Strict):
    """A turn (`line`, optional `narration`, 2-4 `choices`) or an ending (`outcome`, `title`, `text`)."""

    narration: L10n | None = None  # scene-setting shown before the client speaks
    line: L10n | None = None  # what the client says
    choices: list[Choice] = Field(default_factory=list)
    outcome: Outcome | None = None
    title: L10n | None = None
    text: L10n | None = None

    @model_validator(mode="after")
    def _turn_or_ending(self) -> Node:
        if self.outcome is not None:
            if self.line or self.narration or self.choices:
                raise ValueError("an ending has outcome, title and text only: no line, narration or choices")
            if self.title is None or self.text is None:
                raise ValueError("an ending needs a title and a text")
            return self
        if self.line is None:
            raise ValueError("a turn needs a line (what the client says); an ending needs an outcome")
        if self.title or self.text:
            raise ValueError("a turn takes no title or text (an ending has those, with an outcome)")
        if not 2 <= len(self.choices) <= 4:
            raise ValueError(f"a turn needs 2 to 4 choices, has {len(self.choices)}")
        return self

    @property
    def is_ending(self) -> bool:
        return self.outcome is not None


class Roleplay(Strict):
    """content/roleplays/<id>.yaml"""

    id: Slug
    title: L10n
    module: Slug  # the module it trains; it counts towards that module
    summary: L10n  # one or two sentences for the list of scenarios
    client: Client
    setting: L10n  # the situation, told to the learner before the first turn
    goal: L10n  # what the learner is trying to achieve in this conversation
    dimensions: list[Slug] = Field(min_length=1)  # ids from the registry, the ones this scenario scores
    start: Slug
    nodes: dict[Slug, Node] = Field(min_length=1)

    @field_validator("dimensions")
    @classmethod
    def _unique_dimensions(cls, dims: list[str]) -> list[str]:
        dupes = _dupes(dims)
        if dupes:
            raise ValueError(f"duplicate dimension(s): {', '.join(dupes)}")
        return dims

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def endings(self) -> dict[str, Node]:
        return {i: n for i, n in self.nodes.items() if n.is_ending}

    def choice(self, node_id: str, choice_id: str) -> Choice:
        return next(c for c in self.nodes[node_id].choices if c.id == choice_id)


class UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a key repeated in one mapping is an error instead of silently winning."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                break  # the safe loader reports an unhashable key itself
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"found duplicate key '{key}'", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# --- the scoring graph (these assume a checked scenario: every `next` exists and there are no loops) ---


def _best_from(rp: Roleplay, points: Callable[[Choice], int]) -> dict[str, int]:
    """For each node, the most `points` any path from it to an ending collects (0 at an ending)."""
    memo: dict[str, int] = {}

    def value(node_id: str) -> int:
        if node_id not in memo:
            node = rp.nodes[node_id]
            memo[node_id] = max((points(c) + value(c.next) for c in node.choices), default=0)
        return memo[node_id]

    for node_id in rp.nodes:
        value(node_id)
    return memo


def best_totals(rp: Roleplay) -> dict[str, int]:
    """The highest total score still achievable from each node to an ending (0 at an ending)."""
    return _best_from(rp, lambda c: c.total)


def best_choice(rp: Roleplay, node_id: str, totals: Mapping[str, int] | None = None) -> Choice | None:
    """The choice at a turn that leads to the highest total (the first listed on a tie); None at an ending."""
    totals = best_totals(rp) if totals is None else totals
    choices = rp.nodes[node_id].choices
    return max(choices, key=lambda c: c.total + totals[c.next]) if choices else None


def best_steps(rp: Roleplay) -> list[tuple[str, Choice]]:
    """(turn id, choice) along the best path, from the start to an ending."""
    totals = best_totals(rp)
    steps: list[tuple[str, Choice]] = []
    node_id = rp.start
    while (choice := best_choice(rp, node_id, totals)) is not None:
        steps.append((node_id, choice))
        node_id = choice.next
    return steps


def best_path(rp: Roleplay) -> list[str]:
    """The choice ids of the best path (highest total score), in order."""
    return [c.id for _, c in best_steps(rp)]


def best_achievable(rp: Roleplay) -> dict[str, int]:
    """For each declared dimension, the highest sum any path from start to an ending reaches on it alone.

    The rules make this what the best path earns on each dimension, so the best path shows 100% everywhere.
    """
    return {dim: _best_from(rp, _on(dim))[rp.start] for dim in rp.dimensions}


def _on(dim: str) -> Callable[[Choice], int]:
    return lambda c: c.scores.get(dim, 0)


def _argmax_choices(rp: Roleplay, points: Callable[[Choice], int]) -> list[str]:
    """The choice ids of a path from the start that collects the most `points` (the first listed on a tie)."""
    values = _best_from(rp, points)
    chosen: list[Choice] = []
    node_id = rp.start
    while choices := rp.nodes[node_id].choices:
        chosen.append(max(choices, key=lambda c: points(c) + values[c.next]))
        node_id = chosen[-1].next
    return [c.id for c in chosen]


def _reachable(rp: Roleplay) -> list[str]:
    seen: list[str] = []
    todo = [rp.start]
    while todo:
        node_id = todo.pop()
        if node_id in seen or node_id not in rp.nodes:
            continue
        seen.append(node_id)
        todo.extend(c.next for c in reversed(rp.nodes[node_id].choices))
    return seen


def _back_edge(rp: Roleplay) -> tuple[str, int, list[str]] | None:
    """The first choice that loops back: (node id, choice index, the loop's nodes ending where it started)."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" after

    def visit(node_id: str, path: list[str]) -> tuple[str, int, list[str]] | None:
        state[node_id] = "open"
        for i, c in enumerate(rp.nodes[node_id].choices):
            here = [*path, node_id]
            if state.get(c.next) == "open":
                return node_id, i, [*here[here.index(c.next) :], c.next]
            if c.next not in state and (found := visit(c.next, here)):
                return found
        state[node_id] = "done"
        return None

    return visit(rp.start, [])


def _fewest_decisions_to_good(rp: Roleplay) -> list[str] | None:
    """The path (node ids) with the fewest turns from the start to any good ending, or None if none is reachable."""
    memo: dict[str, list[str] | None] = {}

    def shortest(node_id: str) -> list[str] | None:
        if node_id not in memo:
            node = rp.nodes[node_id]
            if node.is_ending:
                memo[node_id] = [node_id] if node.outcome == "good" else None
            else:
                tails = [t for c in node.choices if (t := shortest(c.next)) is not None]
                memo[node_id] = [node_id, *min(tails, key=len)] if tails else None
        return memo[node_id]

    return shortest(rp.start)


# --- the rules (each returns (field, message) pairs; the loader adds the file) ---


def lesson_problem(ref: LessonRef, modules: Mapping[str, Module], broken: Collection[str]) -> str | None:
    """Why a lesson link does not resolve, or None. A module whose file is broken is reported on its own."""
    module = modules.get(ref.module)
    if module is None:
        return None if ref.module in broken else f"no module '{ref.module}'"
    if ref.section not in {s.id for s in module.sections}:
        return f"'{ref.section}' is not a section of module '{ref.module}'"
    return None


def check_dimensions(
    registry: DimensionRegistry,
    modules: Mapping[str, Module],
    broken: Collection[str],
    checklist_items: Collection[str] | None,
) -> list[tuple[str, str]]:
    """Every dimension links to a real lesson section and real checklist items."""
    problems: list[tuple[str, str]] = []
    for i, dim in enumerate(registry.dimensions):
        if (problem := lesson_problem(dim.lesson, modules, broken)) is not None:
            problems.append((f"dimensions.{i}.lesson", problem))
        for j, item in enumerate(dim.checklist):
            if checklist_items is not None and item not in checklist_items:
                problems.append((f"dimensions.{i}.checklist.{j}", f"no checklist item '{item}'"))
    return problems


def check_roleplay(
    rp: Roleplay,
    modules: Mapping[str, Module],
    broken: Collection[str],
    registry: Collection[str] | None,
) -> list[tuple[str, str]]:
    """Cross-checks and graph rules; `registry` is the known dimension ids (None when the registry file is broken).

    Later rules need earlier ones to hold (a loop makes "the best path" meaningless), so the checks stop at the
    first stage with a problem and a writer sees the cause, not its echoes.
    """
    problems: list[tuple[str, str]] = []
    add = problems.append
    if rp.module not in modules and rp.module not in broken:
        add(("module", f"unknown module '{rp.module}'"))
    for i, dim in enumerate(rp.dimensions):
        if registry is not None and dim not in registry:
            add((f"dimensions.{i}", f"'{dim}' is not in roleplays/{DIMENSIONS_FILE}"))
    if rp.start not in rp.nodes:
        add(("start", f"no node '{rp.start}'"))
    dangling = False
    first_seen: dict[str, str] = {}
    for node_id, node in rp.nodes.items():
        for i, c in enumerate(node.choices):
            where = f"nodes.{node_id}.choices.{i}"
            if c.id in first_seen:
                add((f"{where}.id", f"duplicate choice id '{c.id}' (also in node '{first_seen[c.id]}')"))
            first_seen.setdefault(c.id, node_id)
            if c.next not in rp.nodes:
                add((f"{where}.next", f"no node '{c.next}'"))
                dangling = True
            undeclared = [d for d in c.scores if d not in rp.dimensions]
            if undeclared:
                names = ", ".join(f"'{d}'" for d in undeclared)
                add((f"{where}.scores", f"{names} not among the scenario's dimensions ({', '.join(rp.dimensions)})"))
            if (problem := lesson_problem(c.lesson, modules, broken)) is not None:
                add((f"{where}.lesson", problem))
    if rp.start not in rp.nodes:
        return problems
    reachable = set(_reachable(rp))
    for node_id in rp.nodes:
        if node_id not in reachable:
            add((f"nodes.{node_id}", f"not reachable from the start node '{rp.start}'"))
    if dangling:
        return problems

    loop = _back_edge(rp)
    if loop is not None:
        node_id, i, cycle = loop
        add(
            (
                f"nodes.{node_id}.choices.{i}.next",
                f"loops back ({' -> '.join(cycle)}); a role-play only moves forward, to an ending",
            )
        )
        return problems

    endings = rp.endings()
    outcomes = [e.outcome for e in endings.values()]
    if len(endings) < MIN_ENDINGS or not set(OUTCOMES) <= set(outcomes):
        add(
            (
                "nodes",
                f"needs at least {MIN_ENDINGS} endings with each outcome (good, mixed, bad) at least once; "
                f"has {len(endings)}: {', '.join(str(o) for o in outcomes) or 'none'}",
            )
        )
    titled: dict[str, str] = {}
    for node_id, ending in endings.items():
        assert ending.title is not None
        same = [titled[t] for t in (f"zh:{ending.title.zh}", f"en:{ending.title.en}") if t in titled]
        if same:
            add((f"nodes.{node_id}.title", f"same title as ending '{same[0]}'; each ending is a distinct outcome"))
        titled.setdefault(f"zh:{ending.title.zh}", node_id)
        titled.setdefault(f"en:{ending.title.en}", node_id)
    if "good" not in outcomes:
        return problems

    shortest = _fewest_decisions_to_good(rp)
    if shortest is not None and len(shortest) - 1 < MIN_DECISIONS:
        add(
            (
                f"nodes.{shortest[-1]}",
                f"a path reaches this good ending after only {len(shortest) - 1} decision point(s) "
                f"({' -> '.join(shortest)}); every path to a good ending needs at least {MIN_DECISIONS}",
            )
        )

    totals = best_totals(rp)
    steps = best_steps(rp)
    path = [n for n, _ in steps] + [steps[-1][1].next if steps else rp.start]
    end = rp.nodes[path[-1]]
    if end.outcome != "good":
        add(
            (
                "start",
                f"the best-scoring path ({' -> '.join(path)}) ends at '{path[-1]}' ({end.outcome}); "
                "the highest total must lead to a good ending",
            )
        )
    for node_id, best in steps:
        value = best.total + totals[best.next]
        tied = [c.id for c in rp.nodes[node_id].choices if c is not best and c.total + totals[c.next] == value]
        if tied:
            add(
                (
                    f"nodes.{node_id}",
                    f"choices '{best.id}' and '{tied[0]}' tie for the best total ({value}); "
                    "the best path must be unique, so score the better one higher",
                )
            )

    achievable = best_achievable(rp)
    on_best = {dim: sum(c.scores.get(dim, 0) for _, c in steps) for dim in rp.dimensions}
    for i, dim in enumerate(rp.dimensions):
        if registry is not None and dim not in registry:
            continue
        if achievable[dim] <= 0:
            add((f"dimensions.{i}", f"no path scores '{dim}' above 0; score it on the best path or remove it"))
        elif on_best[dim] < achievable[dim]:
            other = _argmax_choices(rp, _on(dim))
            add(
                (
                    f"dimensions.{i}",
                    f"the best path earns {on_best[dim]} on '{dim}' but the choices {', '.join(other)} earn "
                    f"{achievable[dim]}; a detour may win back what a mistake lost, never more than the best path",
                )
            )
    return problems
