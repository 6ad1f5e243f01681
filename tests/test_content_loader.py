"""The content engine: the real course loads; each kind of defect gives one clear error naming file and field."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from academy.content.loader import ContentInvalid, Course, load_course
from academy.core.i18n import STRINGS
from academy.learning.diagrams import DIAGRAMS

VALID = Path(__file__).parent / "fixtures" / "content" / "valid"


def test_the_real_course_loads(course: Course) -> None:
    counts = course.counts()
    assert counts["modules"] == 10
    assert counts["checklist_items"] == 30
    assert counts["questions"] >= 120


def test_every_diagram_named_in_content_exists(course: Course) -> None:
    used = {d for m in course.modules for d in m.diagrams}
    assert used <= set(DIAGRAMS)
    assert set(DIAGRAMS) <= used, "a registered diagram that no module shows"


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_ui_string_has_both_languages(key: str) -> None:
    zh, en = STRINGS[key]
    assert zh.strip() and en.strip()
    # the same text in both is only right for symbols such as a dash
    assert zh != en or not any(ch.isalpha() for ch in en), f"{key} is not translated"


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(VALID, tmp_path / "c")
    return tmp_path / "c" / "content", tmp_path / "c" / "assessments"


def _edit(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_valid_fixture_loads(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    course = load_course(content, assessments)
    assert course.counts()["modules"] == 2
    assert [(g.module, g.term, g.avoid) for g in course.glossary] == [
        ("alpha", "tiger", ["lion"]),
        ("beta", "tiger", []),
    ]
    first, second = course.questions("alpha")
    assert first.checklist == ["prep-role"] and first.is_application
    assert not second.is_application  # a matching question without `kind` is recall


def test_every_real_behaviour_has_a_how_to_card_that_links_its_training(course: Course) -> None:
    sections = {(m.id, s.id) for m in course.modules for s in m.sections}
    for group in course.checklist.groups:
        for item in group.items:
            card = item.howto
            assert card.means.zh and card.well.en and card.badly.zh, item.id
            for link in card.trained_by:
                assert (link.module, link.section) in sections or link.roleplay in course.roleplays, (item.id, link)


def test_the_valid_fixture_has_its_how_to_card(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    [item] = load_course(content, assessments).checklist.groups[0].items
    lesson, roleplay = item.howto.trained_by
    assert (lesson.module, lesson.section, lesson.roleplay) == ("alpha", "intro", None)
    assert (roleplay.module, roleplay.roleplay) == (None, "first-call")


def test_the_real_glossary_names_every_term_of_every_module(course: Course) -> None:
    named = {(g.module, g.term) for g in course.glossary}
    assert {(m.id, t.id) for m in course.modules for t in m.terms} == named


def _q(data: dict, i: int = 0) -> dict:
    return data["questions"][i]


def _item(data: dict) -> dict:
    return data["groups"][0]["items"][0]


# (case, file relative to the fixture root, change, expected "file: field: message" fragment)
INVALID = [
    (
        "missing English",
        "content/modules/alpha.yaml",
        lambda d: d["title"].pop("en"),
        "content/modules/alpha.yaml: title.en: Field required",
    ),
    (
        "unknown key",
        "content/modules/alpha.yaml",
        lambda d: d.update(colour="red"),
        "content/modules/alpha.yaml: colour: Extra inputs are not permitted",
    ),
    (
        "empty text",
        "content/modules/alpha.yaml",
        lambda d: d["sections"][0]["body"].update(zh=" "),
        "content/modules/alpha.yaml: sections.0.body.zh: String should have at least 1 character",
    ),
    (
        "bad slug",
        "content/modules/alpha.yaml",
        lambda d: d["sections"][0].update(id="Intro Part"),
        "content/modules/alpha.yaml: sections.0.id: String should match pattern",
    ),
    (
        "duplicate section id",
        "content/modules/alpha.yaml",
        lambda d: d["sections"][1].update(id="intro"),
        "content/modules/alpha.yaml: (file): duplicate sections id(s): intro",
    ),
    (
        "id differs from file name",
        "content/modules/alpha.yaml",
        lambda d: d.update(id="gamma"),
        "content/modules/alpha.yaml: id: 'gamma' must match the file name 'alpha'",
    ),
    (
        "manifest names a missing module",
        "content/course.yaml",
        lambda d: d["modules"].append("delta"),
        "content/course.yaml: modules.2: module 'delta' has no file modules/delta.yaml",
    ),
    (
        "module missing from manifest",
        "content/course.yaml",
        lambda d: d["modules"].remove("beta"),
        "content/course.yaml: modules: module 'beta' is not listed in the manifest",
    ),
    (
        "answer not among options",
        "assessments/alpha.yaml",
        lambda d: _q(d).update(answer=["z"]),
        "assessments/alpha.yaml: questions.0: answer z is not among the options",
    ),
    (
        "single with two answers",
        "assessments/alpha.yaml",
        lambda d: _q(d).update(answer=["a", "b"]),
        "assessments/alpha.yaml: questions.0: a single question has exactly one answer",
    ),
    (
        "duplicate question id",
        "assessments/alpha.yaml",
        lambda d: _q(d, 1).update(id="alpha-q1"),
        "assessments/alpha.yaml: questions.1.id: duplicate question id 'alpha-q1'",
    ),
    (
        "question id kept for trainers' sets",
        "assessments/alpha.yaml",
        lambda d: _q(d, 1).update(id="set-1-q1"),
        "assessments/alpha.yaml: questions.1.id: 'set-1-q1': ids starting with 'set-' are kept for trainers' sets",
    ),
    (
        "matching sides unequal",
        "assessments/alpha.yaml",
        lambda d: _q(d, 1)["right"].pop(),
        "assessments/alpha.yaml: questions.1: matching sides are unequal: 2 left, 1 right",
    ),
    (
        "question links a missing section",
        "assessments/alpha.yaml",
        lambda d: _q(d).update(section="nowhere"),
        "assessments/alpha.yaml: questions.0.section: 'nowhere' is not a section of module 'alpha'",
    ),
    (
        "bank for an unknown module",
        "assessments/alpha.yaml",
        lambda d: d.update(module="omega"),
        "assessments/alpha.yaml: module: unknown module 'omega'",
    ),
    (
        "question names an unknown checklist item",
        "assessments/alpha.yaml",
        lambda d: _q(d).update(checklist=["prep-role", "nowhere"]),
        "assessments/alpha.yaml: questions.0.checklist.1: 'nowhere' is not an item of content/checklist.yaml",
    ),
    (
        "unknown question kind",
        "assessments/alpha.yaml",
        lambda d: _q(d).update(kind="hard"),
        "assessments/alpha.yaml: questions.0.kind: Input should be 'recall' or 'application'",
    ),
    (
        "scenario tagged recall",
        "assessments/alpha.yaml",
        lambda d: _q(d).update(type="scenario", kind="recall"),
        "assessments/alpha.yaml: questions.0: a scenario question is always kind: application",
    ),
    (
        "glossary names a missing term",
        "content/glossary.yaml",
        lambda d: d["terms"][0].update(term="lion"),
        "content/glossary.yaml: terms.0.term: 'lion' is not a term of module 'alpha'",
    ),
    (
        "glossary names an unknown module",
        "content/glossary.yaml",
        lambda d: d["terms"][0].update(module="omega"),
        "content/glossary.yaml: terms.0.module: unknown module 'omega'",
    ),
    (
        "glossary lists a term twice",
        "content/glossary.yaml",
        lambda d: d["terms"].append(dict(d["terms"][0])),
        "content/glossary.yaml: terms.2: duplicate entry for alpha: tiger (also terms.0)",
    ),
    (
        "glossary renames a term",
        "content/glossary.yaml",
        lambda d: d["terms"][0]["name"].update(en="Big cat"),
        "content/glossary.yaml: terms.0.name.en: 'Big cat' differs from the module's 'Tiger'",
    ),
    (
        "glossary avoids the term's own name",
        "content/glossary.yaml",
        lambda d: d["terms"][0]["avoid"].append("TIGER"),
        "content/glossary.yaml: terms.0: avoid lists the term's own name 'Tiger'",
    ),
    (
        "checklist item without a how-to card",
        "content/checklist.yaml",
        lambda d: _item(d).pop("howto"),
        "content/checklist.yaml: groups.0.items.0.howto: Field required",
    ),
    (
        "how-to card without an English example",
        "content/checklist.yaml",
        lambda d: _item(d)["howto"]["badly"].pop("en"),
        "content/checklist.yaml: groups.0.items.0.howto.badly.en: Field required",
    ),
    (
        "how-to card that links nothing",
        "content/checklist.yaml",
        lambda d: _item(d)["howto"].update(trained_by=[]),
        "content/checklist.yaml: groups.0.items.0.howto.trained_by: List should have at least 1 item",
    ),
    (
        "how-to link to a missing section",
        "content/checklist.yaml",
        lambda d: _item(d)["howto"]["trained_by"][0].update(section="nowhere"),
        "content/checklist.yaml: groups.0.items.0.howto.trained_by.0: 'nowhere' is not a section of module 'alpha'",
    ),
    (
        "how-to link to a missing module",
        "content/checklist.yaml",
        lambda d: _item(d)["howto"]["trained_by"][0].update(module="omega"),
        "content/checklist.yaml: groups.0.items.0.howto.trained_by.0: unknown module 'omega'",
    ),
    (
        "how-to link to a missing role-play",
        "content/checklist.yaml",
        lambda d: _item(d)["howto"]["trained_by"][1].update(roleplay="last-call"),
        "content/checklist.yaml: groups.0.items.0.howto.trained_by.1: no role-play 'last-call' in content/roleplays/",
    ),
    (
        "how-to link to a lesson and a role-play at once",
        "content/checklist.yaml",
        lambda d: _item(d)["howto"]["trained_by"][0].update(roleplay="first-call"),
        "content/checklist.yaml: groups.0.items.0.howto.trained_by.0: give either module and section, or roleplay",
    ),
    (
        "how-to lesson link without its section",
        "content/checklist.yaml",
        lambda d: _item(d)["howto"]["trained_by"][0].pop("section"),
        "content/checklist.yaml: groups.0.items.0.howto.trained_by.0: a lesson link needs both module and section",
    ),
    (
        "duplicate checklist item",
        "content/checklist.yaml",
        lambda d: d["groups"][0]["items"].append(dict(d["groups"][0]["items"][0])),
        "content/checklist.yaml: groups: duplicate id 'prep-role'",
    ),
]


@pytest.mark.parametrize(("case", "rel", "change", "expected"), INVALID, ids=[c[0] for c in INVALID])
def test_each_defect_gives_one_clear_error(tmp_path: Path, case, rel, change, expected) -> None:
    content, assessments = _copy(tmp_path)
    _edit(tmp_path / "c" / rel, change)
    with pytest.raises(ContentInvalid) as exc:
        load_course(content, assessments)
    messages = [str(e) for e in exc.value.errors]
    assert len(messages) == 1, messages
    assert messages[0].startswith(expected), messages[0]


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    (content / "checklist.yaml").write_text("groups:\n  - id: [unclosed\n", "utf-8")
    with pytest.raises(ContentInvalid) as exc:
        load_course(content, assessments)
    [err] = exc.value.errors
    assert err.file == "content/checklist.yaml" and err.field.startswith("line ") and "not valid YAML" in err.message


def test_a_file_not_in_utf8_names_file_and_byte(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    path = content / "checklist.yaml"
    path.write_bytes(path.read_text("utf-8").encode("gb18030"))  # saved by an editor set to GBK
    with pytest.raises(ContentInvalid) as exc:
        load_course(content, assessments)
    [err] = exc.value.errors
    assert err.file == "content/checklist.yaml" and err.field.startswith("byte ")
    assert err.message.startswith("not UTF-8 text")


def test_all_errors_are_collected_not_just_the_first(tmp_path: Path) -> None:
    content, assessments = _copy(tmp_path)
    _edit(content / "modules" / "alpha.yaml", lambda d: d["title"].pop("en"))
    _edit(content / "modules" / "beta.yaml", lambda d: d["summary"].pop("zh"))
    with pytest.raises(ContentInvalid) as exc:
        load_course(content, assessments)
    assert {e.file for e in exc.value.errors} == {"content/modules/alpha.yaml", "content/modules/beta.yaml"}
