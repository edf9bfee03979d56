"""User text shown as text: core.safe_text.as_text, the one escaping every page applies to what a
person typed, linked or uploaded. Checked against a CommonMark renderer (markdown-it-py, with
GitHub's strikethrough and tables, as Streamlit's Markdown has them) for any Unicode text, and
for the payloads a tester tries by hand. That the pages apply it everywhere is walked in
tests/test_user_text_shown_as_text.py."""
from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from markdown_it import MarkdownIt

from core.safe_text import as_text

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "dhyan-hypothesis")   # nothing written into the tree
MARKDOWN = MarkdownIt("commonmark").enable(["strikethrough", "table"])
PAYLOADS = ["**x**", "$x^2$", "~~x~~", "![i](http://127.0.0.1:9/x.png)", "[c](javascript:alert(1))", "<b>x</b>",
            "राम **ज़ोर** $x^2$ ~~है~~", ":red[x] :smile:", "# x", "x\n===", "> x", "- x", "1. x", "`x`",
            "&amp; &#x41;", "<https://example.org>", "| a | b |\n|---|---|", "    four spaces", "\\*x\\*"]


def shown(markdown: str) -> str:
    """The text a reader sees in markdown rendered: one paragraph of plain text, or it fails."""
    rendered = MARKDOWN.render(markdown)
    if not rendered:
        return ""
    inner = re.fullmatch(r"<p>(.*)</p>\n", rendered, flags=re.S)
    assert inner, f"{markdown!r} became {rendered!r}, not one plain paragraph"
    assert "<" not in inner[1], f"{markdown!r} became markup: {rendered!r}"
    return html.unescape(inner[1])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_is_shown_as_the_characters_typed(payload):
    assert shown(as_text(payload)) == " ".join(payload.split())


@settings(max_examples=400, deadline=None, database=None)
@given(st.text())
@example("\0")
@example("*" * 3 + "x\u00a0\u2028y")
def test_any_text_is_shown_as_itself_and_never_as_markup(text):
    expected = " ".join(text.split()).replace("\0", "\ufffd")
    assert shown(as_text(text)) == expected


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from("*_~`$[]()!<>&:#|-+=.\\ \nxक"), max_size=40))
def test_text_made_of_markdown_characters_stays_text(text):
    assert shown(as_text(text)) == " ".join(text.split())


def test_text_inside_the_apps_own_markdown_stays_inside_it():
    """A name shown in bold stays one bold run: nothing in it closes the app's ** early."""
    rendered = MARKDOWN.render(f"Saved as **{as_text('a** [x](javascript:1) **b')}**.")
    assert rendered == "<p>Saved as <strong>a** [x](javascript:1) **b</strong>.</p>\n"
