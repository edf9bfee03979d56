"""Dhyan: the app's entry point (`streamlit run streamlit_app.py`). It only routes: the sidebar
lists the pages of app.ui.PAGES and the chosen one runs; each page is a file in pages/. After
the page (even one that stopped early), the Share button gets the link of what it shows."""
import streamlit as st

from app import ui

try:
    st.navigation(ui.navigation_pages()).run()
finally:
    ui.finish_page()
