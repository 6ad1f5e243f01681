import streamlit as st

from academy.progress import module_progress, sections_read
from academy.ui.auth import require_user
from academy.ui.state import course, db, tt
from academy.ui.widgets import module_card, text

user = require_user()
c = course()
with db() as s:
    progress = module_progress(c, sections_read(s, user_id=user.id))

st.title(tt("home_greeting", name=user.display_name))
done = sum(p.complete for p in progress)
st.write(
    tt(
        "home_overall",
        done=done,
        total=len(progress),
        read=sum(p.sections_read for p in progress),
        sections=sum(p.sections_total for p in progress),
    )
)
next_up = next((p for p in progress if not p.complete), None)
if next_up is None:
    st.success(tt("home_all_done"))
else:
    module = c.module(next_up.module_id)
    st.page_link(
        "pages/module.py",
        label=tt("home_continue", title=text(module.title)),
        icon=":material/play_circle:",
        query_params={"m": module.id},
    )

st.subheader(tt("home_outline"))
for number, (module, p) in enumerate(zip(c.modules, progress, strict=True), start=1):
    module_card(module, p, number)
