"""Dhyan: the app's entry point (`streamlit run streamlit_app.py`). It only routes: the sidebar
lists the pages of app.page.PAGES and the chosen one runs; each page is a file in pages/. After
the page (even one that stopped early), the Share button gets the link of what it shows.
A page runs in one of a few slots handed out in arrival order (app/render_gate.py): a class
opening the app at once is served one after the other, sooner than all at once."""
import streamlit as st

from app import page
from app.render_gate import PAGE_RUNS

with PAGE_RUNS.slot():
    try:
        pages = page.navigation_pages()
        page.follow_join_link(st.navigation(pages), pages).run()
    finally:
        page.finish_page()
