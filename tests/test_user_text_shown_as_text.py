"""Every page, walked with Markdown, HTML, LaTeX and link payloads in the sentence (the URL's
?sentence=, as a shared link brings it), in the lines of a saved corpus and in a model's name:
nothing of them is rendered. Each Markdown body a page sends (markdown, captions, notices,
button labels) is rendered with a CommonMark renderer and must hold no image, no link, no
strike-through, no bold made of the payload and no unescaped LaTeX; the payloads themselves
never stand in a body unescaped. What the browser does with them is in test_browser.py."""
from __future__ import annotations

import os
import re

import pytest
from markdown_it import MarkdownIt

from app import owner_session, page
from core import owners
from core.language.user_corpus import load_corpus_bytes, save_corpus
from tests.app_helpers import app

PAYLOADS = ["**x**", "$x^2$", "~~x~~", "![i](http://127.0.0.1:9/x.png)", "[c](javascript:alert(1))", "<b>x</b>"]
SENTENCE = "राम " + " ".join(PAYLOADS) + " खाना खा रहा है"
MARKDOWN = MarkdownIt("commonmark").enable(["strikethrough", "table"])
MARKDOWN_ELEMENTS = ("markdown", "caption", "warning", "error", "info", "success", "exception", "button", "expander")


def bodies(at) -> list[str]:
    """The Markdown text of every element the page sent that Streamlit renders as Markdown."""
    found = []
    for kind in MARKDOWN_ELEMENTS:
        for element in at.get(kind):
            proto = element.proto
            for field in ("body", "label", "message"):
                text = getattr(proto, field, None)
                if isinstance(text, str) and text:
                    found.append(text)
    return found


def rendered_payloads(body: str) -> list[str]:
    """What of the payloads `body` renders as something other than its characters."""
    html = MARKDOWN.render(body)
    problems = [payload for payload in PAYLOADS if payload in body]
    if "<img" in html:
        problems.append("an image")
    if re.search(r'<a href="(javascript:|http://127\.0\.0\.1)', html):
        problems.append("a link")
    if "<del>x</del>" in html or "<s>x</s>" in html:   # the app's own diff strikes deleted words through
        problems.append("strike-through")
    if "<strong>x</strong>" in html or "<b>" in html:
        problems.append("bold")
    if re.search(r"(?<!\\)\$\s*x\s*(?:\\?\^)", body):
        problems.append("LaTeX")
    return problems


def read(at) -> str:
    """All the text a reader sees in the page's Markdown elements."""
    import html
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", MARKDOWN.render(body))) for body in bodies(at))


def assert_shown_as_text(at, where: str) -> None:
    assert not at.exception, f"{where}: {at.exception}"
    shown = {body: rendered_payloads(body) for body in bodies(at)}
    assert not {body: problems for body, problems in shown.items() if problems}, where


@pytest.fixture
def browser(monkeypatch):
    """One browser (a token this server signed, sent back as its cookie) with a saved corpus whose
    lines are the payloads."""
    data = os.environ["DHYAN_DATA_DIR"]
    token = owners.new_token(owners.server_secret(data))
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: token)
    upload = "".join(f"राम {payload} है\tRam {payload} is\n" for payload in PAYLOADS).encode()
    save_corpus(load_corpus_bytes(upload, "payloads.tsv").pairs, "payloads", data, owner=owners.owner_of(token))
    return token


@pytest.mark.parametrize("path", [path for path, _, _ in page.PAGES])
def test_no_page_renders_a_payload_in_the_sentence(path, browser):
    at = app(path, sentence=SENTENCE, models="encdec,additive,mine/**x**", model="$x^2$")
    assert_shown_as_text(at, path)
    if path in ("pages/1_Compare.py", "pages/2_Step_by_step.py"):
        assert "~~x~~" in read(at).replace(" ", ""), "the unknown words are named, as their characters"


def test_the_data_page_shows_a_corpus_of_payloads_as_text(browser):
    at = app("pages/5_Data.py")
    at.selectbox(key="data_corpus").set_value("payloads").run()
    for number in range(1, len(PAYLOADS) + 1):
        at.number_input(key="data_pair").set_value(number).run()
        assert_shown_as_text(at, f"pair {number}")
        assert f"Ram {PAYLOADS[number - 1]} is" in read(at), "the line is shown, as its characters"


def test_a_payload_as_a_model_name_is_refused_as_text(browser):
    at = app("pages/3_Training.py")
    for payload in PAYLOADS:
        at.text_input(key="train_name").set_value(payload).run()
        at.button(key="train_start").click().run()
        assert_shown_as_text(at, f"name {payload!r}")
        assert payload in read(at), "the refusal quotes the name, as its characters"
