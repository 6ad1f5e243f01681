import streamlit as st

from academy.classroom import practice
from academy.learning import question_sets, quiz
from academy.learning.charts import score_history
from academy.ui.auth import require_user
from academy.ui.certificates import my_certificate
from academy.ui.questions import feedback, lookup, question_form, say
from academy.ui.state import course, db, lang, settings, tt
from academy.ui.widgets import text

user = require_user()
c = course()
st.title(tt("quiz_title"))

FINAL = "final"
with db() as s:  # a trainer's question sets offered to the learner's cohorts, as practice quizzes
    sets = {question_sets.quiz_id(row.id): row.name for row in practice.available(s, user=user)}
choices = [m.id for m in c.modules if c.questions(m.id)] + [FINAL, *sets]


def _title(quiz_id: str) -> str:
    if quiz_id in sets:
        return tt("quiz_practice", name=sets[quiz_id])
    return tt("quiz_final") if quiz_id == FINAL else text(c.module(quiz_id).title)


requested = st.query_params.get("quiz", choices[0])
chosen = st.selectbox(
    tt("quiz_choose"), choices, index=choices.index(requested) if requested in choices else 0, format_func=_title
)
st.query_params["quiz"] = chosen
module_id = None if chosen == FINAL else chosen
pass_mark = settings().pass_mark
st.caption(tt("quiz_pass_mark", pct=round(pass_mark * 100)))

feedback_key = f"quiz-feedback-{chosen}"
result_key = f"quiz-result-{chosen}"

with db() as s:
    attempt = quiz.open_attempt(s, user_id=user.id, module_id=module_id, course=c)
    given = quiz.answers(s, user_id=user.id, attempt_id=attempt.id) if attempt else {}

if attempt is not None:
    shown = st.session_state.get(feedback_key)
    pending = [item for item in attempt.layout if item["q"] not in given]
    if shown in given:
        # the answer just submitted: feedback first, then move on
        index = next(i for i, item in enumerate(attempt.layout) if item["q"] == shown)
        st.progress((index + 1) / len(attempt.layout), text=tt("quiz_progress", i=index + 1, n=len(attempt.layout)))
        question = lookup(c, shown)
        st.markdown(f"**{say(question, question.prompt)}**")
        feedback(c, question, given[shown].score)
        if st.button(tt("quiz_next") if pending else tt("quiz_see_results"), type="primary", key="quiz-next"):
            st.session_state.pop(feedback_key)
            st.rerun()
    elif pending:
        item = pending[0]
        index = attempt.layout.index(item)
        st.progress(index / len(attempt.layout), text=tt("quiz_progress", i=index + 1, n=len(attempt.layout)))
        question = lookup(c, item["q"])
        response = question_form(
            question, item["order"], key=f"q-{attempt.id}-{item['q']}", submit_label=tt("quiz_submit")
        )
        if response is not None:
            with db() as s:
                quiz.submit_answer(
                    s, user_id=user.id, attempt_id=attempt.id, question_id=item["q"], response=response, course=c
                )
            st.session_state[feedback_key] = item["q"]
            st.rerun()
    else:
        with db() as s:
            done = quiz.finish_attempt(s, user_id=user.id, attempt_id=attempt.id, course=c)
        st.session_state[result_key] = done.id
        st.rerun()
    st.stop()

# --- not in a quiz: last result, start button, history and missed questions -----------------
with db() as s:
    attempts = quiz.history(s, user_id=user.id, module_id=module_id, final=module_id is None)
    missed = quiz.missed_questions(s, user_id=user.id, course=c, module_id=module_id)

last_id = st.session_state.get(result_key)
last = next((a for a in attempts if a.id == last_id), None)
if last is not None:
    st.subheader(tt("quiz_result", pct=round(last.score * 100)))
    if last.passed:
        done_key = "quiz_practice_passed" if chosen in sets else "quiz_passed" if module_id else "quiz_passed_final"
        st.success(tt(done_key), icon=":material/celebration:")
        if module_id is None:
            my_certificate(user, quiet=True)
    else:
        st.error(tt("quiz_failed", pct=round(pass_mark * 100)), icon=":material/replay:")

if st.button(tt("quiz_try_again") if attempts else tt("quiz_start"), type="primary", icon=":material/play_arrow:"):
    try:
        with db() as s:
            if chosen in sets:  # checks again that the set is still offered to this learner
                practice.start(s, user=user, course=c, set_id=question_sets.set_of_quiz(chosen), pass_mark=pass_mark)
            else:
                quiz.start_attempt(s, user_id=user.id, course=c, module_id=module_id, pass_mark=pass_mark)
    except (question_sets.QuestionSetError, quiz.QuizError) as err:
        st.error(tt(err.key, **err.params))
    else:
        st.session_state.pop(result_key, None)
        st.rerun()

st.subheader(tt("quiz_history"))
if attempts:
    best = max(a.score for a in attempts)
    st.caption(tt("quiz_best", pct=round(best * 100), n=len(attempts)))
    st.plotly_chart(score_history([(a.finished_at, a.score) for a in attempts], pass_mark, lang()), key="quiz-history")
else:
    st.caption(tt("quiz_no_history"))

st.subheader(tt("quiz_missed"))
if not missed:
    st.caption(tt("quiz_no_missed"))
for m in missed:
    question = c.question(m.question_id)
    note = tt("quiz_missed_row", missed=m.times_missed, answered=m.times_answered)
    if not m.last_correct:
        note += f" · {tt('quiz_still_wrong')}"
    with st.expander(f"{text(question.prompt)[:90]} ({note})"):
        feedback(c, question, None)
