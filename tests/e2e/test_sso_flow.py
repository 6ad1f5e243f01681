"""Single sign-on in Chromium against a real OpenID Connect provider (oidc-provider, started on loopback).

The app runs with SSO configured only through our settings (OIDC_* variables); Streamlit's st.login does
the round trip. Covered: a first login creating the account, our own login keeping it across reloads,
logging out and in again, an e-mail changed at the provider, a trainer group, a forged state, an expired
code, and an administrator requiring SSO while local accounts keep working beside it until then.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select

from academy.accounts import users
from academy.core.db import get_engine, session_scope
from academy.core.migrations import upgrade
from academy.core.models import Role, SsoIdentity, SsoPolicy, User
from tests.conftest import missing
from tests.e2e.conftest import _REPORTS, open_tab, wait_for_login_cookie, wait_ready
from tests.servers import OidcProvider, free_port, node_missing, oidc_provider, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True, scope="module")
def _patient_expectations():
    """A sign-on is several page runs and a download a PDF build; on a machine loaded by other suites each
    can take a while. Waits still end as soon as the page shows what they wait for."""
    expect.set_options(timeout=90_000)
    yield
    expect.set_options(timeout=30_000)  # what tests/e2e/conftest.py sets for everything else


SSO_BUTTON = "使用企业账号登录"
FAILED = "企业账号登录没有完成"


@dataclass(frozen=True)
class SsoApp:
    url: str
    idp: OidcProvider
    database_url: str
    logs: Path


@pytest.fixture(scope="module")
def sso() -> SsoApp:
    if reason := node_missing():
        missing(reason)
    tmp = Path(tempfile.mkdtemp(prefix="kaa-sso-"))
    database_url = f"sqlite:///{tmp / 'academy.db'}"
    upgrade(database_url)
    with session_scope(database_url) as s:  # the administrator, with a password (the setup code's account)
        code = users.setup_code(s)
        users.register(s, username="boss", display_name="Boss", password="boss-password", setup_code=code)
        users.register(s, username="lea", display_name="Lea Local", password="lea-password")
    port = free_port()
    callback = f"http://127.0.0.1:{port}/oauth2callback"
    with oidc_provider([callback], log=tmp / "oidc.log") as idp:
        env = {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "sso-e2e-secret",
            "OIDC_ISSUER": idp.issuer,
            "OIDC_CLIENT_ID": idp.client_id,
            "OIDC_CLIENT_SECRET": idp.client_secret,
            "OIDC_REDIRECT_URL": callback,
            "OIDC_SCOPES": "openid email profile groups",
            "OIDC_TRAINER_GROUPS": "sales-trainers",
        }
        with streamlit_server(env, log=tmp / "streamlit.log", port=port) as url:
            yield SsoApp(url, idp, database_url, tmp)
    get_engine(database_url).dispose()


@pytest.fixture(autouse=True)
def _logs_on_failure(request, sso: SsoApp):
    yield
    report = request.node.stash.get(_REPORTS, {}).get("call")
    if report is not None and report.failed:
        for name in ("streamlit.log", "oidc.log"):
            lines = (sso.logs / name).read_text(errors="replace").splitlines()
            print(f"--- {name} (last 40 lines)\n" + "\n".join(lines[-40:]))


def person(sso: SsoApp, base: str, **details) -> tuple[str, str]:
    """Someone new at the provider: (username, password)."""
    username = f"{base}{os.urandom(3).hex()}"
    password = f"pw-{os.urandom(6).hex()}"
    details.setdefault("name", username)
    details.setdefault("email", f"{username}@corp.example")
    sso.idp.person(username, password=password, **details)
    return username, password


def click_sso(page: Page) -> None:
    wait_ready(page)
    page.get_by_role("button", name=SSO_BUTTON).click()


def sign_in_at_provider(page: Page, username: str, password: str) -> None:
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def log_out(page: Page) -> None:
    page.get_by_test_id("stSidebar").get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("button", name=SSO_BUTTON)).to_be_visible()


def held_callback(page: Page) -> str:
    """The provider's redirect back to the app, shown as a link while the provider holds it."""
    link = page.locator("#callback")
    expect(link).to_be_visible()
    return link.get_attribute("href")


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def account(sso: SsoApp, sub: str) -> tuple[User, SsoIdentity] | None:
    with session_scope(sso.database_url) as s:
        identity = s.exec(select(SsoIdentity).where(SsoIdentity.subject == sub)).first()
        return (s.get(User, identity.user_id), identity) if identity else None


