"""Hello world, started exactly like the app: the cold-start baseline."""

import streamlit as st

st.title("Hello, world")
