"""Role-play content: the shipped scenarios load, and each rule of the validator gives exactly one clear error.

The invalid cases start from the valid fixture (tests/fixtures/content/valid/content/roleplays/first-call.yaml: four
turns t1..t4 in a row, endings won/drift/lost) and break one thing each.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import pytest
import yaml

from academy.content.loader import ContentInvalid, Course, load_course
from academy.content.roleplay import (
    MIN_DECISIONS,
    Attitude,
    Personality,
    Relation,
    Role,
    best_path,
)
from tests.test_content_map import ids, load_module

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"
SCENARIO = "content/roleplays/first-call.yaml"
REGISTRY = "content/roleplays/dimensions.yaml"


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(VALID, tmp_path / "c")
    return tmp_path / "c" / "content", tmp_path / "c" / "assessments"


def _edit(path: Path, change: Callable[[dict], object]) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _errors(tmp_path: Path, rel: str, change: Callable[[dict], object]) -> list[str]:
    content, assessments = _copy(tmp_path)
    _edit(tmp_path / "c" / rel, change)
    with pytest.raises(ContentInvalid) as exc:
        load_course(content, assessments)
    return [str(e) for e in exc.value.errors]


def _choice(data: dict, node: str, i: int = 0) -> dict:
    return data["nodes"][node]["choices"][i]


def _extra_choice(node: str, choice_id: str, next_id: str, scores: dict) -> Callable[[dict], None]:
    def change(d: dict) -> None:
        extra = dict(_choice(d, node), id=choice_id, next=next_id, scores=scores)
        d["nodes"][node]["choices"].append(extra)

    return change


def _drop_mixed_ending(d: dict) -> None:
    del d["nodes"]["drift"]
    _choice(d, "t4", 1)["next"] = "lost"


def _ending(outcome: str, title: str) -> dict:
    return {"outcome": outcome, "title": {"zh": title, "en": title}, "text": {"zh": "文", "en": "Text"}}


# (case, file, change, the one expected "file: field: message" prefix)
INVALID = [
    (
        "missing English",
        SCENARIO,
        lambda d: _choice(d, "t1")["reaction"].pop("en"),
        f"{SCENARIO}: nodes.t1.choices.0.reaction.en: Field required",
    ),
    (
        "empty Chinese",
        SCENARIO,
        lambda d: _choice(d, "t2")["line"].update(zh=" "),
        f"{SCENARIO}: nodes.t2.choices.0.line.zh: String should have at least 1 character",
    ),
    (
        "choice without feedback",
        SCENARIO,
        lambda d: _choice(d, "t1").pop("feedback"),
        f"{SCENARIO}: nodes.t1.choices.0.feedback: Field required",
    ),
    (
        "unknown key",
        SCENARIO,
        lambda d: _choice(d, "t1").update(best=True),
        f"{SCENARIO}: nodes.t1.choices.0.best: Extra inputs are not permitted",
    ),
    (
        "id differs from file name",
        SCENARIO,
        lambda d: d.update(id="second-call"),
        f"{SCENARIO}: id: 'second-call' must match the file name 'first-call'",
    ),
    ("unknown module", SCENARIO, lambda d: d.update(module="omega"), f"{SCENARIO}: module: unknown module 'omega'"),
    (
        "unknown personality",
        SCENARIO,
        lambda d: d["client"].update(personality="lion"),
        f"{SCENARIO}: client.personality: Input should be 'tiger', 'peacock', 'koala' or 'owl'",
    ),
    (
        "dead end: a turn without choices",
        SCENARIO,
        lambda d: d["nodes"]["t4"].update(choices=[]),
        f"{SCENARIO}: nodes.t4: a turn needs 2 to 4 choices, has 0",
    ),
    (
        "a turn with one choice",
        SCENARIO,
        lambda d: d["nodes"]["t4"]["choices"].pop(),
        f"{SCENARIO}: nodes.t4: a turn needs 2 to 4 choices, has 1",
    ),
    (
        "an ending with choices",
        SCENARIO,
        lambda d: d["nodes"]["won"].update(choices=d["nodes"]["t4"]["choices"]),
        f"{SCENARIO}: nodes.won: an ending has outcome, title and text only",
    ),
    (
        "a node that is neither",
        SCENARIO,
        lambda d: d["nodes"]["t4"].pop("line"),
        f"{SCENARIO}: nodes.t4: a turn needs a line (what the client says); an ending needs an outcome",
    ),
    (
        "score out of range",
        SCENARIO,
        lambda d: _choice(d, "t1")["scores"].update(listening=3),
        f"{SCENARIO}: nodes.t1.choices.0.scores.listening: Input should be less than or equal to 2",
    ),
    (
        "dead end: next points nowhere",
        SCENARIO,
        lambda d: _choice(d, "t3", 1).update(next="t9"),
        f"{SCENARIO}: nodes.t3.choices.1.next: no node 't9'",
    ),
    ("start names no node", SCENARIO, lambda d: d.update(start="t0"), f"{SCENARIO}: start: no node 't0'"),
    (
        "unreachable node",
        SCENARIO,
        lambda d: d["nodes"].update(orphan=_ending("bad", "孤儿")),
        f"{SCENARIO}: nodes.orphan: not reachable from the start node 't1'",
    ),
    (
        "a loop",
        SCENARIO,
        _extra_choice("t4", "c4-again", "t2", {"fit": -1}),
        f"{SCENARIO}: nodes.t4.choices.2.next: loops back (t2 -> t3 -> t4 -> t2); a role-play only moves forward",
    ),
    (
        "a turn that leads to itself",
        SCENARIO,
        _extra_choice("t3", "c3-again", "t3", {"fit": -1}),
        f"{SCENARIO}: nodes.t3.choices.2.next: loops back (t3 -> t3)",
    ),
    (
        "duplicate choice id",
        SCENARIO,
        lambda d: _choice(d, "t2").update(id="c1-good"),
        f"{SCENARIO}: nodes.t2.choices.0.id: duplicate choice id 'c1-good' (also in node 't1')",
    ),
    (
        "lesson links a missing section",
        SCENARIO,
        lambda d: _choice(d, "t1")["lesson"].update(section="nowhere"),
        f"{SCENARIO}: nodes.t1.choices.0.lesson: 'nowhere' is not a section of module 'alpha'",
    ),
    (
        "lesson links a missing module",
        SCENARIO,
        lambda d: _choice(d, "t1")["lesson"].update(module="omega"),
        f"{SCENARIO}: nodes.t1.choices.0.lesson: no module 'omega'",
    ),
    (
        "score on an undeclared dimension",
        SCENARIO,
        lambda d: _choice(d, "t1")["scores"].update(spare=1),
        f"{SCENARIO}: nodes.t1.choices.0.scores: 'spare' not among the scenario's dimensions (listening, fit)",
    ),
    (
        "dimension not in the registry",
        SCENARIO,
        lambda d: d["dimensions"].append("charm"),
        f"{SCENARIO}: dimensions.2: 'charm' is not in roleplays/dimensions.yaml",
    ),
    (
        "declared dimension never scored",
        SCENARIO,
        lambda d: d["dimensions"].append("spare"),
        f"{SCENARIO}: dimensions.2: no path scores 'spare' above 0; score it on the best path or remove it",
    ),
    (
        "duplicate dimension",
        SCENARIO,
        lambda d: d["dimensions"].append("fit"),
        f"{SCENARIO}: dimensions: duplicate dimension(s): fit",
    ),
    (
        "fewer than three endings",
        SCENARIO,
        _drop_mixed_ending,
        f"{SCENARIO}: nodes: needs at least 3 endings with each outcome (good, mixed, bad) at least once; "
        "has 2: good, bad",
    ),
    (
        "no mixed ending",
        SCENARIO,
        lambda d: d["nodes"]["drift"].update(outcome="bad"),
        f"{SCENARIO}: nodes: needs at least 3 endings with each outcome (good, mixed, bad) at least once; "
        "has 3: good, bad, bad",
    ),
    (
        "two endings with one title",
        SCENARIO,
        lambda d: d["nodes"]["drift"].update(title=d["nodes"]["won"]["title"]),
        f"{SCENARIO}: nodes.drift.title: same title as ending 'won'",
    ),
    (
        "a short path to a good ending",
        SCENARIO,
        _extra_choice("t2", "c2-shortcut", "won", {"fit": -1}),
        f"{SCENARIO}: nodes.won: a path reaches this good ending after only 2 decision point(s) (t1 -> t2 -> won); "
        f"every path to a good ending needs at least {MIN_DECISIONS}",
    ),
    (
        "the best path ends badly",
        SCENARIO,
        lambda d: _choice(d, "t4", 1).update(scores={"listening": 2, "fit": 1}),
        f"{SCENARIO}: start: the best-scoring path (t1 -> t2 -> t3 -> t4 -> drift) ends at 'drift' (mixed)",
    ),
    (
        "a tie on the best path",
        SCENARIO,
        lambda d: _choice(d, "t1", 1).update(scores={"listening": 1, "fit": 1}),
        f"{SCENARIO}: nodes.t1: choices 'c1-good' and 'c1-weak' tie for the best total (6)",
    ),
    (
        "a detour outscores the best path on a dimension",
        SCENARIO,
        lambda d: _choice(d, "t1", 1).update(scores={"listening": -1, "fit": 2}),
        f"{SCENARIO}: dimensions.1: the best path earns 2 on 'fit' but the choices c1-weak, c2-good, c3-good, "
        "c4-good earn 3; a detour may win back what a mistake lost, never more than the best path",
    ),
    (
        "registry: lesson links a missing section",
        REGISTRY,
        lambda d: d["dimensions"][1]["lesson"].update(section="nowhere"),
        f"{REGISTRY}: dimensions.1.lesson: 'nowhere' is not a section of module 'alpha'",
    ),
    (
        "registry: unknown checklist item",
        REGISTRY,
        lambda d: d["dimensions"][0]["checklist"].append("prep-nothing"),
        f"{REGISTRY}: dimensions.0.checklist.1: no checklist item 'prep-nothing'",
    ),
    (
        "registry: duplicate id",
        REGISTRY,
        lambda d: d["dimensions"][2].update(id="fit"),
        f"{REGISTRY}: (file): duplicate dimension id(s): fit",
    ),
    (
        "registry: missing English",
        REGISTRY,
        lambda d: d["dimensions"][0]["description"].pop("en"),
        f"{REGISTRY}: dimensions.0.description.en: Field required",
    ),
]


@pytest.mark.parametrize(("case", "rel", "change", "expected"), INVALID, ids=[c[0] for c in INVALID])
def test_each_rule_gives_one_clear_error(tmp_path: Path, case, rel, change, expected) -> None:
    messages = _errors(tmp_path, rel, change)
    assert len(messages) == 1, messages
    assert messages[0].startswith(expected), messages[0]


def test_a_repeated_node_id_is_an_error_not_a_silent_overwrite(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    path = content / "roleplays" / "first-call.yaml"
    path.write_text(path.read_text("utf-8").replace("\n  lost:\n", "\n  won:\n"), "utf-8")
    with pytest.raises(ContentInvalid) as exc:
        load_course(content, assessments)
    [err] = exc.value.errors
    assert err.file == SCENARIO and err.field.startswith("line ")
    assert err.message == "not valid YAML: found duplicate key 'won'"


def test_an_unhashable_key_is_a_yaml_error_not_a_crash(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    path = content / "roleplays" / "first-call.yaml"
    path.write_text(path.read_text("utf-8").replace("\n  lost:\n", "\n  [lost]:\n"), "utf-8")
    with pytest.raises(ContentInvalid) as exc:
        load_course(content, assessments)
    [err] = exc.value.errors
    assert err.file == SCENARIO and "not valid YAML" in err.message


def test_the_registry_is_required_once_there_are_roleplays(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    (content / "roleplays" / "dimensions.yaml").unlink()
    with pytest.raises(ContentInvalid) as exc:
        load_course(content, assessments)
    assert [str(e) for e in exc.value.errors] == [f"{REGISTRY}: file not found"]


def test_a_broken_module_is_reported_once_not_by_every_link_to_it(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    _edit(content / "modules" / "alpha.yaml", lambda d: d["title"].pop("en"))
    with pytest.raises(ContentInvalid) as exc:
        load_course(content, assessments)
    assert [e.file for e in exc.value.errors] == ["content/modules/alpha.yaml"]


def test_the_valid_fixture_is_on_the_course(tmp_path: Path) -> None:
    course = load_course(*_copy(tmp_path))
    assert course.counts()["roleplays"] == 1
    assert [r.id for r in course.roleplays_for("alpha")] == ["first-call"] and course.roleplays_for("beta") == []
    assert set(course.roleplay_dimensions) == {"listening", "fit", "spare"}


def test_a_course_without_roleplays_needs_no_registry(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    shutil.rmtree(content / "roleplays")
    # the fixture's how-to card links the removed role-play: a dead link is an error, so drop it too
    _edit(content / "checklist.yaml", lambda d: d["groups"][0]["items"][0]["howto"]["trained_by"].pop())
    assert load_course(content, assessments).roleplays == {}


# --- the shipped content ---


def test_framework_ids_match_the_modules() -> None:
    """The client's personality, role, attitude and relationship are the term ids of m6 and m7."""
    m6, m7 = load_module("m6-customer-personalities"), load_module("m7-decision-unit")
    assert list(get_args(Personality)) == ids(m6, "personality")
    assert list(get_args(Role)) == ids(m7, "role")
    assert list(get_args(Attitude)) == ids(m7, "attitude")
    assert list(get_args(Relation)) == ids(m7, "relationship")


def test_the_shipped_roleplays_load(course: Course) -> None:
    for rp in course.roleplays.values():
        assert rp.module in {m.id for m in course.modules}
        assert set(rp.dimensions) <= set(course.roleplay_dimensions)


def test_registry_dimensions_point_at_real_checklist_items(course: Course) -> None:
    items = {i for _, i in course.checklist_items()}
    for dim in course.roleplay_dimensions.values():
        assert set(dim.checklist) <= items
    assert sum(bool(d.checklist) for d in course.roleplay_dimensions.values()) >= 10


def test_first_visit_owl_is_a_full_scenario(course: Course) -> None:
    rp = course.roleplays["first-visit-owl"]
    assert rp.module == "m6-customer-personalities" and rp.client.personality == "owl"
    assert len(best_path(rp)) >= 5
    outcomes = [e.outcome for e in rp.endings().values()]
    assert len(outcomes) >= 3 and {"good", "mixed", "bad"} <= set(outcomes)
    # every section a choice sends the learner to exists (the loader checks it; this guards the test's premise)
    sections = {(m.id, s.id) for m in course.modules for s in m.sections}
    assert all((c.lesson.module, c.lesson.section) in sections for n in rp.nodes.values() for c in n.choices)
