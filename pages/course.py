import streamlit as st

from academy.progress import module_progress, sections_read
from academy.ui.auth import require_user
from academy.ui.state import course, db, tt
from academy.ui.widgets import module_card, text

user = require_user()
c = course()
with db() as s:
    progress = module_progress(c, sections_read(s, user_id=user.id))

st.title(text(c.manifest.title))
st.write(tt("course_intro"))
for number, (module, p) in enumerate(zip(c.modules, progress, strict=True), start=1):
    module_card(module, p, number)
