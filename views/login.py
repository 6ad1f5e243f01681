import streamlit as st

from academy.accounts import users
from academy.integrations import oidc
from academy.ui import auth, sso
from academy.ui.login_form import login_form
from academy.ui.state import db, lang, settings, tt

if auth.current_user() is not None:
    st.switch_page("views/home.py")

st.title(tt("app_title"))
st.write(tt("welcome_intro"))
st.page_link("views/join.py", label=tt("nav_join"), icon=":material/smartphone:")
sso_required = sso.login_panel()


if sso_required:  # only administrators log in with a password, and nobody registers one
    with st.expander(tt("sso_admin_login")):
        login_form()
    st.stop()

login_tab, register_tab = st.tabs([tt("login_tab"), tt("register_tab")])

with login_tab:
    login_form()

with register_tab:
    with db() as s:
        no_admin = not users.has_admin(s)
    if no_admin:
        st.info(tt("no_admin_yet"), icon=":material/shield_person:")
    with st.form("register"):
        new_username = st.text_input(tt("username"), help=tt("username_help"), key="reg_username", max_chars=32)
        display_name = st.text_input(tt("display_name"), key="reg_display_name", max_chars=users.MAX_DISPLAY_NAME)
        new_password = st.text_input(tt("password"), type="password", key="reg_password", max_chars=users.MAX_PASSWORD)
        repeat = st.text_input(tt("password_repeat"), type="password", key="reg_repeat", max_chars=users.MAX_PASSWORD)
        code = st.text_input(tt("setup_code"), key="reg_setup_code", max_chars=32) if no_admin else ""
        if st.form_submit_button(tt("register_button"), type="primary"):
            if new_password != repeat:
                st.error(tt("err_password_mismatch"))
            else:
                try:
                    with db() as s:
                        oidc.check_registration(s, settings=settings())
                        user = users.register(
                            s,
                            username=new_username,
                            display_name=display_name,
                            password=new_password,
                            language=lang(),
                            setup_code=code,
                        )
                except users.AccountError as err:
                    st.error(tt(err.key, **err.params))
                else:
                    auth.log_in(user)
                    st.rerun()
