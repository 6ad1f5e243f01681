import streamlit as st
from sqlalchemy import func, select

from academy.accounts import users
from academy.core.models import User
from academy.ui import auth
from academy.ui.login_form import login_form
from academy.ui.state import db, lang, tt

if auth.current_user() is not None:
    st.switch_page("views/home.py")

st.title(tt("app_title"))
st.write(tt("welcome_intro"))
st.page_link("views/join.py", label=tt("nav_join"), icon=":material/smartphone:")

login_tab, register_tab = st.tabs([tt("login_tab"), tt("register_tab")])

with login_tab:
    login_form()

with register_tab:
    with db() as s:
        if s.exec(select(func.count()).select_from(User)).one()[0] == 0:
            st.info(tt("first_user_admin"))
    with st.form("register"):
        new_username = st.text_input(tt("username"), help=tt("username_help"), key="reg_username")
        display_name = st.text_input(tt("display_name"), key="reg_display_name")
        new_password = st.text_input(tt("password"), type="password", key="reg_password")
        repeat = st.text_input(tt("password_repeat"), type="password", key="reg_repeat")
        if st.form_submit_button(tt("register_button"), type="primary"):
            if new_password != repeat:
                st.error(tt("err_password_mismatch"))
            else:
                try:
                    with db() as s:
                        user = users.register(
                            s, username=new_username, display_name=display_name, password=new_password, language=lang()
                        )
                except users.AccountError as err:
                    st.error(tt(err.key, **err.params))
                else:
                    auth.log_in(user)
                    st.rerun()
