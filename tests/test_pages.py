"""Every page renders through the real navigation shell (AppTest), logged out and logged in."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from academy.accounts import login, users
from academy.core.db import session_scope
from academy.core.migrations import upgrade
from academy.core.models import Role, User
from academy.core.settings import ROOT, get_settings
from academy.ui.shell import LOGIN, PAGES


@pytest.fixture(autouse=True)
def _fresh_cache():
    st.cache_resource.clear()  # cached engines/content must not leak between tests
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def make_user(username: str = "learner1", role: Role = Role.learner) -> tuple[User, str]:
    s = get_settings()
    upgrade(s.database_url)
    with session_scope(s.database_url) as session:
        user = users.register(session, username=username, display_name=username.title(), password="password-123")
        user.role = role
        token = login.create_login(session, user=user, settings=s)
    return user, token


def app(user_token: tuple[User, str] | None = None, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    if user_token:
        at.session_state["user_id"] = user_token[0].id
        at.session_state["token"] = user_token[1]
    return at


def test_registry_matches_pages_folder() -> None:
    registered = {p.path for p in PAGES} | {LOGIN.path}
    on_disk = {f"views/{p.name}" for p in (ROOT / "views").glob("*.py")}
    assert registered == on_disk


def test_logged_out_visitor_sees_login_and_registration() -> None:
    at = app().run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Log in", "Create account"]
    assert at.sidebar.selectbox[0].value == "en"


def _register(at: AppTest, username: str, code: str = "") -> AppTest:
    at.text_input(key="reg_username").input(username)
    at.text_input(key="reg_display_name").input("New Bie")
    at.text_input(key="reg_password").input("password-123")
    at.text_input(key="reg_repeat").input("password-123")
    if code:
        at.text_input(key="reg_setup_code").input(code)
    return at.button[1].click().run()


def test_register_through_the_form_logs_in_as_a_learner_or_with_the_setup_code_as_admin() -> None:
    at = _register(app().run(), "newbie")
    assert not at.exception
    assert at.title[0].value == "Hello, New Bie"
    with session_scope(get_settings().database_url) as s:
        assert s.get(User, at.session_state["user_id"]).role == Role.learner
        code = users.setup_code(s)
    at = app().run()
    assert "setup code" in at.info[0].value
    at = _register(at, "boss", code)
    assert not at.exception
    with session_scope(get_settings().database_url) as s:
        assert s.get(User, at.session_state["user_id"]).role == Role.admin
    at = app().run()
    assert not [i for i in at.info if "setup code" in i.value]  # there is an administrator now


def test_wrong_password_shows_an_error() -> None:
    make_user("someone")
    at = app().run()
    at.text_input(key="login_username").input("someone")
    at.text_input(key="login_password").input("nope")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong username or password."]
    assert "user_id" not in at.session_state


def _live_session(trainer: User) -> int:
    from academy.classroom import live
    from academy.content.loader import load_course

    s = get_settings()
    with session_scope(s.database_url) as session:
        c = load_course(s.content_dir, s.assessments_dir)
        return live.start_session(session, trainer=trainer, course=c, title="t", question_ids=[c.questions()[0].id]).id


@pytest.mark.parametrize("spec", PAGES, ids=[p.path for p in PAGES])
@pytest.mark.parametrize("lang", ["zh", "zh-hant", "zh-hk", "en"])
def test_every_page_renders_for_an_administrator(spec, lang: str) -> None:
    admin = make_user("admin1", Role.admin)
    at = app(admin, lang=lang).run()
    at.switch_page(spec.path)
    if spec.path == "views/live_host.py":
        at.query_params["s"] = str(_live_session(admin[0]))
    at.run()
    assert not at.exception, at.exception
    assert not at.error


@pytest.mark.parametrize(
    "path", ["views/live_host.py", "views/dashboard.py", "views/question_sets.py", "views/learning_records.py"]
)
def test_learners_are_refused_trainer_pages(path: str) -> None:
    at = app(make_user()).run()
    at.switch_page(path).run()
    assert [e.value for e in at.error] == ["You are not allowed to do that."]


def test_a_guest_reaches_only_login_and_join() -> None:
    at = app().run()
    at.switch_page("views/join.py").run()
    assert at.title[0].value == "Join a live quiz"
    assert at.text_input[1].label == "Nickname"  # guests join by nickname


def test_language_switch_is_remembered_for_the_user() -> None:
    user_token = make_user()
    at = app(user_token, lang="en").run()
    at.sidebar.selectbox[0].select("zh").run()
    assert at.title[0].value == "你好，Learner1"
    with session_scope(get_settings().database_url) as s:
        assert s.get(User, user_token[0].id).language == "zh"


def test_traditional_chinese_is_converted() -> None:
    at = app(make_user(), lang="zh-hant").run()
    at.switch_page("views/course.py").run()
    assert at.title[0].value == "大客戶銷售學院"


def test_module_page_marks_sections_read_and_saves_reflections(course) -> None:
    user, token = make_user()
    module = course.modules[1]
    at = app((user, token)).run()
    at.switch_page("views/module.py")
    at.query_params["m"] = module.id
    at.run()
    assert at.title[0].value == module.title.en
    at.toggle(key=f"read-{module.id}-{module.sections[0].id}").set_value(True).run()
    at.button_group(key=f"sec-{module.id}").set_value(len(module.sections)).run()  # the wrap-up step
    reflection = module.reflections[0]
    at.text_area(key=f"ta-{module.id}-{reflection.id}").input("Call the CFO before the review.")
    at.button(key=f"FormSubmitter:form-{module.id}-{reflection.id}-{'Save'}").click().run()
    assert not at.exception
    at.switch_page("views/home.py").run()
    assert f"1 of {sum(len(m.sections) for m in course.modules)} sections read" in at.markdown[0].value
    at.switch_page("views/module.py")
    at.query_params["m"] = module.id
    at.query_params["sec"] = "wrap"
    at.run()
    assert at.text_area(key=f"ta-{module.id}-{reflection.id}").value == "Call the CFO before the review."
    at.button_group(key=f"sec-{module.id}").set_value(0).run()
    assert at.toggle(key=f"read-{module.id}-{module.sections[0].id}").value is True


def test_unknown_module_is_an_error_not_a_crash() -> None:
    at = app(make_user()).run()
    at.switch_page("views/module.py")
    at.query_params["m"] = "no-such-module"
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["No such module."]


def test_invalid_content_shows_the_errors_not_a_traceback(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path / "content"))
    get_settings.cache_clear()
    at = app(make_user()).run()
    assert not at.exception
    assert "content has errors" in at.error[0].value
    assert "course.yaml: file not found" in at.code[0].value


def test_admin_sees_users_and_can_promote_a_trainer() -> None:
    admin = make_user("boss", Role.admin)
    learner, _ = make_user("trainee")
    at = app(admin).run()
    at.switch_page("views/profile.py").run()
    assert at.dataframe[0].value.shape[0] == 2
    form_selects = [s for s in at.selectbox if s.label in ("User", "Role")]
    form_selects[0].select_index(1)
    form_selects[1].select_index(1)
    at.button(key="FormSubmitter:roles-Change role").click().run()
    assert at.success[0].value == "Trainee is now Trainer."
    with session_scope(get_settings().database_url) as s:
        assert s.get(User, learner.id).role == Role.trainer


def test_expired_or_revoked_login_returns_to_login_page() -> None:
    user, token = make_user()
    with session_scope(get_settings().database_url) as s:
        login.logout(s, token=token, settings=get_settings())
    at = app((user, token)).run()
    assert [t.label for t in at.tabs] == ["Log in", "Create account"]


def test_a_question_sets_prompts_show_as_typed_not_as_markdown() -> None:
    from academy.integrations import moodle_import
    from academy.learning import question_sets

    trainer, token = make_user("trainer1", Role.trainer)
    fixture = ROOT / "tests" / "fixtures" / "moodle" / "from-moodle.xml"
    with session_scope(get_settings().database_url) as s:
        question_sets.create(
            s,
            trainer_id=trainer.id,
            name="Negotiation",
            source="from-moodle.xml",
            items=moodle_import.read(fixture.read_bytes()),
        )
    at = app((trainer, token)).run()
    at.switch_page("views/question_sets.py").run()
    shown = "\n".join(m.value for m in at.markdown)
    # the Moodle prompt is "... fix **first**?": the asterisks stay on screen, escaped
    assert r"fix \*\*first\*\*?" in shown
