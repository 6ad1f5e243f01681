import streamlit as st

from academy.ui.auth import require_user
from academy.ui.state import course, tt
from academy.ui.widgets import completion_rule, learner_progress, module_cards, text

user = require_user()
c = course()
progress = learner_progress(c, user.id)

st.title(text(c.manifest.title))
st.write(tt("course_intro"))
completion_rule()
module_cards(c, progress)