def test_a_first_sso_login_creates_the_account_and_our_own_login_keeps_it(page: Page, sso: SsoApp) -> None:
    username, password = person(sso, "mei", name="梅晓丽")
    page.goto(sso.url)
    click_sso(page)
    sign_in_at_provider(page, username, password)
    greeting = page.get_by_role("heading", name="你好，梅晓丽")
    expect(greeting).to_be_visible()
    wait_for_login_cookie(page)
    page.reload()
    expect(greeting).to_be_visible()

    sub = sso.idp.person(username, password=password, name="梅晓丽", email=f"{username}@corp.example")
    user, identity = account(sso, sub)
    assert (user.display_name, user.role, identity.email) == ("梅晓丽", Role.learner, f"{username}@corp.example")
    assert not users.has_password(user)

    # logged out, Streamlit's identity cookie is still in the browser: it must not log anyone in again
    log_out(page)
    page.reload()
    expect(page.get_by_role("button", name=SSO_BUTTON)).to_be_visible()
    expect(greeting).to_have_count(0)

    # signing on again: the provider remembers the person and asks only which account to continue with
    click_sso(page)
    page.get_by_role("button", name="Continue as 梅晓丽").click()
    expect(greeting).to_be_visible()
    assert account(sso, sub)[0].id == user.id


def test_an_email_changed_at_the_provider_finds_the_same_account(page: Page, sso: SsoApp) -> None:
    username, password = person(sso, "lin", name="林雪", email="lin.xue@old.example")
    page.goto(sso.url)
    click_sso(page)
    sign_in_at_provider(page, username, password)
    greeting = page.get_by_role("heading", name="你好，林雪")
    expect(greeting).to_be_visible()
    log_out(page)

    sub = sso.idp.person(username, password=password, name="Lin Xue", email="lin.xue@new.example")
    click_sso(page)
    page.get_by_role("button", name="Continue as Lin Xue").click()
    expect(greeting).to_be_visible()  # the display name is ours to keep; the account is the same
    user, identity = account(sso, sub)
    assert identity.email == "lin.xue@new.example"
    with session_scope(sso.database_url) as s:
        assert len(s.exec(select(SsoIdentity).where(SsoIdentity.user_id == user.id)).all()) == 1


def test_a_trainer_group_at_the_provider_makes_a_trainer(page: Page, sso: SsoApp) -> None:
    username, password = person(sso, "tao", name="陶老师", groups=["staff", "sales-trainers"])
    page.goto(sso.url)
    click_sso(page)
    sign_in_at_provider(page, username, password)
    expect(page.get_by_role("heading", name="你好，陶老师")).to_be_visible()
    sub = sso.idp.person(username, password=password, name="陶老师", email=f"{username}@corp.example")
    assert account(sso, sub)[0].role == Role.trainer


def test_a_forged_state_is_refused_and_says_so(page: Page, sso: SsoApp) -> None:
    username, password = person(sso, "fay", name="Fay")
    page.goto(sso.url)
    sso.idp.hold(True)
    try:
        click_sso(page)
        sign_in_at_provider(page, username, password)
        callback = held_callback(page)
    finally:
        sso.idp.hold(False)
    assert "state=" in callback and "code=" in callback
    page.goto(with_query(callback, state="forged-by-someone-else"))
    expect(page.get_by_text(FAILED)).to_be_visible()
    expect(page.get_by_role("heading", name="你好，Fay")).to_have_count(0)
    assert "kaa_login=" not in page.evaluate("document.cookie")

    # the failure leaves nothing behind: signing on again works
    click_sso(page)
    page.get_by_role("button", name="Continue as Fay").click()
    expect(page.get_by_role("heading", name="你好，Fay")).to_be_visible()


def test_an_expired_code_is_refused_and_says_so(page: Page, sso: SsoApp) -> None:
    username, password = person(sso, "eve", name="Eve")
    page.goto(sso.url)
    sso.idp.hold(True)
    try:
        click_sso(page)
        sign_in_at_provider(page, username, password)
        callback = held_callback(page)
        assert sso.idp.expire_codes() >= 1
    finally:
        sso.idp.hold(False)
    page.goto(callback)  # the app exchanges the code, and the provider answers that it has expired
    expect(page.get_by_text(FAILED)).to_be_visible()
    expect(page.get_by_role("heading", name="你好，Eve")).to_have_count(0)
    with session_scope(sso.database_url) as s:
        assert s.exec(select(User).where(User.display_name == "Eve")).first() is None


