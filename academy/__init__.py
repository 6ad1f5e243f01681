"""Key Account Academy: the domain package (no Streamlit outside academy.ui)."""
