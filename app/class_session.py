"""This browser's part in a live class (core.classroom): the class it follows, whether it is the
teacher, its participant id, and the join link and QR code.

Tokens. The teacher token is derived from the owner secret (app/owner_session.py, kept in a
cookie): sha256("dhyan-teacher:" + secret). A reload, or a second tab of the same browser, is
the same teacher, and the store never sees the owner secret itself. The participant id is
derived the same way (a different prefix, 16 hex characters), so a phone that reloads keeps its
answers and is counted once.
"""
from __future__ import annotations

import hashlib

import streamlit as st

from app import owner_session
from core.classroom import Classroom, ClassroomError, join_link, normalise_code, store_path

CLASS_KEY = "class_code"          # session state: the code of the class this browser follows, or absent
JOIN_PARAM = "join"               # /?join=CODE


@st.cache_resource
def classroom(path: str) -> Classroom:
    return Classroom(path)


def room() -> Classroom:
    return classroom(str(store_path(owner_session.data_dir())))


def _derived(prefix: str) -> str:
    owner_session.session_owner()    # makes sure st.session_state has this browser's owner secret
    return hashlib.sha256((prefix + st.session_state["owner_token"]).encode("utf-8")).hexdigest()


def teacher_token() -> str:
    return _derived("dhyan-teacher:")


def participant_id() -> str:
    return _derived("dhyan-participant:")[:16]


def class_code() -> str | None:
    return st.session_state.get(CLASS_KEY)


def is_teacher() -> bool:
    code = class_code()
    return bool(code) and room().is_teacher(code, teacher_token())


def join_from_url() -> str | None:
    """Follow the class the URL's ?join= names (once per value); the refusal's message, or None."""
    raw = st.query_params.to_dict().get(JOIN_PARAM)
    if raw is None or raw == st.session_state.get("_joined_from_url"):
        return None
    st.session_state["_joined_from_url"] = raw
    return join(raw)


def join(raw: str) -> str | None:
    """Follow class `raw` (as typed); the store's message when there is no such class."""
    try:
        code = normalise_code(raw)
        room().current_stop(code)
    except ClassroomError as error:
        return str(error)
    st.session_state[CLASS_KEY] = code
    st.query_params[JOIN_PARAM] = code
    return None


def leave() -> None:
    st.session_state.pop(CLASS_KEY, None)
    if JOIN_PARAM in st.query_params:
        del st.query_params[JOIN_PARAM]


def start() -> str:
    """Start a class taught from this browser; its code."""
    started = room().start_class(teacher_token())
    st.session_state[CLASS_KEY] = started.code
    st.query_params[JOIN_PARAM] = started.code
    return started.code


def base_url() -> str:
    """The server's address as the browser sees it (scheme://host[:port]), "" when unknown."""
    from urllib.parse import urlsplit
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def link(code: str) -> str:
    return join_link(base_url() or "http://localhost:8501", code)
