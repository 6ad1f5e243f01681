"""Issue 17, the live quiz as people meet it in their first week (AppTest through the real shell, in Chinese).

Guests are marked as guests on every screen, a cohort member's name is theirs, a trainee who
scanned the code while logged out can log in from the join page, the leaderboard ranks by the
score it shows, and the export speaks the trainer's language with the options' own text.
"""

from __future__ import annotations

import pytest
import streamlit as st
from sqlmodel import select

from academy.accounts import users
from academy.classroom import cohorts, live
from academy.content.loader import load_course
from academy.core.db import session_scope
from academy.core.models import Role, User
from academy.core.settings import get_settings
from tests.test_pages import app, make_user

QUESTION = "m1-weekly-plan-changes"  # multiple choice, right: a and c; partial credit


@pytest.fixture(autouse=True)
def _fresh_cache():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def course():
    s = get_settings()
    return load_course(s.content_dir, s.assessments_dir)


def learner(username: str, display: str) -> tuple[User, str]:
    user, token = make_user(username)
    with session_scope(get_settings().database_url) as s:
        users.update_profile(s, user=s.get(User, user.id), display_name=display)
        return s.get(User, user.id), token


def start(trainer: User, *, members: list[User] = (), questions: list[str] = (QUESTION,)) -> live.LiveSession:
    with session_scope(get_settings().database_url) as s:
        cohort_id = None
        if members:
            cohort = cohorts.create_cohort(s, trainer=trainer, name="2026 华东新人")
            for member in members:
                cohorts.join_cohort(s, user=member, code=cohort.join_code)
            cohort_id = cohort.id
        return live.start_session(
            s,
            trainer=trainer,
            course=course(),
            title="第一周",
            question_ids=list(questions),
            cohort_id=cohort_id,
            time_limit=600,
        )


def host(trainer_token, live_id: int):
    at = app(trainer_token, lang="zh").run()
    at.switch_page("views/live_host.py")
    at.query_params["s"] = str(live_id)
    return at.run()


def phone(code: str, token: str | None = None, user_token=None):
    at = app(user_token, lang="zh").run()
    at.switch_page("views/join.py")
    at.query_params["code"] = code
    if token:
        at.query_params["p"] = token
    return at.run()


def box(at, label: str):
    return next(t for t in at.text_input if t.label == label)


def join_on_phone(code: str, nickname: str | None, user_token=None):
    at = phone(code, user_token=user_token)
    if nickname is not None:
        box(at, "昵称").input(nickname)
    at.button(key="FormSubmitter:join-live-加入").click().run()
    assert not at.exception, at.exception
    return at


def test_guests_are_marked_as_guests_on_the_host_screen_and_their_phone() -> None:
    trainer = make_user("coach", Role.trainer)
    chen = learner("chenjing", "陈静")
    started = start(trainer[0])
    join_on_phone(started.code, None, user_token=chen)
    guest_phone = join_on_phone(started.code, "小林")
    assert "小林（访客）" in guest_phone.caption[0].value  # the phone says it joined as a guest

    lobby = host(trainer, started.id)
    names = [m.value for m in lobby.markdown if "陈静" in m.value]
    assert names == ["陈静 · 小林（访客）"]


def test_a_guest_cannot_take_a_cohort_members_name_even_before_they_join() -> None:
    trainer = make_user("coach", Role.trainer)
    chen = learner("chenjing", "陈静")
    started = start(trainer[0], members=[chen[0]])
    at = join_on_phone(started.code, " 陈静 ")
    assert [e.value for e in at.error] == ["“陈静”是本场学员的名字，请换一个昵称；如果这是你，请先登录。"]
    with session_scope(get_settings().database_url) as s:
        assert live.participants(s, live_id=started.id) == []


def test_a_learner_keeps_their_name_when_a_guest_took_it_first() -> None:
    trainer = make_user("coach", Role.trainer)
    chen = learner("chenjing", "陈静")
    started = start(trainer[0])  # no cohort: anyone may come, so the guest is let in, marked
    join_on_phone(started.code, "陈静")
    mine = join_on_phone(started.code, None, user_token=chen)
    assert mine.caption[0].value.endswith("昵称：陈静")  # not "陈静 (2)", and not marked as a guest
    lobby = host(trainer, started.id)
    assert [m.value for m in lobby.markdown if "陈静" in m.value] == ["陈静（访客） · 陈静"]


