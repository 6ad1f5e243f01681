import streamlit as st

from academy.core.models import Role
from academy.integrations import xapi_outbox
from academy.ui.auth import require_role
from academy.ui.learning_records import configuration, status_panel, table
from academy.ui.state import settings, tt

require_role(Role.admin)
st.title(tt("xr_title"))

if configuration(settings()):
    status_panel()
    table(xapi_outbox.PENDING, "xr_queue")
    table(xapi_outbox.SENT, "xr_recent")
    table(xapi_outbox.REJECTED, "xr_rejected_list")
