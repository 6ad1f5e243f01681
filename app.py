"""Key Account Academy: page configuration and navigation only."""

import streamlit as st

from academy.ui.shell import navigation

st.set_page_config(page_title="Key Account Academy", page_icon=":material/school:", layout="wide")
navigation().run()
