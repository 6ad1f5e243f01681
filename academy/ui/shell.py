"""The navigation shell: start-up, login state, language switcher and the page registry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from academy.accounts import users
from academy.core.i18n import LANGUAGES
from academy.core.models import Role, User
from academy.ui import auth, sso
from academy.ui.state import bootstrap, db, lang, tt
from academy.ui.widgets import plain


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    section: str  # i18n key of the sidebar section
    hidden: bool = False
    roles: tuple[Role, ...] = ()  # who sees it in the menu; empty: everyone logged in

    @property
    def url_path(self) -> str:
        return Path(self.path).stem

    def in_menu_for(self, user: User) -> bool:
        return not self.hidden and (not self.roles or user.role in self.roles)


# The registry of pages shown to a logged-in user; tests check it against views/.
PAGES: list[PageSpec] = [
    PageSpec("views/home.py", "nav_home", ":material/home:", "sec_learn"),
    PageSpec("views/course.py", "nav_course", ":material/menu_book:", "sec_learn"),
    PageSpec("views/module.py", "nav_module", ":material/article:", "sec_learn", hidden=True),
    PageSpec("views/assessments.py", "nav_assessments", ":material/quiz:", "sec_learn"),
    PageSpec("views/roleplay.py", "nav_roleplay", ":material/forum:", "sec_learn"),
    PageSpec("views/review.py", "nav_review", ":material/event_repeat:", "sec_learn"),
    PageSpec("views/self_assessment.py", "nav_self", ":material/psychology:", "sec_learn"),
    PageSpec("views/checklist.py", "nav_checklist", ":material/checklist:", "sec_practice"),
    PageSpec("views/classroom.py", "nav_classroom", ":material/groups:", "sec_practice"),
    PageSpec("views/join.py", "nav_join", ":material/login:", "sec_practice"),
    PageSpec(
        "views/live_host.py",
        "nav_live_host",
        ":material/cast_for_education:",
        "sec_practice",
        hidden=True,
        roles=(Role.trainer, Role.admin),
    ),
    PageSpec(
        "views/dashboard.py", "nav_dashboard", ":material/monitoring:", "sec_practice", roles=(Role.trainer, Role.admin)
    ),
    PageSpec(
        "views/question_sets.py",
        "nav_question_sets",
        ":material/swap_horiz:",
        "sec_practice",
        roles=(Role.trainer, Role.admin),
    ),
    PageSpec("views/tools.py", "nav_tools", ":material/handyman:", "sec_practice"),
    PageSpec("views/profile.py", "nav_profile", ":material/person:", "sec_account"),
    PageSpec("views/verify.py", "nav_verify", ":material/verified:", "sec_account", hidden=True),
    PageSpec(
        "views/learning_records.py", "nav_learning_records", ":material/send:", "sec_account", roles=(Role.admin,)
    ),
]
LOGIN = PageSpec("views/login.py", "nav_login", ":material/login:", "sec_account", hidden=True)
# A visitor who is not logged in reaches only these: logging in, joining a live quiz as a guest, and
# checking a certificate's code.
GUEST_PAGES = [
    LOGIN,
    PageSpec("views/join.py", "nav_join", ":material/login:", "sec_practice"),
    PageSpec("views/verify.py", "nav_verify", ":material/verified:", "sec_account"),
]


def _page(spec: PageSpec, default: bool = False, visible: bool | None = None) -> st.Page:
    return st.Page(
        spec.path,
        title=tt(spec.title_key),
        icon=spec.icon,
        default=default,
        visibility="visible" if (not spec.hidden if visible is None else visible) else "hidden",
    )


def _login_at(spec: PageSpec) -> st.Page:
    """The login page at another page's address: once logged in, the same address is that page."""
    return st.Page(LOGIN.path, title=tt(spec.title_key), url_path=spec.url_path, visibility="hidden")


def _on_language_change() -> None:
    choice = st.session_state["lang_choice"]
    st.session_state["lang"] = choice
    uid = st.session_state.get("user_id")
    if uid is not None:
        with db() as s:
            user = s.get(User, uid)
            if user is not None:
                users.update_profile(s, user=user, language=choice)


def _sidebar(user: User | None) -> None:
    with st.sidebar:
        codes = list(LANGUAGES)
        st.session_state["lang_choice"] = lang()
        st.selectbox(
            tt("language"),
            codes,
            format_func=LANGUAGES.__getitem__,
            key="lang_choice",
            on_change=_on_language_change,
        )
        if user is not None:
            st.caption(tt("logged_in_as", name=plain(user.display_name)))
            if st.button(tt("logout"), icon=":material/logout:", key="logout"):
                auth.log_out()
                st.rerun()


def navigation() -> st.Page:
    """Set up the run and return the page to show."""
    bootstrap()
    sso.configure()
    auth.init_language()
    sso.start_if_asked()
    user = sso.complete_login(auth.current_user())
    auth.sync_cookie(user)
    sso.sync_marker()
    _sidebar(user)
    sso.show_messages()
    if user is None:
        # A link to any page (a bookmark, a cohort's QR code) shows the login form at that address,
        # in the visitor's language, and after logging in the page itself with its query.
        open_to_guests = {spec.path for spec in GUEST_PAGES}
        pages = [_page(spec, default=i == 0) for i, spec in enumerate(GUEST_PAGES)]
        pages += [_login_at(spec) for spec in PAGES if spec.path not in open_to_guests]
        return st.navigation(pages, position="hidden")
    sections: dict[str, list[st.Page]] = {}
    for i, spec in enumerate(PAGES):
        # a page a role cannot use stays out of its menu; its address still answers, with "not allowed"
        sections.setdefault(tt(spec.section), []).append(_page(spec, default=i == 0, visible=spec.in_menu_for(user)))
    # kept (hidden) so a run that just logged in on it can move on to the home page
    sections[tt(LOGIN.section)].append(_page(LOGIN))
    return st.navigation(sections)
