"""Who is logged in: session state first, then the HttpOnly login cookie (so a reload keeps the login).

Scripts never see the login token. After a login the page hands a one-time ticket to the
`/api/session` route (academy/ui/routes.py), which answers with the cookie; logging out asks the
same route to clear it. Both requests are repeated on every run until they have taken effect,
because a run can be discarded (st.switch_page, st.rerun) before its output reaches the browser.
"""

from __future__ import annotations

import json

import streamlit as st

from academy.accounts import login
from academy.core.i18n import LANGUAGES, language_from_locale
from academy.core.models import Role, User
from academy.ui.routes import COOKIE, SESSION_PATH
from academy.ui.state import db, settings


def _call_session_route(method: str, body: dict[str, str] | None = None) -> None:
    # The ticket is our own URL-safe string (never user text), and json.dumps quotes it.
    payload = f", headers: {{'Content-Type': 'application/json'}}, body: {json.dumps(json.dumps(body))}" if body else ""
    st.html(
        f"<script>fetch('{SESSION_PATH}', {{method: '{method}', credentials: 'same-origin'{payload}}});</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def client_address() -> str:
    """The visitor's address for throttling guesses (the proxy's X-Forwarded-For when it is trusted)."""
    address = st.context.ip_address  # None on localhost (and not a string under AppTest)
    return address[:64] if isinstance(address, str) and address else "local"


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
    for key in ("user_id", "token", "ticket"):
        st.session_state.pop(key, None)


def log_in(user: User) -> None:
    """Start a login for an authenticated user; the browser gets its cookie on the next runs."""
    with db() as s:
        start = login.start_login(s, user=user, settings=settings())
        login.purge_expired(s)  # housekeeping rides along with logins, which are rare
    _remember(user, start.token)
    st.session_state["ticket"] = start.ticket
    st.session_state.pop("logged_out", None)


def log_out() -> None:
    token = st.session_state.get("token")
    if token:
        with db() as s:
            login.logout(s, token=token, settings=settings())
    _forget()
    st.session_state["logged_out"] = True


def sync_cookie(user: User | None) -> None:
    """Make the browser's login cookie match this session: hand over the ticket, or clear the cookie."""
    ticket = st.session_state.get("ticket")
    with st.sidebar:
        if user is not None and ticket:
            with db() as s:
                redeemed = login.ticket_redeemed(s, ticket=ticket)
            if redeemed is False:
                _call_session_route("POST", {"ticket": ticket})
            else:  # the browser has its cookie, or never will (this tab stays logged in either way)
                st.session_state.pop("ticket", None)
        elif user is None and st.session_state.get("logged_out") and st.context.cookies.get(COOKIE):
            _call_session_route("DELETE")


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