def login_with_password(page: Page, username: str, password: str, panel) -> None:
    panel.get_by_role("textbox", name="用户名").fill(username)
    panel.get_by_role("textbox", name="密码").fill(password)
    panel.get_by_role("button", name="登录").click()


def test_requiring_sso_leaves_passwords_to_the_administrator(
    page: Page, sso: SsoApp, browser, browser_context_args
) -> None:
    # beside SSO, a local account logs in with its password as before
    page.goto(sso.url)
    panel = page.get_by_role("tabpanel", name="登录")
    open_tab(page, "登录", panel.get_by_role("textbox", name="用户名"))
    login_with_password(page, "lea", "lea-password", panel)
    lea_greeting = page.get_by_role("heading", name="你好，Lea Local")
    expect(lea_greeting).to_be_visible()
    wait_for_login_cookie(page)

    admin = browser.new_context(**browser_context_args).new_page()
    admin.goto(sso.url)
    admin_panel = admin.get_by_role("tabpanel", name="登录")
    open_tab(admin, "登录", admin_panel.get_by_role("textbox", name="用户名"))
    login_with_password(admin, "boss", "boss-password", admin_panel)
    expect(admin.get_by_role("heading", name="你好，Boss")).to_be_visible()
    wait_for_login_cookie(admin)
    try:
        admin.goto(f"{sso.url}/profile")
        admin.get_by_text("要求除管理员以外的所有人使用企业账号登录").click()
        expect(admin.get_by_text("现在要求使用企业账号登录")).to_be_visible()

        # Lea's password login has ended
        page.reload()
        expect(page.get_by_text("本机构要求使用企业账号登录")).to_be_visible()
        expect(lea_greeting).to_have_count(0)
        expect(page.get_by_role("tab", name="注册")).to_have_count(0)  # no local registration either
        page.get_by_text("管理员登录").click()
        form = page.get_by_test_id("stExpander")
        login_with_password(page, "lea", "lea-password", form)
        expect(page.get_by_text("本机构要求使用企业账号登录，请使用上方的企业账号登录按钮")).to_be_visible()
        expect(lea_greeting).to_have_count(0)

        # the administrator still logs in with a password
        login_with_password(page, "boss", "boss-password", form)
        expect(page.get_by_role("heading", name="你好，Boss")).to_be_visible()
    finally:
        admin.context.close()
        with session_scope(sso.database_url) as s:
            policy = s.get(SsoPolicy, 1)
            if policy is not None:
                policy.required = False
                s.add(policy)


def test_a_local_account_links_its_company_account_and_then_signs_on_with_it(page: Page, sso: SsoApp) -> None:
    local_name = f"kim{os.urandom(3).hex()}"
    with session_scope(sso.database_url) as s:
        users.register(s, username=local_name, display_name="Kim Local", password="kim-password")
    username, password = person(sso, "kimcorp", name="Kim at Corp")

    page.goto(sso.url)
    panel = page.get_by_role("tabpanel", name="登录")
    open_tab(page, "登录", panel.get_by_role("textbox", name="用户名"))
    login_with_password(page, local_name, "kim-password", panel)
    greeting = page.get_by_role("heading", name="你好，Kim Local")
    expect(greeting).to_be_visible()
    wait_for_login_cookie(page)

    page.goto(f"{sso.url}/profile")
    wait_ready(page)
    page.get_by_role("button", name="关联企业账号").click()
    sign_in_at_provider(page, username, password)
    expect(page.get_by_text("企业账号已关联。")).to_be_visible()
    expect(greeting).to_be_visible()  # still the local account, now linked

    log_out(page)
    click_sso(page)
    page.get_by_role("button", name="Continue as Kim at Corp").click()
    expect(greeting).to_be_visible()
    with session_scope(sso.database_url) as s:
        kim = s.exec(select(User).where(User.username == local_name)).one()
        assert s.exec(select(SsoIdentity).where(SsoIdentity.user_id == kim.id)).one().email.startswith("kimcorp")
