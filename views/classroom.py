import streamlit as st

from academy.accounts.users import is_staff
from academy.classroom import cohorts, live
from academy.integrations import certificates
from academy.ui.auth import require_user
from academy.ui.certificates import cohort_certificates
from academy.ui.live import cohort_join_url, qr_png
from academy.ui.live_roleplay import start_form as roleplay_start_form
from academy.ui.live_start import start_live_form
from academy.ui.state import course, db, tt
from academy.ui.widgets import plain

user = require_user()
c = course()
st.title(tt("cls_title"))

# --- every user: cohorts they belong to ------------------------------------------------------
st.subheader(tt("cls_my_cohorts"))
st.info(tt("cls_go_join_live"), icon=":material/smartphone:")
st.page_link("views/join.py", label=tt("nav_join"), icon=":material/login:")
with db() as s:
    mine = cohorts.my_cohorts(s, user=user)
if not mine:
    st.caption(tt("cls_no_cohorts"))
for cohort in mine:
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.markdown(plain(cohort.name))
    if right.button(tt("cls_leave"), key=f"leave-{cohort.id}"):
        with db() as s:
            cohorts.leave_cohort(s, user=user, cohort_id=cohort.id)
        st.toast(tt("cls_left", name=plain(cohort.name)))
        st.rerun()

with st.form("join-cohort", clear_on_submit=True):
    # a cohort's QR code opens this page with its code (?cohort=...), ready to join
    code = st.text_input(tt("cls_cohort_code"), value=st.query_params.get("cohort", "")[:12], max_chars=12)
    if st.form_submit_button(tt("cls_join")):
        try:
            with db() as s:
                joined = cohorts.join_cohort(s, user=user, code=code)
        except cohorts.CohortError as err:
            st.error(tt(err.key, **err.params))
        else:
            st.query_params.pop("cohort", None)
            st.toast(tt("cls_joined", name=plain(joined.name)), icon=":material/check:")
            st.rerun()

if not is_staff(user):
    st.stop()

# --- trainers: their cohorts and live quizzes -------------------------------------------------
st.divider()
st.subheader(tt("cls_cohorts"))
st.page_link("views/dashboard.py", label=tt("cls_dashboard"), icon=":material/monitoring:")
with st.form("new-cohort", clear_on_submit=True):
    name = st.text_input(tt("cls_cohort_name"), max_chars=120)
    if st.form_submit_button(tt("cls_create"), type="primary"):
        try:
            with db() as s:
                created = cohorts.create_cohort(s, trainer=user, name=name)
        except cohorts.CohortError as err:
            st.error(tt(err.key, **err.params))
        else:
            st.success(tt("cls_created", code=created.join_code))

with db() as s:
    runs = cohorts.visible_cohorts(s, viewer=user)
    roster = {k.id: cohorts.members(s, viewer=user, cohort_id=k.id) for k in runs}
    passed = certificates.passed_by_cohort(s, viewer=user)
for cohort in runs:
    with st.expander(f"{plain(cohort.name)} · {tt('cls_code_is', code=cohort.join_code)}"):
        left, right = st.columns([3, 1])
        people = roster[cohort.id]
        left.markdown(f"**{tt('cls_members', n=len(people))}**")
        if people:
            left.dataframe(
                [{tt("display_name"): p.display_name, tt("username"): p.username} for p in people], hide_index=True
            )
        else:
            left.caption(tt("cls_no_members"))
        link = cohort_join_url(cohort.join_code)
        right.image(qr_png(link), width=160)
        right.caption(plain(link))
        with left:
            cohort_certificates(user, cohort.id, passed.get(cohort.id, 0))

start_live_form(user, c, runs)

roleplay_start_form(user, c, runs)

with db() as s:
    sessions = live.my_sessions(s, trainer=user)
if sessions:
    st.subheader(tt("cls_past_sessions"))
for past in sessions[:20]:
    st.page_link(
        "views/live_host.py",
        label=f"{plain(past.title)} · {past.code} · {tt('cls_phase_' + past.phase)}",
        icon=":material/cast_for_education:",
        query_params={"s": past.id},
    )
