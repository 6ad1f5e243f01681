"""Key Account Academy: the app's HTTP routes (st.App), page configuration and navigation only.

`streamlit run app.py` finds `app` and serves it with its routes (academy/ui/routes.py); every
script run executes the block below, where `__name__` is "__main__".
"""

import streamlit as st

from academy.ui.routes import ROUTES
from academy.ui.shell import navigation

app = st.App("app.py", routes=ROUTES)

if __name__ == "__main__":
    st.set_page_config(page_title="Key Account Academy", page_icon=":material/school:", layout="wide")
    navigation().run()
