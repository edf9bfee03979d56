"""This browser's owner and where what it makes is kept: the Streamlit side of ownership.

A browser is known by a token the server signed, kept in a cookie; its owner id is a hash of it,
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
OWNER_COOKIE_DAYS = owners.OWNER_COOKIE_DAYS   # the cookie's max-age, renewed on every visit


@st.cache_resource(show_spinner=False, max_entries=4)
def _secret(directory: str) -> bytes:
    """This server's signing key (core.owners.server_secret), read once per process."""
    return owners.server_secret(directory)


def _browser_cookie() -> str | None:
    """The owner cookie the browser sent when this session connected (None outside a browser)."""
    try:
        value = st.context.cookies.get(OWNER_COOKIE)
    except Exception:   # no session (a bare script): no cookie
        return None
    return value if isinstance(value, str) else None   # AppTest's stand-in client has no real cookies


def session_owner() -> str:
    """This browser's owner id: a hash of the signed token kept in its cookie (so a reload or a
    second tab of the same browser is the same owner, and nobody learns the token from a model
    folder). A browser without the cookie, or with a token this server did not sign, is a new
    visitor with a new token, which page_setup stores."""
    if "owner_token" not in st.session_state:
        token = _browser_cookie()
        if not owners.valid_token(token, _secret(str(data_dir()))):
            token = owners.new_token(_secret(str(data_dir())))
        st.session_state["owner_token"] = token
        owners.seen_owner(data_dir(), owners.owner_of(token))
    return owners.owner_of(st.session_state["owner_token"])


# Sliding expiry: the first run of every session writes the cookie again with a full max-age, so
# a browser that visits at least once in OWNER_COOKIE_DAYS keeps its models and corpora for a
# whole term. Two tabs opened before the cookie exists each get a token; whichever writes second
# finds the other's cookie (not the one its page was served with) and reloads to adopt it, so
# both tabs end as one owner before either has made anything.
_COOKIE_SCRIPT = """<script>
(() => {
  const name = %(name)s, token = %(token)s, sent = %(sent)s;
  const found = document.cookie.split("; ").find(c => c.startsWith(name + "="));
  const now = found ? found.slice(name.length + 1) : "";
  if (now && now !== sent && now !== token) { window.location.reload(); return; }
  document.cookie = name + "=" + token + "; path=/; max-age=%(age)d; SameSite=Lax";
})();
</script>"""


def save_owner_cookie() -> None:
    """Store (or renew) this browser's token in its cookie, once per session (the page's own
    JavaScript, nothing fetched)."""
    session_owner()
    if st.session_state.get("owner_cookie_written"):
        return
    st.session_state["owner_cookie_written"] = True
    st.sidebar.html(_COOKIE_SCRIPT % {"name": _script_string(OWNER_COOKIE),
                                      "token": _script_string(st.session_state["owner_token"]),
                                      "sent": _script_string(_browser_cookie() or ""), "age": OWNER_COOKIE_DAYS * 86_400},
                    unsafe_allow_javascript=True)


def _script_string(text: str) -> str:
    """A JavaScript string literal of text that cannot end the <script> it stands in (a planted
    cookie may hold '</script>')."""
    import json
    return json.dumps(text).replace("<", "\\u003c")


def current_owner() -> str:
    """session_owner() inside a page run; outside one (a bare script, a test) nobody: ""."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    return session_owner() if get_script_run_ctx(suppress_warning=True) is not None else ""
