import json

import streamlit as st

from academy.accounts import login, personal_data, users
from academy.core.i18n import LANGUAGES
from academy.core.models import Role, User
from academy.ui import auth, sso
from academy.ui.certificates import my_certificate
from academy.ui.state import db, tt
from academy.ui.widgets import plain

user = auth.require_user()
st.title(tt("profile_title"))

with st.form("profile"):
    name = st.text_input(tt("display_name"), value=user.display_name, max_chars=users.MAX_DISPLAY_NAME)
    language = st.selectbox(
        tt("language"),
        list(LANGUAGES),
        index=list(LANGUAGES).index(user.language) if user.language in LANGUAGES else 0,
        format_func=LANGUAGES.__getitem__,
    )
    if st.form_submit_button(tt("save_profile"), type="primary"):
        try:
            with db() as s:
                users.update_profile(s, user=s.get(User, user.id), display_name=name, language=language)
        except users.AccountError as err:
            st.error(tt(err.key, **err.params))
        else:
            st.session_state["lang"] = language
            st.toast(tt("saved"), icon=":material/check:")
            st.rerun()

if users.has_password(user):
    with st.expander(tt("change_password")), st.form("password"):
        old = st.text_input(tt("current_password"), type="password", max_chars=users.MAX_PASSWORD)
        new = st.text_input(tt("new_password"), type="password", max_chars=users.MAX_PASSWORD)
        repeat = st.text_input(tt("password_repeat"), type="password", max_chars=users.MAX_PASSWORD)
        if st.form_submit_button(tt("change_password")):
            if new != repeat:
                st.error(tt("err_password_mismatch"))
            else:
                try:
                    with db() as s:
                        keep = login.login_key(st.session_state.get("token", ""), auth.settings())
                        users.change_password(s, user=s.get(User, user.id), old=old, new=new, keep_login=keep)
                except users.AccountError as err:
                    st.error(tt(err.key, **err.params))
                else:
                    st.success(tt("password_changed"))
else:
    st.caption(tt("sso_no_password"))

st.subheader(tt("cert_title"))
my_certificate(user)
sso.profile_section(user)

st.subheader(tt("my_data"))


def _my_data() -> str:
    # built only when the button is pressed: a long-time user's export is large
    with db() as s:
        return json.dumps(personal_data.export_user_data(s, user=s.get(User, user.id)), ensure_ascii=False, indent=2)


st.download_button(
    tt("download_data"),
    _my_data,
    file_name=f"key-account-academy-{user.username}.json",
    mime="application/json",
    icon=":material/download:",
    on_click="ignore",
)

with st.expander(tt("delete_account")), st.form("delete"):
    st.warning(tt("delete_warning"))
    if users.has_password(user):
        confirm = st.text_input(tt("password"), type="password", key="delete_password")
    else:
        confirm = st.text_input(tt("delete_confirm_username"), key="delete_password")
    if st.form_submit_button(tt("delete_button"), type="primary"):
        try:
            with db() as s:
                personal_data.delete_account(s, user=s.get(User, user.id), password=confirm)
        except users.AccountError as err:
            st.error(tt(err.key, **err.params))
        else:
            auth.log_out()
            st.rerun()

if user.role == Role.admin:
    sso.admin_policy(user)
    st.subheader(tt("admin_users"))
    table = st.empty()  # filled after the form below, so a role just changed shows at once
    with db() as s:
        people = users.list_users(s, actor=user)
    roles = [Role.learner, Role.trainer, Role.admin]
    with st.form("roles"):
        target = st.selectbox(tt("user"), people, format_func=lambda u: f"{u.display_name} ({u.username})")
        role = st.selectbox(tt("role"), roles, format_func=lambda r: tt(f"role_{r}"))
        if st.form_submit_button(tt("set_role")):
            try:
                with db() as s:
                    changed = users.set_role(s, actor=user, user_id=target.id, role=role)
            except users.AccountError as err:
                st.error(tt(err.key, **err.params))
            else:
                st.success(tt("role_changed", name=plain(changed.display_name), role=tt(f"role_{role}")))
                with db() as s:
                    people = users.list_users(s, actor=user)
    table.dataframe(
        [
            {tt("user"): u.username, tt("display_name"): u.display_name, tt("role"): tt(f"role_{u.role}")}
            for u in people
        ],
        hide_index=True,
    )
