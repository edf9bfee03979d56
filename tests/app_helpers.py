"""Helpers shared by the AppTest page tests (not a test module itself)."""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import pandas as pd
from streamlit import dataframe_util
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from core.nmt.checkpoint import CheckpointError, load_checkpoint
from core.nmt.translate import Translator
from app.model_registry import model_entries

TIMEOUT = 90  # seconds; the first run of a page imports torch
ROOT = Path(__file__).resolve().parent.parent
ROUTER = "streamlit_app.py"  # the app's entry point: st.navigation over app.page.PAGES


def app(page: str, **query_params: str) -> AppTest:
    """An AppTest of the whole app (streamlit_app.py's st.navigation) opened on `page` (a file of
    app.page.PAGES, or the router itself for the default page), run once with the URL's query params."""
    at = AppTest.from_file(str(ROOT / ROUTER), default_timeout=TIMEOUT)
    if page != ROUTER:
        at.switch_page(page)  # before the first run it finds the page by its URL path, the file's name
    for name, value in query_params.items():
        at.query_params[name] = value
    return at.run()


@functools.cache
def shipped_translator(name: str) -> Translator:
    """Translator.from_name(name) for a shipped model, loaded once per test process (about 70 ms
    a load): the tests only read it, as every session of the app shares one."""
    return Translator.from_name(name)


def loadable_model_names() -> list[str]:
    """What the pages should offer: every model folder whose checkpoint loads."""
    names = []
    for entry in model_entries():
        try:
            load_checkpoint(entry.directory, name=entry.name)
        except CheckpointError:
            continue
        names.append(entry.name)
    return names


def checkpoints_with_truncated(source: Path, target: Path, broken: str) -> Path:
    """target/ holds a symlink to every model folder of source/, except `broken`, whose
    model.pt is cut to half its bytes (a download or save that stopped half-way)."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in sorted(p for p in source.iterdir() if (p / "model.pt").is_file()):
        if folder.name != broken:
            os.symlink(folder.resolve(), target / folder.name)
            continue
        (target / folder.name).mkdir()
        data = (folder / "model.pt").read_bytes()
        (target / folder.name / "model.pt").write_bytes(data[: len(data) // 2])
        for extra in ("config.json", "history.json"):
            if (folder / extra).is_file():
                (target / folder.name / extra).write_bytes((folder / extra).read_bytes())
    return target


def checkpoints_trained_on(source: Path, target: Path, corpus: dict) -> Path:
    """target/ holds every model of source/ (model.pt linked) with config.json saying it was
    trained on `corpus`: the pages then look for its test split."""
    for folder in sorted(p for p in source.iterdir() if (p / "model.pt").is_file()):
        (target / folder.name).mkdir(parents=True)
        os.symlink((folder / "model.pt").resolve(), target / folder.name / "model.pt")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        config["corpus"] = corpus
        (target / folder.name / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return target


def chart_rows(chart) -> pd.DataFrame:
    """The data an st.altair_chart element was drawn from (its one dataset), one row per mark."""
    (dataset,) = chart.proto.datasets
    return dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data)


def downloaded(storage: MemoryMediaFileStorage, button) -> bytes:
    """The bytes a st.download_button element hands the browser (storage: the kept_media fixture)."""
    return storage.get_file(button.proto.url.rsplit("/", 1)[-1]).content


def markdown_texts(at: AppTest) -> list[str]:
    return [element.value for element in at.markdown]


def shown_translations(at: AppTest) -> list[str]:
    """The translations (or guesses, for input with unknown words) the Compare page shows, in column order."""
    prefixes = ("**Translation:** ", "**Guess:** ")
    return [as_read(text.split(":** ", 1)[1]) for text in markdown_texts(at) if text.startswith(prefixes)]


def as_read(markdown: str) -> str:
    """Markdown text as a reader sees it: each backslash-escaped punctuation character
    (core.safe_text.as_text) as itself."""
    import re
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
