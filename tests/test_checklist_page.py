"""The checklist page through the real navigation shell (AppTest); editing the grid and files are in tests/e2e."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import streamlit as st

from academy.checklist import log as ck
from academy.checklist.demo import generate_log
from academy.content.loader import load_course
from academy.core.db import session_scope
from academy.core.i18n import t
from academy.core.models import User
from academy.core.settings import ROOT, get_settings
from tests.test_pages import app, make_user

PAGE = "views/checklist.py"


@pytest.fixture(autouse=True)
def _fresh_cache():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def open_tab(user_token, tab: str, lang: str = "en"):
    at = app(user_token, lang=lang).run()
    at.session_state["ck_tab"] = t(tab, lang)  # only the open tab runs
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert not at.error
    return at


def with_log() -> tuple:
    """A user with ten whole weeks of daily entries, up to last Sunday."""
    user, token = make_user()
    last_sunday = date.today() - timedelta(days=date.today().weekday() + 1)
    with session_scope(get_settings().database_url) as s:
        generate_log(s, user_id=user.id, days=70, seed=3, end=last_sunday)
    return user, token


@pytest.mark.parametrize("lang", ["zh", "zh-hant", "en"])
@pytest.mark.parametrize("tab", ["ck_tab_log", "ck_tab_charts", "ck_tab_goals", "ck_tab_files"])
def test_every_tab_renders_with_a_log_in_every_language(tab: str, lang: str) -> None:
    at = open_tab(with_log(), tab, lang)
    assert at.title[0].value == t("ck_title", lang)


def test_charts_tab_summarises_the_window_and_draws_the_charts() -> None:
    # in Chinese: AppTest formats option labels outside the run, where the language is the default (zh)
    at = open_tab(with_log(), "ck_tab_charts", lang="zh")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("ck_metric_weeks", "zh")] == "10"  # the 12-week window holds the whole log
    assert metrics[t("ck_metric_rate", "zh")].endswith("%")
    assert len(at.get("plotly_chart")) == 5
    at.button_group(key="ck_window").set_value(4).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("ck_metric_weeks", "zh")] == "3"  # this week has no entries yet


def test_the_charts_follow_a_log_saved_elsewhere_at_once() -> None:
    # the page reuses its weekly sums between runs; a save (here from another tab or device) must show next run
    user, token = with_log()
    at = open_tab((user, token), "ck_tab_charts", lang="zh")
    weeks = t("ck_metric_weeks", "zh")
    assert {m.label: m.value for m in at.metric}[weeks] == "10"
    at.run()
    assert {m.label: m.value for m in at.metric}[weeks] == "10"
    this_monday = date.today() - timedelta(days=date.today().weekday())
    with session_scope(get_settings().database_url) as s:
        items = {item for _, item in load_course(ROOT / "content", ROOT / "assessments").checklist_items()}
        row = {sorted(items)[0]: {"executed": 2, "fulfilled": 1}}
        ck.save_period(s, user_id=user.id, period="week", start=this_monday, rows=row, item_ids=items)
    at.run()
    assert {m.label: m.value for m in at.metric}[weeks] == "11"


def test_an_empty_log_says_so_instead_of_drawing() -> None:
    at = open_tab(make_user(), "ck_tab_charts")
    assert [i.value for i in at.info] == [t("ck_no_data", "en")]
    assert not at.get("plotly_chart")


def test_log_tab_moves_between_weeks_and_offers_the_last_logged_week() -> None:
    user, token = make_user()
    monday = date.today() - timedelta(days=date.today().weekday())
    at = open_tab((user, token), "ck_tab_log")
    assert at.subheader[0].value == f"Week of {monday} to {monday + timedelta(days=6)}"
    assert at.button(key="ck_copy_button").disabled
    with session_scope(get_settings().database_url) as s:
        rows = {"prep-questions": {"executed": 3, "fulfilled": 2}}
        ck.save_period(
            s, user_id=user.id, period="week", start=monday - timedelta(weeks=2), rows=rows, item_ids={"prep-questions"}
        )
    at.button(key="ck_prev").click().run()
    assert at.subheader[0].value.startswith(f"Week of {monday - timedelta(weeks=1)}")
    copy = at.button(key="ck_copy_button")
    assert copy.label == f"Fill in the counts from {monday - timedelta(weeks=2)}" and not copy.disabled
    copy.click().run()
    assert at.info[0].value.startswith(f"Counts from {monday - timedelta(weeks=2)} filled in")
    at.button(key="ck_prev").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Overall"] == "67%" and metrics["Sales preparation"] == "67%" and metrics["The visit"] == "—"


def test_target_and_sharing_are_saved_from_the_goals_tab() -> None:
    user, token = make_user()
    at = open_tab((user, token), "ck_tab_goals")
    at.number_input[0].set_value(80)
    at.toggle[0].set_value(True)
    at.button(key="FormSubmitter:ck-settings-Save settings").click().run()
    assert not at.exception
    with session_scope(get_settings().database_url) as s:
        saved = s.get(User, user.id)
        assert (saved.checklist_target, saved.share_checklist) == (0.8, True)
    assert at.number_input[0].value == 80 and at.toggle[0].value is True


def test_logging_by_day_shows_the_day_and_its_own_rates() -> None:
    user, token = make_user()
    today = date.today()
    with session_scope(get_settings().database_url) as s:
        rows = {"prep-questions": {"executed": 4, "fulfilled": 1}}
        ck.save_period(s, user_id=user.id, period="day", start=today, rows=rows, item_ids={"prep-questions"})
    at = open_tab((user, token), "ck_tab_log", lang="zh")  # option labels: see the charts test
    assert at.metric[0].value == "25%"  # this week, rolled up from the day
    assert at.info[0].value == t("ck_week_has_days", "zh")
    at.button_group(key="ck_period").set_value("day").run()
    assert at.subheader[0].value == t("ck_day_of", "zh", day=today)
    assert at.metric[0].value == "25%"
    at.button(key="ck_prev").click().run()
    assert at.subheader[0].value == t("ck_day_of", "zh", day=today - timedelta(days=1))
    assert at.metric[0].value == "—"


def test_the_log_by_group_saves_one_group_and_keeps_the_rest_of_the_week() -> None:
    # AppTest sends no phone user agent: the table is the default, the cards a tap away
    user, token = make_user()
    monday = date.today() - timedelta(days=date.today().weekday())
    items = {item for _, item in load_course(ROOT / "content", ROOT / "assessments").checklist_items()}
    with session_scope(get_settings().database_url) as s:
        rows = {
            "prep-questions": {"executed": 2, "fulfilled": 1, "note": "ask about budget"},
            "visit-confident-image": {"executed": 5, "fulfilled": 4},
        }
        ck.save_period(s, user_id=user.id, period="week", start=monday, rows=rows, item_ids=items)
    at = open_tab((user, token), "ck_tab_log", lang="zh")  # option labels: see the charts test
    assert at.button_group(key="ck_layout").value == "table"
    at.button_group(key="ck_layout").set_value("cards").run()
    stamp = f"week-{monday}-0"
    assert at.number_input(key=f"ck-e-{stamp}-prep-questions").value == 2  # the saved week, prefilled
    at.number_input(key=f"ck-e-{stamp}-prep-opening").set_value(3)
    at.number_input(key=f"ck-f-{stamp}-prep-opening").set_value(2)
    next(b for b in at.button if b.label == t("fw_ck_save_group_next", "zh")).click().run()
    assert not at.exception and not at.error
    with session_scope(get_settings().database_url) as s:
        saved = ck.load_period(s, user_id=user.id, period="week", start=monday)
    assert {item: (e.executed, e.fulfilled, e.note) for item, e in saved.items()} == {
        "prep-opening": (3, 2, ""),
        "prep-questions": (2, 1, "ask about budget"),  # the note, kept
        "visit-confident-image": (5, 4, ""),
    }
    assert at.number_input(key=f"ck-e-week-{monday}-1-visit-confident-image").value == 5  # on to the next group
