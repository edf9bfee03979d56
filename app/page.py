"""Every page's frame: the page list and router, the tab's title and icon, the page's CSS,
projector mode, and the Share button filled in after the page has run."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from app import sharing
from app import model_registry, owner_session
from app.url_state import init_from_url, restore_short_link
from core.files import REPOSITORY_ROOT

# The browser tab's icon: a file served by this server. (A :material/...: icon would make the
# browser fetch it from fonts.gstatic.com, which a classroom without internet cannot reach.)
PAGE_ICON = str(Path(__file__).with_name("favicon.png"))
# A page by its absolute path: a relative one is read against the entry point's folder, which is
# deploy/ on Streamlit Community Cloud (deploy/streamlit_app.py)
LESSON_PAGE = str(REPOSITORY_ROOT / "pages" / "0_Lesson.py")
SHARE_SLOT = "_share_slot"   # session state: the placeholder page_setup leaves for the Share button

# The sidebar's page list, in order: (file under the app root, title, Material icon). The title
# also names the page's URL path ("Long sentences" -> /Long_sentences); Home is served at /.
PAGES = [("pages/0_Home.py", "Home", ":material/home:"),
         ("pages/0_Lesson.py", "Lesson", ":material/school:"),
         ("pages/1_Compare.py", "Compare", ":material/compare_arrows:"),
         ("pages/2_Step_by_step.py", "Step by step", ":material/steps:"),
         ("pages/3_Training.py", "Training", ":material/monitoring:"),
         ("pages/4_Long_sentences.py", "Long sentences", ":material/straighten:"),
         ("pages/5_Data.py", "Data", ":material/dataset:"),
         ("pages/6_What_if.py", "What if", ":material/science:"),
         ("pages/7_Captioning.py", "Captioning", ":material/image:"),
         ("pages/8_Does_attention_matter.py", "Does attention matter", ":material/psychology_alt:"),
         ("pages/9_Self-attention.py", "Self-attention", ":material/hub:")]


def navigation_pages() -> list[st.Page]:
    """The st.Page of every entry in PAGES, Home first and the default (streamlit_app.py runs them)."""
    return [st.Page(REPOSITORY_ROOT / path, title=title, icon=icon, url_path=title.replace(" ", "_"), default=i == 0)
            for i, (path, title, icon) in enumerate(PAGES)]


def _run_through_the_router() -> None:
    """Streamlit runs a page of a `pages/` folder directly, under a navigation made from the
    folder's file names ("streamlit app", Home twice, no icons), until streamlit_app.py has
    called st.navigation once since the server started (its first, folder-based multipage
    mode). A class opening a shared /Compare link on a freshly started server got exactly that.
    So such a run turns the folder mode off, as st.navigation does, and when it is its
    session's first run (a page load: no click to lose) runs again, now through
    streamlit_app.py; every later run on the server goes there directly. (AppTest turns the
    folder mode back on before each of its runs; its later runs then go on as Streamlit chose.)"""
    first_run = "_session_started" not in st.session_state
    st.session_state["_session_started"] = True
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:   # a Streamlit without the folder mode
        return
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        if first_run:
            st.rerun()


def _flag(raw: str) -> bool:
    """?projector=1 (or true/yes/on) is on; 0, false, no, off or nothing is off."""
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("", "0", "false", "no", "off"):
        return False
    raise ValueError(raw)


def projector() -> bool:
    """Whether the page is in projector mode (page_setup's toggle, this browser's remembered
    choice, or a ?projector=1 link it was opened with)."""
    return bool(st.session_state.get("projector"))


# Projector mode is a choice of the device, not of the view: a shared link never carries it (every
# phone that scanned the teacher's QR code opened in projector type), and this browser remembers
# it in a cookie. ?projector=1 still opens in it, and is taken out of the address at once.
PROJECTOR_COOKIE = "dhyan_projector"
PROJECTOR_COOKIE_DAYS = 365


def _remembered_projector() -> bool:
    """This browser's projector choice, from its cookie (False without one, or outside a browser)."""
    try:
        value = st.context.cookies.get(PROJECTOR_COOKIE)
    except Exception:   # no session (a bare script): no cookie
        return False
    return value == "1"


def _projector_chosen() -> None:
    st.session_state["projector_cookie_unsaved"] = True


