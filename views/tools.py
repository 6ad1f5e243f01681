import streamlit as st

from academy.content.loader import ContentInvalid
from academy.content.rubrics import tool_rubrics
from academy.tools.clients import TOOLS
from academy.ui.auth import require_user
from academy.ui.state import course, lang, settings, tt
from academy.ui.tools.callplan import call_plan
from academy.ui.tools.common import ToolContext, excel_file, lesson_link
from academy.ui.tools.dealplan import deal_plan
from academy.ui.tools.decision_unit import decision_unit_map
from academy.ui.tools.opportunity import opportunity_assessment
from academy.ui.tools.ratio import ratio_calculator
from academy.ui.tools.scorecard import relationship_scorecard

user = require_user()
try:
    ctx = ToolContext(user=user, course=course(), rubrics=tool_rubrics(str(settings().content_dir)))
except ContentInvalid as exc:
    st.error(tt("content_invalid"))
    st.code("\n".join(str(e) for e in exc.errors), language=None)
    st.stop()
PIECES = {
    "relationship-scorecard": relationship_scorecard,
    "decision-unit-map": decision_unit_map,
    "opportunity-assessment": opportunity_assessment,
    "ratio-calculator": ratio_calculator,
    "deal-plan": deal_plan,
    "call-plan": call_plan,
}


def _on_tool_change() -> None:
    st.query_params["tool"] = st.session_state["tool-choice"]


st.title(tt("nav_tools"))
st.caption(tt("tool_intro"))
# The address names the tool (?tool=...), so links from lessons and reloads land on it.
requested = st.query_params.get("tool")
st.session_state["tool-choice"] = requested if requested in TOOLS else TOOLS[0]
tool = st.segmented_control(
    tt("tool_choose"),
    TOOLS,
    required=True,
    format_func=lambda x: tt(f"tool_name_{x}"),
    key="tool-choice",
    on_change=_on_tool_change,
)
st.query_params["tool"] = tool
st.header(tt(f"tool_name_{tool}"))
st.caption(tt(f"tool_about_{tool}"))
lesson_link(ctx, tool)
PIECES[tool](ctx)

st.divider()
with st.expander(tt("tool_export"), icon=":material/download:"):
    st.caption(tt("tool_export_help"))
    st.download_button(
        tt("tool_download_excel"),
        excel_file(ctx, lang()),
        file_name=f"field-tools-{user.username}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        key="tool-excel",
    )
