"""The question lint: the real bank passes every rule; a bank that breaks one rule fails with that rule named."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from academy.cli import main
from academy.content.lint import lint_course, report
from academy.content.loader import Course
from academy.content.schema import Checklist, GlossaryTerm, Manifest, Module, QuestionBank


def test_the_real_bank_passes_every_rule(course: Course) -> None:
    results = lint_course(course)
    assert all(r.passed for r in results), report(results, course)


def test_the_command_prints_figures_and_thresholds(capsys: pytest.CaptureFixture[str], course: Course) -> None:
    code = main(["lint-questions"])
    out = capsys.readouterr().out
    assert code == (0 if all(r.passed for r in lint_course(course)) else 1)
    assert "length-cue" in out and "(threshold: <= 30%)" in out and "application-share" in out


def t(zh: str, en: str | None = None) -> dict[str, str]:
    return {"zh": zh, "en": en if en is not None else zh}


def opts(*texts: str) -> list[dict[str, Any]]:
    return [{"id": "abcde"[i], "text": t(x)} for i, x in enumerate(texts)]


TF = [{"id": "true", "text": t("对", "True")}, {"id": "false", "text": t("错", "False")}]

# A small bank that passes every rule: no length cue, true/false balanced, 1 and 2 right answers in
# multiple choice, both sections and both checklist groups tested, every question applied.
CLEAN: dict[str, Any] = {
    "module": {
        "id": "alpha",
        "title": t("甲", "Alpha"),
        "summary": t("概要", "Summary"),
        "sections": [
            {"id": "s1", "title": t("一", "One"), "body": t("正文", "Body about the tiger")},
            {"id": "s2", "title": t("二", "Two"), "body": t("正文", "Body")},
        ],
        "takeaways": [t("要点", "Point")],
        "terms": [{"id": "tiger", "name": t("老虎", "Tiger"), "definition": t("定义", "Definition")}],
        "case": {"title": t("案"), "scenario": t("景"), "question": t("问"), "discussion": t("答")},
        "reflections": [{"id": "r", "prompt": t("想", "Think")}],
    },
    "questions": [
        {
            "id": "q1",
            "type": "single",
            "section": "s1",
            "kind": "application",
            "prompt": t("问一", "Question one"),
            "options": opts("短", "较长的选项", "中等的"),
            "answer": ["a"],
            "explanation": t("因为", "Because"),
        },
        {
            "id": "q2",
            "type": "single",
            "section": "s2",
            "kind": "application",
            "prompt": t("问二", "Question two"),
            "options": opts("最长的一个选项", "短", "中等的"),
            "answer": ["c"],
            "explanation": t("因为", "Because"),
        },
        {
            "id": "q3",
            "type": "scenario",
            "section": "s1",
            "prompt": t("情境", "A situation"),
            "options": opts("甲甲", "乙乙", "丙丙"),
            "answer": ["b"],
            "explanation": t("因为", "Because"),
        },
        {
            "id": "q4",
            "type": "true_false",
            "section": "s2",
            "kind": "application",
            "prompt": t("判断一", "Statement one"),
            "options": TF,
            "answer": ["true"],
            "explanation": t("对", "True"),
        },
        {
            "id": "q5",
            "type": "true_false",
            "section": "s1",
            "kind": "application",
            "prompt": t("判断二", "Statement two"),
            "options": TF,
            "answer": ["false"],
            "explanation": t("错", "False"),
        },
        {
            "id": "q6",
            "type": "multiple",
            "section": "s2",
            "kind": "application",
            "checklist": ["i1"],
            "prompt": t("多选一", "Pick one or more"),
            "options": opts("一", "二", "三", "四"),
            "answer": ["a"],
            "explanation": t("因为", "Because"),
        },
        {
            "id": "q7",
            "type": "multiple",
            "section": "s1",
            "kind": "application",
            "checklist": ["i2"],
            "prompt": t("多选二", "Pick one or more"),
            "options": opts("一", "二", "三", "四"),
            "answer": ["a", "b"],
            "explanation": t("因为", "Because"),
        },
    ],
}


HOWTO = {"means": t("含义"), "well": t("好"), "badly": t("差"), "trained_by": [{"module": "alpha", "section": "s1"}]}


def build(data: dict[str, Any]) -> Course:
    module = Module.model_validate(data["module"])
    checklist = Checklist.model_validate(
        {
            "groups": [
                {"id": "g1", "title": t("组一"), "items": [{"id": "i1", "text": t("行为一"), "howto": HOWTO}]},
                {"id": "g2", "title": t("组二"), "items": [{"id": "i2", "text": t("行为二"), "howto": HOWTO}]},
            ]
        }
    )
    return Course(
        manifest=Manifest(title=t("课", "Course"), modules=["alpha"]),
        modules=[module],
        checklist=checklist,
        banks={"alpha": QuestionBank.model_validate({"module": "alpha", "questions": data["questions"]})},
        glossary=[GlossaryTerm(module="alpha", term="tiger", name=t("老虎", "Tiger"), avoid=["big cat"])],
    )


def failed(data: dict[str, Any]) -> set[str]:
    return {r.rule for r in lint_course(build(data)) if not r.passed}


def test_the_clean_synthetic_bank_passes() -> None:
    assert failed(CLEAN) == set()


def q(data: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(x for x in data["questions"] if x["id"] == qid)


def _longest_keys(d: dict[str, Any]) -> None:
    q(d, "q1")["options"] = opts("最长的正确选项", "短", "中")
    q(d, "q2")["options"] = opts("短", "中", "最长的正确选项")
    q(d, "q3")["options"][1]["text"] = t("乙乙乙乙", "the longest action")


def _english_only_cue(d: dict[str, Any]) -> None:
    # zh lengths tie, but in English the key is the longest every time: either language counts
    for x in ("q1", "q2", "q3"):
        for o in q(d, x)["options"]:
            o["text"] = t("一样长", "the keyed one, much longer" if o["id"] in q(d, x)["answer"] else "short")


def _all_false(d: dict[str, Any]) -> None:
    q(d, "q4")["answer"] = ["false"]


def _all_options_right(d: dict[str, Any]) -> None:
    q(d, "q7")["answer"] = ["a", "b", "c", "d"]


def _same_count_everywhere(d: dict[str, Any]) -> None:
    q(d, "q6")["answer"] = ["a", "b"]


def _explain(text_zh: str, text_en: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: q(d, "q1").update(explanation=t(text_zh, text_en))


def _prompt(text_zh: str, text_en: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: q(d, "q2").update(prompt=t(text_zh, text_en))


def _untested_section(d: dict[str, Any]) -> None:
    d["module"]["sections"].append({"id": "s3", "title": t("三"), "body": t("正文")})


def _untested_group(d: dict[str, Any]) -> None:
    q(d, "q7").pop("checklist")


def _mostly_recall(d: dict[str, Any]) -> None:
    for x in ("q1", "q2", "q4"):
        q(d, x).pop("kind")


VIOLATIONS = [
    ("length-cue", "key always longest", _longest_keys),
    ("length-cue", "key longest in English only", _english_only_cue),
    ("true-false-balance", "every statement false", _all_false),
    ("multiple-right-count", "all options right", _all_options_right),
    ("multiple-right-count", "same number right everywhere", _same_count_everywhere),
    ("letter-reference", "letters in a list", _explain("B、C 都忽略了成本。", "B and C ignore the cost.")),
    ("letter-reference", "option and a letter", _explain("因为", "Ticking option c misses the point.")),
    ("letter-reference", "letter in brackets", _explain("说实话（A）最重要。", "Telling the truth matters most.")),
    ("letter-reference", "position in English", _explain("因为", "The first option is the trap.")),
    ("letter-reference", "position in Chinese", _explain("第一个选项是陷阱。", "Because")),
    ("letter-reference", "选项 and a letter", _explain("选项 C 错在忽略老客户。", "Because")),
    ("letter-reference", "a bare letter", _explain("因为", "So C is wrong.")),
    (
        "letter-reference",
        "lower-case letters in brackets",
        _explain("因为", "Making it conditional (a, c) is a trade."),
    ),
    ("source-reference", "the source", _prompt("问", "What does the source say about it?")),
    ("source-reference", "原文", _prompt("原文怎么说？", "Question")),
    ("source-reference", "文中", _prompt("文中提到的做法是哪一种？", "Question")),
    ("source-reference", "the article", lambda d: q(d, "q1").update(explanation=t("因为", "As the article says."))),
    ("section-coverage", "a section without questions", _untested_section),
    ("checklist-coverage", "a checklist group without questions", _untested_group),
    ("glossary-names", "variant in a question", _prompt("问", "Which big cat is this?")),
    (
        "glossary-names",
        "variant in a lesson",
        lambda d: d["module"]["sections"][0]["body"].update(en="The Big Cat wants results."),
    ),
    ("application-share", "recall questions", _mostly_recall),
]


@pytest.mark.parametrize(("rule", "case", "change"), VIOLATIONS, ids=[f"{r}: {c}" for r, c, _ in VIOLATIONS])
def test_a_bank_breaking_one_rule_fails_that_rule_only(rule: str, case: str, change) -> None:
    data = copy.deepcopy(CLEAN)
    change(data)
    assert failed(data) == {rule}


@pytest.mark.parametrize(
    ("prompt", "explanation"),
    [
        ("Developer A and developer B both call.", "B has a budget; A only a latent need."),
        ("销售A和销售B谁做得对？", "这正是销售B的做法，销售A是在说教。"),
        ("Which seller is right?", "This is Sales B: listen first."),
        ("Who decides?", "A key-account purchase is decided at the top."),
        ("Who decides?", "The other options describe an ordinary order."),
    ],
)
def test_labels_and_articles_are_not_option_letters(prompt: str, explanation: str) -> None:
    data = copy.deepcopy(CLEAN)
    q(data, "q1").update(prompt=t(prompt), explanation=t(explanation))
    assert failed(data) == set()


def test_framework_codes_are_not_option_letters() -> None:
    """In the decision-unit module E is the evaluator (and the enemy), not a fifth option."""
    data = copy.deepcopy(CLEAN)
    data["module"]["terms"][0]["name"] = t("对立方（E）", "Enemy (E)")
    q(data, "q1").update(options=opts("一", "二二", "三", "四四四", "五五"), answer=["b"])
    q(data, "q1").update(explanation=t("他是对立方（E），不是阻挡者。", "He is an enemy (E), not a blocker."))
    build(data)  # the glossary still names the term 'Tiger'; only the letter rule is under test here
    results = {r.rule: r for r in lint_course(build(data))}
    assert results["letter-reference"].passed


def test_offenders_are_named() -> None:
    data = copy.deepcopy(CLEAN)
    _longest_keys(data)
    _all_false(data)
    results = {r.rule: r for r in lint_course(build(data))}
    assert results["length-cue"].figure == "3/3 (100%)"
    assert results["length-cue"].offenders == ["q1", "q2", "q3"]
    assert results["true-false-balance"].offenders == ["q4", "q5"]
    text = report(list(results.values()), build(data))
    assert "FAIL length-cue" in text and "(threshold: <= 30%)" in text and "- q3" in text


def test_a_role_play_whose_best_lines_are_the_longest_fails(course: Course) -> None:
    from dataclasses import replace

    from academy.content.lint import roleplay_length_cue

    assert roleplay_length_cue(course).passed
    scenario = course.roleplays["first-visit-owl"]
    nodes = {}
    for nid, node in scenario.nodes.items():  # pad every turn's best line until it is the longest
        if node.choices:
            best = max(node.choices, key=lambda c: sum(c.scores.values()))
            padded = best.model_copy(update={"line": best.line.model_copy(update={"en": best.line.en + " " * 400})})
            node = node.model_copy(update={"choices": [padded if c is best else c for c in node.choices]})
        nodes[nid] = node
    cued = replace(
        course, roleplays={**course.roleplays, "first-visit-owl": scenario.model_copy(update={"nodes": nodes})}
    )
    result = roleplay_length_cue(cued)
    assert not result.passed and result.offenders == ["first-visit-owl: 9 of 9 turns"]
