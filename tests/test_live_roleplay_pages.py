"""The projector and phone screens of a live role-play, in every phase, through the real shell (AppTest)."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from academy.classroom import live
from academy.classroom import live_roleplay as lrp
from academy.content.loader import Course
from academy.content.roleplay_play import best_path
from academy.core.db import session_scope
from academy.core.models import Role
from academy.core.settings import get_settings
from tests.test_pages import app, make_user

CALL = "cold-call"


@pytest.fixture(autouse=True)
def _fresh_cache():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def host_page(trainer, live_id: int, lang: str = "en") -> AppTest:
    at = app(trainer, lang=lang).run()
    at.switch_page("views/live_host.py")
    at.query_params["s"] = str(live_id)
    return at.run()


def phone_page(token: str, lang: str = "en") -> AppTest:
    at = app(None, lang=lang).run()
    at.switch_page("views/join.py")
    at.query_params["p"] = token
    return at.run()


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [b.label for b in at.button] + [s.value for s in at.success] + [i.value for i in at.info]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_phase_renders_on_the_projector_and_a_phone(course: Course, lang: str) -> None:
    trainer = make_user("coach", Role.admin)
    rp = course.roleplays[CALL]
    best = best_path(rp)
    url = get_settings().database_url
    with session_scope(url) as s:
        started = lrp.start(s, trainer=trainer[0], course=course, roleplay_id=CALL, title="Cold call, live")
        live_id, code = started.id, started.code
    with session_scope(url) as s:
        token = live.join(s, code=code, nickname="Ana <b>").token

    def step(action, **kwargs) -> None:
        with session_scope(url) as s:
            action(s, trainer=trainer[0], live_id=live_id, course=course, **kwargs)

    screens = {}
    screens["lobby"] = (host_page(trainer, live_id, lang), phone_page(token, lang))
    step(lrp.open_first)
    screens["question"] = (host_page(trainer, live_id, lang), phone_page(token, lang))
    vote = phone_page(token, lang)
    [button] = [b for b in vote.button if b.key and b.key.endswith(f"-0-{best[0]}")]
    vote = button.click().run()
    screens["voted"] = (host_page(trainer, live_id, lang), vote)
    step(lrp.close_vote, step=0)
    screens["tally"] = (host_page(trainer, live_id, lang), phone_page(token, lang))
    step(lrp.play, step=0)
    screens["reveal"] = (host_page(trainer, live_id, lang), phone_page(token, lang))
    step(lrp.next_turn, step=0)
    with session_scope(url) as s:
        live.end(s, trainer=trainer[0], live_id=live_id)
    screens["ended"] = (host_page(trainer, live_id, lang), phone_page(token, lang))

    for phase, (projector, handset) in screens.items():
        assert not projector.exception and not handset.exception, phase
        assert not projector.error and not handset.error, phase
    first_line = rp.nodes[rp.start].line.en if lang == "en" else rp.nodes[rp.start].line.zh
    assert first_line in shown(screens["question"][0]) and first_line in shown(screens["question"][1])
    assert ("Vote received" if lang == "en" else "已收到你的投票") in shown(screens["voted"][1])
    assert "1/1" in [m.value for m in screens["voted"][0].metric]  # the projector counts the vote
    reaction = rp.choice(rp.start, best[0]).reaction
    assert (reaction.en if lang == "en" else reaction.zh) in shown(screens["reveal"][1])
    assert ("The role-play is over" if lang == "en" else "对练结束") in shown(screens["ended"][1])
    assert "Ana \\<b\\>" in shown(screens["lobby"][0])  # a nickname is shown as text, never as HTML
    assert ("A bad ending" if lang == "en" else "不好的结局") not in shown(screens["ended"][0])  # ended early
