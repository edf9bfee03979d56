"""A page's choices in its URL: read once from a shared link, written back as they change.

A link may name a model, bucket or number the app does not have, or be far too long: the page
then opens on its default or the nearest valid value, with a notice saying what was wrong
(docs/DESIGN.md, "Bad input").
"""
from __future__ import annotations

import streamlit as st

from core.nmt.translate import MAX_INPUT_CHARACTERS
from core.safe_text import as_text


# No value goes into the URL or is taken from it longer than anything the app reads: the sentence
# box's text is read up to MAX_INPUT_CHARACTERS (core.nmt.translate), and a 100,000-character
# sentence in the URL made a 700 KB link that browsers and servers drop whole.
MAX_URL_VALUE = MAX_INPUT_CHARACTERS


# Parameters naming one model: a link names a shared model as every viewer knows it (shared/<name>,
# even when its owner made the link), app.model_registry.link_name and name_from_link.
MODEL_PARAMS = {"model", "probe_model"}


def _model_in_link(name):
    from app.model_registry import link_name
    return link_name(name) if isinstance(name, str) else name


def _model_from_link(name):
    from app.model_registry import name_from_link
    return name_from_link(name) if isinstance(name, str) else name


def link_notice(text: str) -> None:
    """Say what was wrong with the link the page was opened with (the rest of it still applies)."""
    st.warning(text, icon=":material/link:")


def quoted(raw: str) -> str:
    return as_text(repr(raw) if len(raw) <= 40 else repr(raw[:37] + "..."))


def query_param(name: str) -> str | None:
    """The URL's ?name= (its last value when repeated), None when absent. Not
    st.query_params.get(name): a missing name goes through a KeyError that Streamlit's usage
    metrics handle at ~3 ms a call, several calls a rerun (docs/serving.md)."""
    return st.query_params.to_dict().get(name)


def init_from_url(state_key: str, param: str, default, parse=str) -> None:
    """Initialise st.session_state[state_key] once: from the URL's ?param= when present and
    valid (a shared link opens the same view), else from default. An over-long value is cut to
    MAX_URL_VALUE and an invalid one replaced by default, each with a notice on the page; the
    link's other parameters apply as they are."""
    if state_key in st.session_state:
        return
    raw = query_param(param)
    if raw is None:
        st.session_state[state_key] = default
        return
    if len(raw) > MAX_URL_VALUE:
        link_notice(f"This link's **{param}** was {len(raw):,} characters long; only the first "
                    f"{MAX_URL_VALUE:,} were kept (no more is ever read).")
        raw = raw[:MAX_URL_VALUE]
    try:
        st.session_state[state_key] = parse(raw)
    except (TypeError, ValueError):
        link_notice(f"This link's **{param}** ({quoted(raw)}) is not valid here, so the page opens with "
                    f"{default!r} instead.")
        st.session_state[state_key] = default


def choice_from_url(state_key: str, param: str, options: list, default, parse=str) -> None:
    """init_from_url, then keep st.session_state[state_key] one of options: a shared link may
    name a model or bucket this app does not have (any more), which opens on default (with a
    notice when it was the link that named it)."""
    from_link = state_key not in st.session_state and query_param(param) is not None
    init_from_url(state_key, param, default, (lambda raw: _model_from_link(parse(raw))) if param in MODEL_PARAMS else parse)
    if st.session_state[state_key] not in options:
        if from_link:
            link_notice(f"This link's **{param}** ({quoted(str(st.session_state[state_key]))}) is not one this "
                        f"app has, so the page opens with {default!r}.")
        st.session_state[state_key] = default


def number_from_url(state_key: str, param: str, default: int, lowest: int, highest: int) -> None:
    """init_from_url for a whole number, then kept between lowest and highest (a link's
    ?step=99 on a five-step sentence opens on step 5)."""
    init_from_url(state_key, param, default, parse=int)
    st.session_state[state_key] = min(highest, max(lowest, int(st.session_state[state_key])))


SHORT_LINK_PARAM = "s"


def restore_short_link() -> None:
    """A short link's ?s=<id>: the state it names put into the URL's parameters before the page
    reads them (so the page opens as it was shared), then ?s= taken out of the address. A
    malformed or unknown id: a notice, and the page opens with its usual settings."""
    from app.owner_session import data_dir
    from core.classroom import ClassroomError, ShortLinks, store_path
    short_id = query_param(SHORT_LINK_PARAM)
    if short_id is None:
        return
    del st.query_params[SHORT_LINK_PARAM]
    try:
        state = ShortLinks(store_path(data_dir())).load_state(short_id[:MAX_URL_VALUE])
    except ClassroomError as error:
        link_notice(str(error))
        return
    for name, value in state.items():
        if name not in (SHORT_LINK_PARAM, "projector") and isinstance(value, str):
            st.query_params[name] = value[:MAX_URL_VALUE]


def share_in_url(**params) -> None:
    """Write the current choices into the URL, touching only the ones that changed; no value
    longer than MAX_URL_VALUE (a longer sentence is read no further anyway)."""
    for name, value in params.items():
        value = str(_model_in_link(value) if name in MODEL_PARAMS else value)[:MAX_URL_VALUE]
        if query_param(name) != value:
            st.query_params[name] = value
