"""Issue 17, a learner's and an administrator's first days (AppTest through the real shell, in Chinese).

One meaning of "module complete" on Home, Course and the module page; a module read section by
section with the next step named; the Profile users table right after a role change.
"""

from __future__ import annotations

import pytest
import streamlit as st

from academy.core.db import session_scope
from academy.core.i18n import t
from academy.core.models import Role, User
from academy.core.settings import get_settings
from academy.learning import progress
from tests.test_pages import app, make_user

RULE = t("fw_complete_rule", "zh", pct=80)


@pytest.fixture(autouse=True)
def _fresh_cache():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def read_all(user: User, module) -> None:
    with session_scope(get_settings().database_url) as s:
        for section in module.sections:
            progress.set_section_read(s, user_id=user.id, module=module, section_id=section.id, read=True)


def open_module(user_token, module_id: str):
    at = app(user_token, lang="zh").run()
    at.switch_page("views/module.py")
    at.query_params["m"] = module_id
    return at.run()


def bars(at) -> list:
    return [p.proto for p in at.get("progress")]


def test_every_page_calls_a_module_complete_only_when_read_and_its_quiz_passed(course) -> None:
    user, token = make_user()
    module = course.modules[0]
    read_all(user, module)  # every section read, the quiz not taken yet

    course_page = app((user, token), lang="zh").run()
    course_page.switch_page("views/course.py").run()
    first = bars(course_page)[0]
    assert first.value < 100, "a full bar reads as done: the quiz is still to pass"
    assert course.roleplays_for(module.id)  # and its role-play to play
    assert (
        first.text
        == f"已读 {len(module.sections)}/{len(module.sections)} 节 · 测验未通过 · {t('rp_module_to_practise', 'zh')}"
    )
    assert RULE in [c.value for c in course_page.caption]

    home = app((user, token), lang="zh").run()
    assert home.markdown[0].value.startswith("课程进度：已完成 0/10 个单元")
    assert RULE in [c.value for c in home.caption]

    module_page = open_module((user, token), module.id)
    assert bars(module_page)[0].text == first.text  # the same words on the module's own page
    assert RULE in [c.value for c in module_page.caption]


def test_a_module_is_read_one_section_at_a_time_with_the_next_step_named(course) -> None:
    user, token = make_user()
    module = course.modules[1]
    n = len(module.sections)
    at = open_module((user, token), module.id)
    titles = {s.title.zh for s in module.sections}
    assert [h.value for h in at.subheader if h.value in titles] == [module.sections[0].title.zh]
    assert f"第 1/{n} 节" in [c.value for c in at.caption]

    at.button(key=f"next-{module.id}").click().run()  # "mark as read, next section"
    assert not at.exception, at.exception
    assert [h.value for h in at.subheader if h.value in titles] == [module.sections[1].title.zh]
    assert bars(at)[0].text.startswith(f"已读 1/{n} 节")
    assert at.query_params["sec"] == module.sections[1].id  # a reload comes back to this section

    for _ in range(n - 1):
        at.button(key=f"next-{module.id}").click().run()
    assert bars(at)[0].text == f"已读 {n}/{n} 节 · 测验未通过"
    assert t("takeaways", "zh") in [h.value for h in at.subheader]  # the wrap-up: takeaways, case, reflections
    assert any(c.value.startswith("下一步：参加单元测验") for c in at.info)
    assert any(link.proto.label == t("take_quiz", "zh") for link in at.get("page_link"))


def test_the_users_table_shows_the_new_role_right_after_a_change() -> None:
    admin = make_user("boss", Role.admin)
    make_user("trainee")
    at = app(admin, lang="zh").run()
    at.switch_page("views/profile.py").run()
    form_selects = [s for s in at.selectbox if s.label in ("用户", "角色")]
    form_selects[0].select_index(1)
    form_selects[1].select_index(1)
    at.button(key="FormSubmitter:roles-更改角色").click().run()
    table = at.dataframe[0].value
    assert table.loc[table["用户"] == "trainee", "角色"].tolist() == ["培训师"]
    assert [s.value for s in at.success] == ["Trainee 现在是培训师。"]
