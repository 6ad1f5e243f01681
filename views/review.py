import pandas as pd
import streamlit as st

from academy.core.models import utcnow
from academy.learning import review
from academy.learning.scoring import is_correct, score_response
from academy.ui.auth import require_user
from academy.ui.questions import feedback, question_form
from academy.ui.state import course, db, tt
from academy.ui.widgets import text

user = require_user()
c = course()
st.title(tt("review_title"))
st.caption(tt("review_intro"))

with db() as s:
    due = review.due_cards(s, user_id=user.id)
    cards = review.all_cards(s, user_id=user.id)
known = {q.id for q in c.questions()}
due = [card for card in due if card.question_id in known]  # retired questions drop out quietly

if due:
    st.info(tt("review_due", n=len(due), total=len(cards)), icon=":material/event_repeat:")
    card = due[0]
    question = c.question(card.question_id)
    answered_key = f"review-answered-{card.question_id}-{card.reviews}"
    if answered_key not in st.session_state:
        order = [o.id for o in question.options] if question.type != "matching" else list(range(len(question.right)))
        if question.type in ("ordering", "matching"):
            order = order[::-1]  # not the solved order
        response = question_form(
            question, order, key=f"review-{card.question_id}-{card.reviews}", submit_label=tt("review_show_answer")
        )
        if response is not None:
            st.session_state[answered_key] = score_response(question, response)
            st.rerun()
    else:
        score = st.session_state[answered_key]
        st.markdown(f"**{text(question.prompt)}**")
        feedback(c, question, score)
        st.markdown(f"**{tt('review_rate')}**")
        cols = st.columns(4)
        labels = [("review_again", 1), ("review_hard", 2), ("review_good", 3), ("review_easy", 4)]
        for col, (label, rating) in zip(cols, labels, strict=True):
            suggested = rating == (3 if is_correct(score) else 1)
            if col.button(
                tt(label), key=f"rate-{rating}", type="primary" if suggested else "secondary", width="stretch"
            ):
                with db() as s:
                    moved = review.rate(s, user_id=user.id, question_id=card.question_id, rating=rating)
                st.session_state.pop(answered_key)
                st.toast(tt("review_next_due", when=moved.due.strftime("%Y-%m-%d %H:%M")), icon=":material/event:")
                st.rerun()
else:
    st.success(tt("review_none_due"), icon=":material/task_alt:")

if cards:
    st.subheader(tt("review_plan"))
    now = utcnow()
    rows = [
        {
            tt("review_col_question"): text(c.question(card.question_id).prompt)[:80],
            tt("review_col_due"): max(card.due if card.due.tzinfo else card.due.replace(tzinfo=now.tzinfo), now),
            tt("review_col_reviews"): card.reviews,
        }
        for card in cards
        if card.question_id in known
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={
            tt("review_col_due"): st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
        },
    )