def _answer(started, nickname: str, response: list[str]) -> None:
    with session_scope(get_settings().database_url) as s:
        who = live.join(s, code=started.code, nickname=nickname)
        live.submit(s, token=who.token, question_index=0, response=response, course=course())


def test_the_leaderboard_ranks_by_the_score_it_shows_and_explains_ties() -> None:
    trainer = make_user("coach", Role.trainer)
    started = start(trainer[0])
    with session_scope(get_settings().database_url) as s:
        live.open_next(s, trainer=trainer[0], live_id=started.id)
    _answer(started, "Ann", ["a", "b"])  # one right, one wrong of three wrong: 1/2 - 1/3, shown as 0.2
    _answer(started, "Bob", ["b"])  # wrong: 0
    _answer(started, "Cai", ["a"])  # half: 0.5
    _answer(started, "Dee", ["c"])  # half: 0.5, a tie with Cai
    with session_scope(get_settings().database_url) as s:
        live.show_leaderboard(s, trainer=trainer[0], live_id=started.id)
    at = host(trainer, started.id)
    board = at.dataframe[0].value
    assert list(board.columns) == ["名次", "学员", "得分", "速度积分"]
    assert list(zip(board["名次"], board["学员"], board["得分"], strict=True)) == [
        (1, "Cai（访客）", 0.5),
        (1, "Dee（访客）", 0.5),
        (3, "Ann（访客）", 0.2),
        (4, "Bob（访客）", 0.0),
    ]
    assert any("名次并列" in c.value for c in at.caption)


def test_the_export_has_chinese_headers_and_the_options_text() -> None:
    trainer = make_user("coach", Role.trainer)
    started = start(trainer[0])
    with session_scope(get_settings().database_url) as s:
        live.open_next(s, trainer=trainer[0], live_id=started.id)
    _answer(started, "小林", ["c", "a"])
    with session_scope(get_settings().database_url) as s:
        live.end(s, trainer=trainer[0], live_id=started.id)
    at = host(trainer, started.id)
    export = at.dataframe[1].value
    assert list(export.columns) == [
        "学员",
        "访客",
        "题号",
        "题目编号",
        "题目",
        "作答",
        "得分",
        "答对",
        "速度积分",
        "作答时间",
    ]
    question = course().question(QUESTION)
    options = {o.id: o.text.zh for o in question.options}
    row = export.iloc[0]
    assert row["作答"] == f"{options['c']}；{options['a']}"  # the options as the trainee saw them, not "c,a"
    assert (row["学员"], row["访客"], row["答对"], row["题目"]) == ("小林", "是", "是", question.prompt.zh.strip())


def test_a_trainee_who_scanned_while_logged_out_logs_in_on_the_join_page_and_joins_as_themself() -> None:
    trainer = make_user("coach", Role.trainer)
    chen = learner("chenjing", "陈静")
    started = start(trainer[0], members=[chen[0]])
    at = phone(started.code)
    assert at.expander[0].label == "已有账户？登录后以本人身份加入"
    at.text_input(key="join_login_username").input("chenjing")
    at.text_input(key="join_login_password").input("password-123")
    at.button(key="FormSubmitter:join-login-登录").click().run()
    assert not at.exception, at.exception
    assert at.session_state["user_id"] == chen[0].id
    assert box(at, "输入 6 位数字代码").value == started.code  # back on the same quiz
    assert [t.label for t in at.text_input] == ["输入 6 位数字代码"]  # no nickname: they join as themself
    at.button(key="FormSubmitter:join-live-加入").click().run()
    assert at.caption[0].value.endswith("昵称：陈静")
    with session_scope(get_settings().database_url) as s:
        joined = s.exec(select(live.LiveParticipant)).one()
        assert (joined.user_id, joined.guest) == (chen[0].id, False)
