"""The Share menu: the link of what a page shows now, a button that copies it and its QR code."""
from __future__ import annotations

import functools

import streamlit as st

SHARE_KEY = "share_menu"   # the Share popover's state: open (True) or not


def current_link(home: str) -> str:
    """The link to what this page shows now: its address with every choice the page put into
    the URL (url_state.share_in_url). Relative ("?sentence=...") when the browser did not say its
    address. home: the default page's URL path, which the link leaves out."""
    from urllib.parse import urlencode
    query = urlencode(st.query_params.to_dict(), safe=",")
    base = st.context.url or ""
    if base.endswith("/" + home):   # Home, the default page, is served at the root
        base = base[:-len(home)]
    return base + (f"?{query}" if query else "")


def page_address(home: str) -> tuple[str, str]:
    """(the app's base URL, this page's URL path) from the browser's address: ("http://h:8501",
    "Compare"); Home's path is "". ("", path) when the browser did not say its address."""
    url = (st.context.url or "").split("?", 1)[0]
    base, _, path = url.rpartition("/") if "://" in url else ("", "", url.strip("/"))
    return base, "" if path == home else path


def shared_state(params: dict[str, str]) -> dict[str, str]:
    """What a shared link carries of a page's URL parameters: its choices, never projector mode
    (a choice of the device: a phone opening the teacher's link gets its own layout) nor an old ?s=."""
    return {name: value for name, value in params.items() if name not in ("projector", "s")}


def short_link(home: str) -> str:
    """The link to what this page shows now, short whatever the sentence: the page's choices kept
    on the server (core.classroom.ShortLinks, in the data folder) behind an 8-character id,
    `<page>?s=<id>` (53 characters with a host like 192.168.100.100:8501: a version 4 QR code).
    A page without choices is its plain address; a state too large to keep, the long link."""
    from app.owner_session import data_dir
    from core.classroom import ClassroomError, ShortLinks, state_link, store_path
    base, path = page_address(home)
    state = shared_state(st.query_params.to_dict())
    if not state:
        return f"{base}/{path}" if base else f"/{path}"
    try:
        short_id = ShortLinks(store_path(data_dir())).save_state(state)
    except ClassroomError:   # too large a state, or the store refused: the long link still works
        return current_link(home)
    return state_link(base, path, short_id)


@functools.lru_cache(maxsize=256)
def qr_png(link: str) -> bytes:
    """A QR code of `link` as PNG (the qrcode package: made here, nothing fetched). ~15 ms of
    pure Python (it tries all eight mask patterns), so made once per link, and only when the
    Share menu is opened (share_menu)."""
    import io
    import qrcode
    image = qrcode.make(link, box_size=8, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def share_menu(slot, link) -> None:
    """In `slot` (a placeholder page.page_setup left at the top), the Share button: the link of the
    view as the page left it, a Copy button and its QR code for phones. Its content is made only
    while it is open (opening it reruns the page, from the caches): the QR code was a quarter of a
    render's server time when every rerun made it (docs/serving.md)."""
    import base64
    from qrcode.exceptions import DataOverflowError
    with slot.container():
        with st.popover("Share this view", icon=":material/qr_code_2:", key=SHARE_KEY, on_change="rerun") as menu:
            if not menu.open:
                return
            link = link() if callable(link) else link   # made only when the menu is open
            st.markdown("Everyone who opens this link sees this page with the same sentence and choices.")
            st.code(link, language=None, wrap_lines=True)
            copy_button(link)
            try:
                qr_code = base64.b64encode(qr_png(link)).decode("ascii")
            except (DataOverflowError, ValueError):   # more than a QR code holds (about 2,900 bytes)
                st.caption("This link is too long for a QR code (the sentence is long): copy it instead.")
            else:   # an <img> of its own, not st.image: the page's pictures stay the page's
                st.html(f'<img class="dhyan-qr" src="data:image/png;base64,{qr_code}" width="240" '
                        'alt="QR code of this link">')
                st.caption("Scan with a phone's camera.")


def copy_button(text: str) -> None:
    """A button that copies `text` to the clipboard, in the browser (also where the page is
    served over plain http, where navigator.clipboard is missing)."""
    import html
    import json
    st.html(f"""<button class="dhyan-copy" type="button" data-text="{html.escape(text, quote=True)}"
 style="font: inherit; padding: 0.35rem 0.9rem; border-radius: 0.5rem; border: 1px solid #bbb; background: #fff;
 cursor: pointer">Copy link</button>
<script>
for (const button of document.querySelectorAll("button.dhyan-copy:not([data-ready])")) {{
  button.dataset.ready = "1";
  button.addEventListener("click", async () => {{
    const text = button.dataset.text;
    try {{ await navigator.clipboard.writeText(text); }}
    catch (error) {{
      const area = document.createElement("textarea");
      area.value = text; document.body.appendChild(area); area.select();
      document.execCommand("copy"); area.remove();
    }}
    button.textContent = {json.dumps("Copied")};
  }});
}}
</script>""", unsafe_allow_javascript=True)
