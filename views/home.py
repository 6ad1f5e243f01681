import streamlit as st

from academy.ui.auth import require_user
from academy.ui.state import course, tt
from academy.ui.widgets import completion_rule, learner_progress, module_cards, plain, text

user = require_user()
c = course()
progress = learner_progress(c, user.id)

st.title(tt("home_greeting", name=plain(user.display_name)))
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
completion_rule()
next_up = next((p for p in progress if not p.complete), None)
if next_up is None:
    st.success(tt("home_all_done"))
else:
    module = c.module(next_up.module_id)
    st.page_link(
        "views/module.py",
        label=tt("home_continue", title=text(module.title)),
        icon=":material/play_circle:",
        query_params={"m": module.id},
    )

st.subheader(tt("home_outline"))
module_cards(c, progress)
