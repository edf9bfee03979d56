"""User text shown as text: the one escaping every page uses for what a person typed, linked or
uploaded (a sentence, a corpus line, a name, a notice that quotes them).

Streamlit renders st.markdown, st.warning, st.caption, widget labels and the like as Markdown
(CommonMark with GitHub's extensions, $…$ LaTeX, :colour[…] tags and :emoji: codes). CommonMark
lets a backslash stand before any ASCII punctuation character to mean that character itself, and
every construct above starts with one (* _ ~ ` $ [ ! < & : # | > - + = . and the rest), so
escaping all of them leaves no way for text to become emphasis, a formula, a link, an image or a
tag, while the reader sees the same characters. Letters, digits, Devanagari and spaces are left
alone. A newline becomes a space: a blank line or "====" under a line would make a paragraph or
a heading of it.
"""
from __future__ import annotations

import string

_ESCAPED = str.maketrans({character: "\\" + character for character in string.punctuation} | {"\0": "\ufffd"})


def as_text(text) -> str:
    """`text` (anything: str() of it) escaped so that Streamlit's Markdown shows it as it is."""
    return " ".join(str(text).split()).translate(_ESCAPED)
