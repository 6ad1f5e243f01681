"""The floor page: the real navigation shell of app.py (start-up, login check, cookie sync, sidebar,
page registry) with no page body, so a page's time minus this is what the page itself costs.

bench/pages.py runs this file from a scratch folder beside a link to views/, because the shell names
its pages relative to the main script.
"""

import streamlit as st

from academy.ui.shell import navigation

st.set_page_config(page_title="Key Account Academy", page_icon=":material/school:", layout="wide")
navigation()  # the page it returns is deliberately not run
