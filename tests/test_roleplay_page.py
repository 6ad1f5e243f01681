"""The Role-play page through the real navigation shell (AppTest): list, play, debrief, resume, history."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from academy.content.loader import Course
from academy.content.roleplay_play import best_path
from academy.core.db import session_scope
from academy.core.settings import get_settings
from academy.learning import roleplay
from tests.roleplay_paths import path_to
from tests.test_pages import app, make_user

OWL = "first-visit-owl"


@pytest.fixture(autouse=True)
def _fresh_cache():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def open_scenario(user_token, roleplay_id: str | None, lang: str = "en", **params: str) -> AppTest:
    at = app(user_token, lang=lang).run()
    at.switch_page("views/roleplay.py")
    if roleplay_id:
        at.query_params["rp"] = roleplay_id
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def click_choice(at: AppTest, choice_id: str) -> AppTest:
    [button] = [b for b in at.button if b.key and b.key.endswith(f"-{choice_id}") and b.key.startswith("choice-")]
    return button.click().run()


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def test_the_list_groups_scenarios_by_module_with_their_client(course: Course) -> None:
    at = open_scenario(make_user(), None)
    assert not at.exception
    assert at.title[0].value == "Role-play"
    shown = texts(at)
    for rp in course.roleplays.values():
        assert rp.title.en in shown and rp.client.name.en in shown
    assert [h.value for h in at.subheader] == [m.title.en for m in course.modules if course.roleplays_for(m.id)]


def test_an_unknown_scenario_is_a_message_not_a_crash() -> None:
    at = open_scenario(make_user(), "no-such-scenario")
    assert not at.exception
    assert [e.value for e in at.error] == ["No such scenario."]


def test_playing_the_best_path_ends_in_a_perfect_debrief_that_survives_a_reload(course: Course) -> None:
    user, token = make_user()
    rp = course.roleplays[OWL]
    at = open_scenario((user, token), OWL)
    assert rp.client.name.en in texts(at)
    [start] = [b for b in at.button if b.label == "Start the conversation"]
    at = start.click().run()
    for choice_id in best_path(rp):
        at = click_choice(at, choice_id)
        assert not at.exception
    assert "You chose the best line at every turn." in [s.value for s in at.success]
    assert [m.value for m in at.metric] == ["100%"]
    assert at.query_params["a"]  # the debrief has an address: a reload shows it again
    again = open_scenario((user, token), OWL, a=at.query_params["a"][0])
    assert "You chose the best line at every turn." in [s.value for s in again.success]


def test_a_half_played_attempt_resumes_and_a_bad_ending_lists_what_to_read(course: Course) -> None:
    user, token = make_user()
    rp = course.roleplays[OWL]
    bad = path_to(rp, "bad")
    at = open_scenario((user, token), OWL)
    at = next(b for b in at.button if b.label == "Start the conversation").click().run()
    at = click_choice(at, bad[0])
    resumed = open_scenario((user, token), OWL)  # another visit: the conversation is where it was
    assert any(b.key and b.key.endswith(f"-{bad[1]}") for b in resumed.button)
    for choice_id in bad[1:]:
        resumed = click_choice(resumed, choice_id)
    assert not resumed.exception
    assert "You left the best path at turn" in texts(resumed)
    assert [m.value for m in resumed.metric] != ["100%"]
    reading = [link.label for link in resumed.get("page_link") if link.label.startswith("Read: ")]
    assert reading, "a bad ending lists lessons to read again"
    with session_scope(get_settings().database_url) as s:
        [done] = roleplay.history(s, user_id=user.id, roleplay_id=OWL)
    assert done.outcome == "bad" and done.choices == bad


def test_the_module_and_home_pages_show_the_role_play(course: Course) -> None:
    user_token = make_user()
    at = app(user_token).run()
    at.switch_page("views/module.py")
    at.query_params["m"] = "m6-customer-personalities"
    at.query_params["sec"] = "wrap"  # the module's last step: takeaways and practice
    at.run()
    links = [link.label for link in at.get("page_link")]
    for rp in course.roleplays_for("m6-customer-personalities"):
        assert f"Role-play: {rp.title.en}" in links
    at.switch_page("views/home.py").run()
    statuses = [bar.proto.text for bar in at.get("progress")]  # each module's progress, in words
    assert any("Role-play: not yet (one played to the end completes the module)" in s for s in statuses)
