"""How-to cards on the checklist page (AppTest): from the log's rows and under the weakest-behaviours chart."""

from __future__ import annotations

from datetime import date

import pytest
import streamlit as st

from academy.checklist import log as ck
from academy.checklist import rates
from academy.content.loader import load_course
from academy.core.db import session_scope
from academy.core.i18n import t
from academy.core.settings import ROOT, get_settings
from tests.test_checklist_page import open_tab, with_log
from tests.test_pages import make_user


@pytest.fixture(autouse=True)
def _fresh_cache():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


COURSE = load_course(ROOT / "content", ROOT / "assessments")
COURSE_ZH = {i.id: i.text.zh for g in COURSE.checklist.groups for i in g.items}


def test_any_behaviour_of_the_log_opens_its_card_with_links_to_its_training() -> None:
    at = open_tab(make_user(), "ck_tab_log", lang="zh")  # AppTest names options in the default language
    picker = at.selectbox(key="ck-howto")
    assert picker.value is None and len(picker.options) == 30  # one card per row of the table
    picker.set_value("rel-other-activities").run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "拜访之外安排有内容的活动" in shown  # what it means
    assert "做得好" in shown and "做得不好" in shown
    m2 = COURSE.module("m2-seven-elements")
    section = next(s for s in m2.sections if s.id == "other-activities")
    links = [link.proto for link in at.get("page_link")]
    lesson = next(link for link in links if link.label == f"{m2.title.zh} · {section.title.zh}")
    assert "m=m2-seven-elements" in lesson.page or lesson.query_string == "m=m2-seven-elements"


def test_a_role_play_link_names_the_scenario_and_its_module() -> None:
    at = open_tab(make_user(), "ck_tab_log", lang="zh")
    at.selectbox(key="ck-howto").set_value("self-seek-breakthrough").run()
    labels = [link.proto.label for link in at.get("page_link")]
    cold_call = COURSE.roleplays["cold-call"]
    assert any(label.startswith(f"角色扮演：{cold_call.title.zh}") for label in labels)


def test_the_weakest_behaviours_are_listed_with_their_cards_under_the_chart() -> None:
    user, token = with_log()
    with session_scope(get_settings().database_url) as s:
        weekly = ck.weekly_totals(s, user_id=user.id, since=rates.window_start(date.today(), 12))
    texts = {i.id: i.text.en for g in COURSE.checklist.groups for i in g.items}
    worst = list(rates.weakest(weekly, 5, item_ids=texts)["item_id"])
    at = open_tab((user, token), "ck_tab_charts", lang="zh")
    titles = [e.label for e in at.expander]
    cards = [title for title in titles if any(title.startswith(COURSE_ZH[i]) for i in worst)]
    assert len(cards) == 5
    assert [next(i for i in worst if title.startswith(COURSE_ZH[i])) for title in cards] == worst  # weakest first
    assert t("ck_weakest_cards", "zh") in "\n".join(m.value for m in at.markdown)


def test_no_cards_without_a_log() -> None:
    at = open_tab(make_user(), "ck_tab_charts")
    assert not [e for e in at.expander if "%" in e.label]
