"""Every framework of shared CONTENT_MAP.md is present in the course, with its facts.

Each module file is checked on its own, so an error names the module it belongs to.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from academy.content.schema import Module, QuestionBank

ROOT = Path(__file__).resolve().parent.parent


def load_module(module_id: str) -> Module:
    data = yaml.safe_load((ROOT / "content" / "modules" / f"{module_id}.yaml").read_text("utf-8"))
    return Module.model_validate(data)


def terms(module: Module, kind: str) -> list[tuple[str, dict]]:
    return [(t.id, dict(t.attrs)) for t in module.terms if t.attrs.get("kind") == kind]


def ids(module: Module, kind: str) -> list[str]:
    return [i for i, _ in terms(module, kind)]


# module id -> {kind: the term ids, in order}
REQUIRED: dict[str, dict[str, list[str]]] = {
    "m1-key-account-game": {"axis": ["customer-state", "needs-and-effect", "participants"]},
    "m2-seven-elements": {
        "element": ["value", "favour", "dignity", "standing", "frequency", "length", "depth"],
        "value-kind": ["kinship", "emotional", "material"],
    },
    "m3-seller-types": {
        "seller": ["account", "solution", "project"],
        "level": ["intermediate", "senior", "top"],
    },
    "m4-character": {
        "trait": ["sincerity", "focus", "depth", "ease"],
        "freedom": ["company-freedom", "age-freedom", "client-freedom", "mood-freedom"],
    },
    "m5-cultivating-relationships": {
        "key": [
            "one-chance",
            "preferred-option",
            "handle-anger",
            "virtual-lifts-real",
            "fresh-views",
            "shield-and-spear",
        ],
        "position": ["first-choice", "comparison", "filler"],
    },
    "m6-customer-personalities": {"personality": ["tiger", "peacock", "koala", "owl"]},
    "m7-decision-unit": {
        "role": ["decider", "evaluator", "screener", "user"],
        "attitude": ["active", "passive", "resistant"],
        "relationship": ["neutral", "champion", "supporter", "enemy", "blocker"],
        "need-level": ["decision-level", "management-level", "operating-level"],
    },
    "m8-complex-sale": {
        "assessment": ["market-opportunity", "client-maturity", "competitive-position"],
        "activity": ["relationship", "needs", "product", "close"],
        "core-feeling": ["peace-of-mind", "trust", "value"],
        "visit-step": ["rapport", "create-trust", "explore-needs", "offer-solution", "close-and-objections"],
        "perfect-sale-key": ["probe-needs", "product-understood", "handle-objections", "satisfy-client"],
        "cycle-step": [
            "cycle-visit",
            "cycle-needs-concrete",
            "cycle-proposal",
            "cycle-presentation",
            "cycle-negotiation",
            "cycle-signing",
        ],
    },
    "m9-prospecting": {
        "strategy": [
            "directory-search",
            "door-to-door",
            "chain-referral",
            "centre-of-influence",
            "personal-observation",
            "agents-assistants",
            "advertising",
            "market-consultation",
            "information-exchange",
            "industry-breakthrough",
        ],
        "funnel-stage": ["cold-contacts", "connected", "appointments", "deals"],
    },
    "m10-sales-system": {
        "foundation": ["sales-values"],
        "pillar": ["sales-skills", "sales-strategy", "sales-management", "customer-relationships"],
        "values-question": [
            "why-buy",
            "how-decide",
            "what-is-good",
            "competition",
            "salesperson-role",
            "customer-centric",
        ],
    },
}

FACTS: dict[str, dict[str, dict[str, object]]] = {
    "m3-seller-types": {
        "account": {"soul": "control", "keyword": "信"},
        "solution": {"soul": "support", "keyword": "慧"},
        "project": {"soul": "attack", "keyword": "智"},
        "intermediate": {"souls": "attack"},
        "senior": {"souls": "attack+control"},
        "top": {"souls": "attack+control+support"},
    },
    "m6-customer-personalities": {
        "tiger": {"control": "high", "sensitivity": "low"},
        "peacock": {"control": "high", "sensitivity": "high"},
        "koala": {"control": "low", "sensitivity": "high"},
        "owl": {"control": "low", "sensitivity": "low"},
    },
    "m7-decision-unit": {
        "decider": {"code": "D"},
        "evaluator": {"code": "E"},
        "screener": {"code": "S"},
        "user": {"code": "U"},
        "active": {"code": "A"},
        "passive": {"code": "P"},
        "resistant": {"code": "R"},
        "neutral": {"code": "N"},
        "champion": {"code": "C"},
        "supporter": {"code": "S"},
        "enemy": {"code": "E"},
        "blocker": {"code": "B"},
    },
    "m8-complex-sale": {
        "product": {"old": 40, "new": 20},
        "close": {"old": 30, "new": 10},
        "needs": {"old": 20, "new": 30},
        "relationship": {"old": 10, "new": 40},
    },
    "m5-cultivating-relationships": {"first-choice": {"rank": 1}, "comparison": {"rank": 2}, "filler": {"rank": 3}},
}


@pytest.mark.parametrize("module_id", list(REQUIRED))
def test_module_teaches_every_required_item(module_id: str) -> None:
    module = load_module(module_id)
    for kind, expected in REQUIRED[module_id].items():
        assert ids(module, kind) == expected, f"{module_id}: terms of kind '{kind}'"


@pytest.mark.parametrize("module_id", list(FACTS))
def test_module_facts(module_id: str) -> None:
    module = load_module(module_id)
    attrs = {t.id: dict(t.attrs) for t in module.terms}
    for term_id, facts in FACTS[module_id].items():
        for key, value in facts.items():
            assert attrs[term_id].get(key) == value, f"{module_id}: {term_id}.{key}"


def test_old_and_new_model_each_add_up_to_100() -> None:
    module = load_module("m8-complex-sale")
    for model in ("old", "new"):
        assert sum(int(a[model]) for _, a in terms(module, "activity")) == 100


@pytest.mark.parametrize("module_id", list(REQUIRED))
def test_module_has_a_diagram_a_case_and_reflections(module_id: str) -> None:
    module = load_module(module_id)
    assert module.diagrams, f"{module_id} has no diagram"
    assert len(module.sections) >= 3
    assert module.reflections


@pytest.mark.parametrize("module_id", list(REQUIRED))
def test_question_bank_per_module(module_id: str) -> None:
    data = yaml.safe_load((ROOT / "assessments" / f"{module_id}.yaml").read_text("utf-8"))
    bank = QuestionBank.model_validate(data)
    assert bank.module == module_id
    assert len(bank.questions) >= 12
    sections = {s.id for s in load_module(module_id).sections}
    assert {q.section for q in bank.questions} <= sections
    assert {"single", "multiple", "true_false", "scenario"} <= {q.type for q in bank.questions}
    assert {"matching", "ordering"} & {q.type for q in bank.questions}


CHECKLIST_GROUP_SIZES = {"preparation": 5, "visit": 8, "packaging": 6, "relationship": 4, "self-analysis": 7}


def test_checklist_has_thirty_behaviours_in_five_groups() -> None:
    from academy.content.schema import Checklist

    data = yaml.safe_load((ROOT / "content" / "checklist.yaml").read_text("utf-8"))
    checklist = Checklist.model_validate(data)
    assert {g.id: len(g.items) for g in checklist.groups} == CHECKLIST_GROUP_SIZES


def test_the_framework_constants_match_the_modules(course) -> None:
    from academy.content.frameworks import CYCLE_STEPS, PERSONALITIES, ROLE_WEIGHT, SELLING_ROLES, SOULS, STANCE

    def ids(module_id: str, kind: str) -> list[str]:
        return [t.id for t in course.module(module_id).terms if t.attrs.get("kind") == kind]

    assert list(ROLE_WEIGHT) == ids("m7-decision-unit", "role")
    assert sorted(STANCE) == sorted(ids("m7-decision-unit", "relationship"))
    assert list(CYCLE_STEPS) == ids("m8-complex-sale", "cycle-step")
    assert list(PERSONALITIES) == ids("m6-customer-personalities", "personality")
    assert set(SELLING_ROLES) == {*ROLE_WEIGHT, *ids("m7-decision-unit", "selling-role")}
    sellers = [t for t in course.module("m3-seller-types").terms if t.attrs.get("kind") == "seller"]
    assert sorted(SOULS) == sorted(str(t.attrs["soul"]) for t in sellers)
