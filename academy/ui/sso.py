"""Single sign-on in the UI: Streamlit's `st.login` does the OpenID Connect round trip; this module gives it
our settings, starts it, and turns the identity it brings back into our own login session.

The round trip, in three page loads:

1. The sign-on button writes a short-lived marker cookie (kaa_sso) and reloads the page with ?sso=start.
   The marker lets step 3 tell "came back from the provider" from "a leftover identity cookie".
2. That load calls `st.login()`: the browser goes to the provider, and Streamlit receives the answer at
   /oauth2callback (checking state, nonce, PKCE and the ID token) and keeps the claims in its cookie.
3. Back on the app, `complete_login` (the SSO hook) finds or creates the account from the claims and
   starts our own expiring, server-checked login with `auth.log_in`, like a password login does. If the
   marker is there but no usable identity came back (a wrong state, an expired code), it says so.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from typing import Any

import streamlit as st

from academy.core.models import User
from academy.integrations import oidc
from academy.ui import auth
from academy.ui.state import db, lang, settings, tt
from academy.ui.widgets import plain

MARKER = "kaa_sso"
MARKER_SECONDS = 600  # the round trip through the provider takes seconds; a stale marker says nothing
# Errors that mean "this identity was for an earlier login": quiet, unless we have just been to the provider.
QUIET = ("err_sso_used", "err_sso_stale")


def enabled() -> bool:
    return oidc.enabled(settings())


@st.cache_resource(show_spinner=False)
def _hand_to_streamlit(fingerprint: str, auth_section: str) -> bool:
    # programmatic secrets are what st.App(secrets=...) uses; merged once per process and configuration
    st.secrets.merge_programmatic_secrets({"auth": json.loads(auth_section)})
    return True


def configure() -> None:
    """Hand Streamlit its `[auth]` section, built from our settings (the one place SSO is configured)."""
    if enabled():
        section = json.dumps(oidc.streamlit_auth(settings()), sort_keys=True)
        _hand_to_streamlit(hashlib.sha256(section.encode()).hexdigest(), section)


def _js(script: str) -> None:
    # our own fixed strings and random tokens only, never user text
    with st.sidebar:
        st.html(f"<script>{script}</script>", unsafe_allow_javascript=True, width="content")


def start(intent: str) -> None:
    """Step 1: mark this browser as signing on (`login`, or `link` from Profile) and reload with ?sso=start."""
    value = f"{intent}.{secrets.token_urlsafe(12)}"
    _js(
        f"document.cookie = '{MARKER}={value}; path=/; max-age={MARKER_SECONDS}; SameSite=Lax';"
        "window.parent.location.assign(window.parent.location.pathname + '?sso=start');"
    )


def start_if_asked() -> None:
    """Step 2: on ?sso=start, hand over to the provider."""
    if enabled() and st.query_params.get("sso") == "start":
        st.caption(tt("sso_button") + " …")
        st.login()
        st.stop()


def _marker() -> tuple[str, str] | None:
    """(intent, value) of the marker cookie, when there is a well-formed one."""
    value = st.context.cookies.get(MARKER)
    intent = value.split(".", 1)[0] if value else ""
    return (intent, value) if intent in ("login", "link") and len(value) <= 100 else None


def _take(marker: tuple[str, str] | None) -> bool:
    """Whether this browser has just come back from the provider, and no run (here or anywhere) said so yet."""
    if marker is None:
        return False
    handled = st.session_state.setdefault("sso_handled", set())
    if marker[1] in handled:
        return False
    handled.add(marker[1])
    with db() as s:
        return oidc.take_marker(s, value=marker[1])


def _claims() -> Mapping[str, Any] | None:
    info = st.user.to_dict()
    return info if info.get("is_logged_in") else None


def _fail(key: str) -> None:
    st.session_state["sso_error"] = "err_sso_failed" if key in QUIET else key


def complete_login(user: User | None) -> User | None:
    """Step 3, the SSO hook: the identity Streamlit brought back becomes our own login session.

    Kept apart from academy/ui/auth.py on purpose: it only calls `auth.log_in`, whatever that does.
    Returns the logged-in user (unchanged when nothing was signed on).
    """
    if not enabled():
        return user
    marker = _marker()
    claims = _claims()
    if user is None and claims is not None:
        try:
            with db() as s:
                found = oidc.login_from_claims(s, claims=claims, settings=settings(), language=lang())
        except oidc.SsoError as err:
            # a used or old identity is a leftover of an earlier login: worth a word only after a round trip
            if _take(marker) or err.key not in QUIET:
                _fail(err.key)
            return None
        auth.log_in(found)
        _take(marker)
        return found
    if not _take(marker):
        return user
    if user is not None and marker[0] == "link":
        if claims is None:
            _fail("err_sso_failed")
            return user
        try:
            with db() as s:
                oidc.link_identity(s, user=s.get(User, user.id), claims=claims, settings=settings())
        except oidc.SsoError as err:
            _fail(err.key)
        else:
            st.session_state["sso_notice"] = "sso_linked_done"
    elif user is None:  # went to the provider, and nothing usable came back (a forged state, an expired code)
        _fail("err_sso_failed")
    return user


def sync_marker() -> None:
    """Remove a marker we have dealt with from the browser (on every run until a reload shows it gone)."""
    value = st.context.cookies.get(MARKER)
    if value and value in st.session_state.get("sso_handled", set()):
        _js(f"document.cookie = '{MARKER}=; path=/; max-age=0; SameSite=Lax';")


def show_messages() -> None:
    """What the last sign-on came to, once, on whichever page the provider sent the browser back to."""
    if key := st.session_state.pop("sso_error", None):
        st.error(tt(key), icon=":material/error:")
    if key := st.session_state.pop("sso_notice", None):
        st.success(tt(key), icon=":material/check:")


def button_label() -> str:
    return settings().oidc_button_label or tt("sso_button")


def login_panel() -> bool:
    """The sign-on button of the login page. Returns whether sign-on is required (no local registration)."""
    if not enabled():
        return False
    with db() as s:
        required = oidc.sso_required(s, settings=settings())
    if required:
        st.info(tt("sso_required_note"), icon=":material/badge:")
    if st.button(button_label(), type="primary", icon=":material/badge:", key="sso-login"):
        start("login")
    if not required:
        st.caption(tt("sso_or_password"))
    return required


def profile_section(user: User) -> None:
    """Profile: the company account this user signs on with, or a button to link one."""
    if not enabled():
        return
    st.subheader(tt("sso_profile_title"))
    with db() as s:
        identity = oidc.identity_of(s, user=user, settings=settings())
    if identity is not None:
        st.caption(tt("sso_linked", email=plain(identity.email or identity.subject)))
        return
    st.caption(tt("sso_link_help"))
    if st.button(tt("sso_link_button"), icon=":material/link:", key="sso-link"):
        start("link")


def admin_policy(admin: User) -> None:
    """Profile, for administrators: require single sign-on for everyone else."""
    st.subheader(tt("sso_admin_title"))
    if not enabled():
        st.caption(tt("sso_off_note"))
        return
    with db() as s:
        required = oidc.sso_required(s, settings=settings())
    wanted = st.toggle(tt("sso_require"), value=required, help=tt("sso_require_help"), key="sso-required")
    if wanted != required:
        try:
            with db() as s:
                ended = oidc.set_required(s, actor=admin, required=wanted, settings=settings())
        except oidc.SsoError as err:
            st.error(tt(err.key, **err.params))
        else:
            st.success(tt("sso_required_on", n=ended) if wanted else tt("sso_required_off"))
