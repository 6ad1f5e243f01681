"""The log-in form, on the login page and on the join page (a trainee who scanned the QR code logged out)."""

from __future__ import annotations

import time

import streamlit as st

from academy.accounts import login, users
from academy.integrations import oidc
from academy.ui import auth
from academy.ui.state import db, settings, tt


def login_form(form_key: str = "login", key_prefix: str = "login") -> None:
    """Username and password; on success the run restarts logged in, on the same page and address."""
    with st.form(form_key):
        username = st.text_input(tt("username"), key=f"{key_prefix}_username", max_chars=64)
        password = st.text_input(
            tt("password"), type="password", key=f"{key_prefix}_password", max_chars=users.MAX_PASSWORD
        )
        if st.form_submit_button(tt("login_button"), type="primary"):
            try:
                with db() as s:
                    user = login.authenticate(
                        s, username=username, password=password, settings=settings(), client=auth.client_address()
                    )
                    oidc.check_password_login(s, user=user, settings=settings())
            except users.AccountError as err:
                time.sleep(float(err.params.get("delay", 0)))  # slows down repeated guessing
                st.error(tt(err.key, **err.params))
            else:
                auth.log_in(user)
                st.rerun()
