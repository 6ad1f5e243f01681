"""Course diagrams: pure functions of the content that follow the language."""

from __future__ import annotations

import pytest

from academy.content.loader import Course
from academy.learning.diagrams import DIAGRAMS, time_split


def _texts(fig) -> str:
    parts = [str(a.text) for a in fig.layout.annotations] + [str(fig.layout.title.text)]
    for trace in fig.data:
        for attr in ("x", "y", "labels", "text", "theta"):
            value = getattr(trace, attr, None)
            if value is not None:
                parts += [str(v) for v in value]
    return " ".join(parts)


def _diagram_cases(course: Course):
    return [(m.id, d) for m in course.modules for d in m.diagrams]


@pytest.mark.parametrize("lang", ["zh", "zh-hant", "en"])
def test_every_module_diagram_renders_with_its_term_names(course: Course, lang: str) -> None:
    from academy.core.i18n import tr

    for module_id, diagram in _diagram_cases(course):
        module = course.module(module_id)
        fig = DIAGRAMS[diagram](module, lang)
        text = _texts(fig)
        shown = [
            term
            for term in module.terms
            if tr(term.name, lang).split("<")[0].replace(" ", "") in text.replace(" ", "").replace("<br>", "")
        ]
        assert shown, f"{diagram} shows none of {module_id}'s terms in {lang}"


def test_time_split_shows_the_old_and_new_percentages(course: Course) -> None:
    fig = time_split(course.module("m8-complex-sale"), "en")
    old, new = fig.data
    assert old.name == "Old model" and new.name == "New model"
    by_name = dict(zip(old.x, zip(old.y, new.y, strict=True), strict=True))
    assert sorted(by_name.values()) == sorted([(40, 20), (30, 10), (20, 30), (10, 40)])


def test_seven_elements_wheel_lists_elements_in_order(course: Course) -> None:
    fig = DIAGRAMS["seven-elements"](course.module("m2-seven-elements"), "en")
    assert list(fig.data[0].theta if len(fig.data) == 1 else [t.theta[0] for t in fig.data]) == [
        "1. Value",
        "2. Favour",
        "3. Dignity",
        "4. Standing",
        "5. Frequency",
        "6. Length",
        "7. Depth",
    ]


def test_quadrant_places_each_personality_by_its_axes(course: Course) -> None:
    fig = DIAGRAMS["personality-quadrant"](course.module("m6-customer-personalities"), "en")
    spots = {a.text: (a.x, a.y) for a in fig.layout.annotations}
    tiger = next(k for k in spots if "tiger" in k.lower())
    owl = next(k for k in spots if "owl" in k.lower())
    assert spots[tiger] == (-0.5, 0.5)  # high control, low sensitivity
    assert spots[owl] == (-0.5, -0.5)  # low control, low sensitivity


def test_funnel_applies_each_stage_rate(course: Course) -> None:
    fig = DIAGRAMS["prospecting-funnel"](course.module("m9-prospecting"), "en")
    assert list(fig.data[0].x) == [1000, 300, 60, 6]
