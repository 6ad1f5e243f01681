"""Who is logged in: session state first, then the signed login cookie (so a reload keeps the login)."""

from __future__ import annotations

import streamlit as st

from academy.accounts import login
from academy.core.i18n import LANGUAGES, language_from_locale
from academy.core.models import Role, User
from academy.ui.state import db, settings

COOKIE = "kaa_login"


def _set_cookie_js(value: str, max_age: int) -> None:
    # The token is our own URL-safe string (never user text); JS is needed because Streamlit
    # can read cookies (st.context.cookies) but has no API to write them.
    st.html(
        f"<script>document.cookie = '{COOKIE}={value}; path=/; max-age={max_age}; SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def current_user() -> User | None:
    uid = st.session_state.get("user_id")
    with db() as s:
        if uid is not None:
            user = s.get(User, uid)
            token = st.session_state.get("token")
            if user is not None and token and login.user_for_token(s, token=token, settings=settings()):
                return user
            _forget()
            return None
        token = st.context.cookies.get(COOKIE)
        if token and not st.session_state.get("logged_out"):
            user = login.user_for_token(s, token=token, settings=settings())
            if user is not None:
                _remember(user, token)
                return user
    return None


def _remember(user: User, token: str) -> None:
    st.session_state["user_id"] = user.id
    st.session_state["token"] = token
    if user.language in LANGUAGES:
        st.session_state["lang"] = user.language


def _forget() -> None:
    for key in ("user_id", "token"):
        st.session_state.pop(key, None)


def log_in(user: User) -> None:
    """Start a login for an authenticated user; the cookie is written on the next run."""
    with db() as s:
        token = login.create_login(s, user=user, settings=settings())
    _remember(user, token)
    st.session_state.pop("logged_out", None)


def log_out() -> None:
    token = st.session_state.get("token")
    if token:
        with db() as s:
            login.logout(s, token=token, settings=settings())
    _forget()
    st.session_state["logged_out"] = True


def sync_cookie(user: User | None) -> None:
    """Make the browser's login cookie match this session.

    Written on every run until a reload shows the browser has it: a run can be discarded
    (st.switch_page, st.rerun) before its output reaches the browser.
    """
    in_browser = st.context.cookies.get(COOKIE)
    token = st.session_state.get("token")
    with st.sidebar:
        if user is not None and token and in_browser != token:
            _set_cookie_js(token, int(settings().session_hours * 3600))
        elif user is None and st.session_state.get("logged_out") and in_browser:
            _set_cookie_js("", 0)


def init_language() -> None:
    if "lang" not in st.session_state:
        st.session_state["lang"] = language_from_locale(st.context.locale, settings().default_language)


def require_user() -> User:
    user = current_user()
    if user is None:
        st.switch_page("views/login.py")
    return user


def require_role(*roles: Role) -> User:
    user = require_user()
    if user.role not in roles:
        from academy.ui.state import tt

        st.error(tt("err_not_allowed"))
        st.stop()
    return user