def _init_projector() -> None:
    """Projector mode from ?projector= (an entry link, then removed from the address), else from
    this browser's cookie; a choice made here is stored in the cookie (the page's own JavaScript)."""
    if "projector" not in st.session_state:
        entry = "projector" in st.query_params
        init_from_url("projector", "projector", _remembered_projector(), parse=_flag)
        if entry:
            _projector_chosen()
    if "projector" in st.query_params:   # not .pop(name, None): see query_param
        del st.query_params["projector"]
    if st.session_state.pop("projector_cookie_unsaved", False):
        value = "1" if projector() else "0"
        st.sidebar.html(f"<script>document.cookie = '{PROJECTOR_COOKIE}={value}; path=/; "
                        f"max-age={PROJECTOR_COOKIE_DAYS * 86_400}; SameSite=Lax';</script>",
                        unsafe_allow_javascript=True)


# Every page: wide figures scroll sideways inside their own box (the page never does), a wide
# formula too; tables and buttons wrap. Projector mode: the sidebar folded and the toolbar gone,
# every font 1.4 times as large, the content the full width of the screen. (A wide box's top
# padding: a chart's title sits a few pixels above its SVG, and the box would cut it.)
PAGE_CSS = """
div[class*="st-key-wide_"] { overflow-x: auto; overflow-y: hidden; max-width: 100%; padding-top: 0.5rem; }
.katex-display { overflow-x: auto; overflow-y: hidden; padding: 0.2rem 0; }
[data-testid="stMarkdownContainer"] { overflow-wrap: anywhere; }
[data-testid="stTable"] td, [data-testid="stTable"] th { white-space: normal !important; overflow-wrap: anywhere; }
"""
PROJECTOR_CSS = """
html { font-size: 22px; }
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: none; padding-left: 2rem; padding-right: 2rem; padding-top: 3.5rem; }
"""


def page_setup(title: str) -> None:
    """The first call on every page: the tab's title, wide layout, the page's CSS, and at the
    top a row with the projector toggle and the Share button (filled in by finish_page)."""
    _run_through_the_router()
    restore_short_link()
    _init_projector()
    on = projector()
    st.set_page_config(page_title=f"{title} · Dhyan", page_icon=PAGE_ICON, layout="wide",
                       initial_sidebar_state="collapsed" if on else "auto")
    st.html(f"<style>{PAGE_CSS}{PROJECTOR_CSS if on else ''}</style>")
    owner_session.save_owner_cookie()
    model_registry.clean_data_folder()
    toggle_column, share_column = st.columns([1, 1], vertical_alignment="center")
    toggle_column.toggle("Projector mode", key="projector", on_change=_projector_chosen,
                         help="Large text and charts, the sidebar folded away, every chart the full width. "
                              "This browser remembers it; shared links never carry it.")
    st.session_state[SHARE_SLOT] = share_column.empty()
    back_to_class_link(title)


def follow_join_link(selected: st.Page, pages: list[st.Page]) -> st.Page:
    """A phone's /?join=CODE (the link on the teacher's QR code) opens the Lesson page, which
    joins the class; any other page is selected's."""
    join = st.query_params.to_dict().get("join")
    lesson = next((p for p in pages if p.url_path == "Lesson"), None)
    if join is not None and lesson is not None and selected.url_path != "Lesson" and selected._default:
        st.switch_page(lesson, query_params={"join": join})
    return selected


def back_to_class_link(title: str) -> None:
    """On every page but the lesson, while this browser follows a class: a way back to it."""
    code = st.session_state.get("class_code")
    if code and title != "Lesson":
        st.page_link(LESSON_PAGE, label=f"Back to the class ({code})",
                     icon=":material/undo:", query_params={"join": code})


def lesson_entry() -> None:
    """The way into the Lesson for a teacher landing on Home: a large link on its first screen."""
    st.page_link(LESSON_PAGE, label="Teach a class: start the lesson", icon=":material/school:")


def finish_page() -> None:
    """After the page has run (streamlit_app.py, even after a page that stopped early): the Share
    button in the slot page_setup left, with the link of what the page now shows."""
    slot = st.session_state.pop(SHARE_SLOT, None)
    if slot is not None:
        home = PAGES[0][1].replace(" ", "_")
        sharing.share_menu(slot, lambda: sharing.short_link(home))
