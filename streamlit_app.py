"""Dhyan: the app's entry point (`streamlit run streamlit_app.py`). It only routes: the sidebar
lists the pages of app.ui.PAGES and the chosen one runs; each page is a file in pages/."""
import streamlit as st

from app import ui

st.navigation(ui.navigation_pages()).run()
