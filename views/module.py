import streamlit as st

from academy.learning import progress
from academy.learning.diagrams import DIAGRAMS
from academy.learning.quiz import passed_modules
from academy.ui import module_reader as reader
from academy.ui.auth import require_user
from academy.ui.roleplay import module_links as roleplay_links
from academy.ui.state import course, db, lang, tt
from academy.ui.widgets import completion_rule, markdown, progress_status, text

user = require_user()
c = course()
module_id = st.query_params.get("m", c.modules[0].id)
if module_id not in {m.id for m in c.modules}:
    st.error(tt("unknown_module"))
    st.page_link("views/course.py", label=tt("back_to_course"), icon=":material/arrow_back:")
    st.stop()
module = c.module(module_id)
st.query_params["m"] = module.id  # keeps the module in the address, so a reload returns here


with db() as s:
    read = progress.sections_read(s, user_id=user.id, module_id=module.id).get(module.id, set())
    answers = progress.reflections(s, user_id=user.id, module_id=module.id)
    mine = progress.module_progress(c, {module.id: read}, passed_modules(s, user_id=user.id))
mp = next(p for p in mine if p.module_id == module.id)

st.page_link("views/course.py", label=tt("back_to_course"), icon=":material/arrow_back:")
st.title(text(module.title))
st.caption(f"{text(module.summary)} · {tt('module_minutes', n=module.minutes)}")
st.progress(mp.fraction, text=progress_status(mp))
completion_rule()

step = reader.pick_step(module, read)
reader.next_step(c, module, mp, read, step)
if step < len(module.sections):
    reader.section(module, step, read, user.id)
    st.stop()  # the takeaways, case and reflections come after the last section

st.subheader(tt("takeaways"))
st.markdown("\n".join(f"- {text(point)}" for point in module.takeaways))

if module.terms:
    with st.expander(tt("terms")):
        for term in module.terms:
            st.markdown(f"**{text(term.name)}**: {text(term.definition)}")

for diagram in module.diagrams:
    st.plotly_chart(DIAGRAMS[diagram](module, lang()), key=f"diagram-{diagram}")


def _answer_form(prompt_id: str, label: str) -> None:
    saved = answers.get(prompt_id)
    with st.form(f"form-{module.id}-{prompt_id}"):
        value = st.text_area(
            label,
            value=saved.text if saved else "",
            key=f"ta-{module.id}-{prompt_id}",
            height=120,
            max_chars=progress.REFLECTION_MAX,
        )
        if saved:
            st.caption(tt("last_saved", when=saved.updated_at.strftime("%Y-%m-%d %H:%M")))
        if st.form_submit_button(tt("save")):
            try:
                with db() as s:
                    progress.save_reflection(s, user_id=user.id, module=module, prompt_id=prompt_id, text=value)
            except progress.ReflectionTooLong as err:
                st.error(tt("reflection_too_long", n=err.limit))
            else:
                st.toast(tt("saved"), icon=":material/check:")
                st.rerun()


st.subheader(f"{tt('case')}: {text(module.case.title)}")
markdown(module.case.scenario)
st.markdown(f"**{text(module.case.question)}**")
_answer_form(progress.CASE_PROMPT, tt("your_answer"))
with st.expander(tt("show_discussion")):
    st.caption(tt("discussion_hint"))
    markdown(module.case.discussion)

st.subheader(tt("reflections"))
for reflection in module.reflections:
    _answer_form(reflection.id, text(reflection.prompt))

st.subheader(tt("practice_next"))
if c.questions(module.id):
    st.page_link(
        "views/assessments.py", label=tt("take_quiz"), icon=":material/quiz:", query_params={"quiz": module.id}
    )
for survey in (q for q in c.questionnaires.values() if q.module == module.id):
    st.page_link(
        "views/self_assessment.py",
        label=f"{tt('nav_self')}: {text(survey.title)}",
        icon=":material/psychology:",
        query_params={"kind": survey.id},
    )
    st.caption(tt("sa_scoring_text", n=survey.scale, n1=survey.scale + 1))
roleplay_links(c, module.id)
if module.tool:
    st.page_link(
        "views/tools.py", label=tt("open_tool"), icon=":material/handyman:", query_params={"tool": module.tool}
    )
