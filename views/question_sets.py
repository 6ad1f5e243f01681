import streamlit as st

from academy.core.models import Role
from academy.ui.auth import require_role
from academy.ui.question_sets import export_section, import_section, sets_section
from academy.ui.state import course, tt

user = require_role(Role.trainer, Role.admin)
c = course()
st.title(tt("qs_title"))
st.caption(tt("qs_intro"))

export_section(c)
st.divider()
import_section(user)
st.divider()
sets_section(user)
