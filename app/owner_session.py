"""This browser's owner and where what it makes is kept: the Streamlit side of ownership.

A browser is known by a random secret kept in a cookie; its owner id is a hash of that secret,
so a reload or a second tab of the same browser is the same owner and nobody learns the secret
from a folder name. What an owner may see, share and delete is decided in core.owners; this
module only reads and stores the cookie and keeps the session's token.
"""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from core import owners
from core.files import REPOSITORY_ROOT


def data_dir() -> Path:
    """Where uploads and models trained in the browser live (never inside checkpoints/)."""
    return Path(os.environ.get("DHYAN_DATA_DIR", REPOSITORY_ROOT / "data"))


OWNER_COOKIE = "dhyan_owner"
OWNER_COOKIE_DAYS = 30   # the cookie's max-age, longer than core.owners.PRIVATE_DAYS


def _browser_cookie() -> str | None:
    """The owner cookie the browser sent when this session connected (None outside a browser)."""
    try:
        value = st.context.cookies.get(OWNER_COOKIE)
    except Exception:   # no session (a bare script): no cookie
        return None
    return value if isinstance(value, str) else None   # AppTest's stand-in client has no real cookies


def session_owner() -> str:
    """This browser's owner id: a hash of a random secret kept in a cookie (so a reload or a
    second tab of the same browser is the same owner, and nobody learns the secret from a model
    folder). A browser without the cookie gets a new secret, which page_setup stores."""
    if "owner_token" not in st.session_state:
        token = _browser_cookie()
        if not owners.valid_token(token):
            token = owners.new_token()
            st.session_state["owner_cookie_unsaved"] = True
        st.session_state["owner_token"] = token
    return owners.owner_of(st.session_state["owner_token"])


def save_owner_cookie() -> None:
    """Store a new owner secret in the browser (once per session; the page's own JavaScript,
    nothing fetched)."""
    session_owner()
    if st.session_state.pop("owner_cookie_unsaved", False):
        token = st.session_state["owner_token"]
        st.sidebar.html(f"<script>document.cookie = '{OWNER_COOKIE}={token}; path=/; "
                        f"max-age={OWNER_COOKIE_DAYS * 86_400}; SameSite=Lax';</script>",
                        unsafe_allow_javascript=True)



def current_owner() -> str:
    """session_owner() inside a page run; outside one (a bare script, a test) nobody: ""."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    return session_owner() if get_script_run_ctx(suppress_warning=True) is not None else ""
