import html

import streamlit as st

from academy.core.i18n import tr
from academy.learning import self_assessment as sa
from academy.learning.charts import radar, trend
from academy.learning.diagrams import quadrant
from academy.ui.auth import require_user
from academy.ui.state import course, db, lang, tt
from academy.ui.widgets import markdown, text

user = require_user()
c = course()
st.title(tt("sa_title"))

kinds = [k for k in ("seller-profile", "client-personality", "character") if k in c.questionnaires]
requested = st.query_params.get("kind", kinds[0])
kind = (
    st.segmented_control(
        tt("sa_choose"),
        kinds,
        default=requested if requested in kinds else kinds[0],
        format_func=lambda k: text(c.questionnaires[k].title),
        key="sa-kind",
    )
    or kinds[0]
)
st.query_params["kind"] = kind
survey = c.questionnaires[kind]
module = c.module(survey.module)
dims = {d.id: d for d in survey.dimensions}
markdown(survey.intro)
st.page_link("views/module.py", label=text(module.title), icon=":material/menu_book:", query_params={"m": module.id})

subject = ""
if kind == "client-personality":
    with db() as s:
        known = sa.subjects(s, user_id=user.id)
    NEW = "\u0000new"  # a value no contact name can take
    pick = st.selectbox(tt("sa_reassess"), [NEW, *known], format_func=lambda v: tt("sa_new_contact") if v == NEW else v)
    subject = st.text_input(tt("sa_subject"), max_chars=80, key="sa-subject") if pick == NEW else pick

with st.form(f"sa-form-{kind}"):
    st.caption(tt("sa_scale", low=text(survey.low_label), n=survey.scale, high=text(survey.high_label)))
    answers = {}
    for item in survey.items:
        value = st.radio(
            text(item.text), list(range(1, survey.scale + 1)), index=None, horizontal=True, key=f"sa-{kind}-{item.id}"
        )
        if value is not None:
            answers[item.id] = value
    if st.form_submit_button(tt("sa_submit"), type="primary"):
        try:
            with db() as s:
                sa.save(s, user_id=user.id, questionnaire=survey, answers=answers, subject=subject)
        except sa.AssessmentError as err:
            st.error(tt(err.key, **err.params))
        else:
            st.toast(tt("sa_saved"), icon=":material/check:")

with db() as s:
    results = sa.history(s, user_id=user.id, kind=kind, subject=subject if kind == "client-personality" else None)

st.subheader(tt("sa_result"))
if not results:
    st.caption(tt("sa_no_history"))
    st.stop()

latest, previous = results[-1], (results[-2] if len(results) > 1 else None)
labels = [text(dims[d].name) for d in dims]
scores = latest.result["scores"]
if kind == "client-personality":
    left, right = st.columns(2)
    styles = [tr(next(t.name for t in module.terms if t.id == style), lang()) for style in latest.result["styles"]]
    with left:
        if len(styles) == 1:
            st.markdown(f"**{tt('sa_style', styles=styles[0])}**")
        else:
            st.markdown(f"**{tt('sa_style', styles=tt('sa_between', styles=' / '.join(styles)))}**")
        st.caption(tt(f"sa_confidence_{latest.result['confidence']}"))
        for style in latest.result["styles"]:
            section = next((sec for sec in module.sections if sec.id == style), None)
            if section is not None:
                with st.expander(f"{tt('sa_tactics')}: {text(section.title)}"):
                    markdown(section.body)
    with right:
        st.plotly_chart(
            quadrant(module, lang(), points=[(html.escape(latest.subject), latest.result["x"], latest.result["y"])]),
            key="sa-quadrant",
        )
else:
    cols = st.columns(2)
    with cols[0]:
        st.plotly_chart(
            radar(
                labels,
                [scores[d] for d in dims],
                [previous.result["scores"][d] for d in dims] if previous else None,
                lang(),
            ),
            key="sa-radar",
        )
    with cols[1]:
        if kind == "seller-profile":
            st.markdown(f"**{tt('sa_level', level=tt('sa_level_' + latest.result['level']))}**")
        weakest = latest.result["weakest"]
        st.markdown(tt("sa_weakest", names=" / ".join(text(dims[d].name) for d in weakest)))
        for d in weakest:
            st.info(text(dims[d].advice), icon=":material/lightbulb:")
        if previous:
            st.markdown(f"**{tt('sa_compare')}**")
            st.dataframe(
                {
                    tt("sa_dimension"): labels,
                    tt("chart_previous"): [previous.result["scores"][d] for d in dims],
                    tt("chart_latest"): [scores[d] for d in dims],
                    "Δ": [round(scores[d] - previous.result["scores"][d], 1) for d in dims],
                },
                hide_index=True,
            )

if len(results) > 1:
    st.subheader(tt("sa_history"))
    st.plotly_chart(
        trend([(r.created_at, text(dims[d].name), r.result["scores"][d]) for r in results for d in dims], lang()),
        key="sa-trend",
    )

with st.expander(tt("sa_how_scored")):
    st.markdown(tt("sa_scoring_text", n=survey.scale, n1=survey.scale + 1))
    if kind == "seller-profile":
        st.markdown(tt("sa_scoring_seller"))
    if kind == "client-personality":
        st.markdown(tt("sa_scoring_personality"))
