"""Translations cached per model, sentence and settings, shared by every session.

A Translation is made once per server for a model, sentence and beam size (and, on the What if
page, a forced prefix or replaced attention rows): a class typing the same sentence shares one
decoding. The key holds the weights' mtime, so a retrained model translates anew. Never mutate
a cached Translation.
"""
from __future__ import annotations

import streamlit as st

from app.model_registry import modified_time
from core.nmt.translate import Translation, Translator


@st.cache_resource(max_entries=512, show_spinner=False)
def _translation(_translator: Translator, directory: str, modified: float, text: str, beam_size: int) -> Translation:
    """Shared by every session: never mutate the result."""
    return _translator.translate(text, beam_size=beam_size)



def translate(translator: Translator, text: str, beam_size: int = 1) -> Translation:
    """translator.translate, cached per model, sentence and beam size; raises InputError."""
    directory = translator.loaded.directory
    return _translation(translator, str(directory), modified_time(directory / "model.pt"), text, beam_size)



@st.cache_resource(max_entries=256, show_spinner=False)
def _what_if_translation(_translator: Translator, directory: str, modified: float, text: str, beam_size: int,
                         prefix: tuple[str, ...], override: tuple[tuple[int, tuple[float, ...]], ...]) -> Translation:
    """Shared by every session: never mutate the result."""
    import torch
    weights = {step: torch.tensor(row) for step, row in override} or None
    return _translator.translate(text, beam_size=beam_size, prefix=list(prefix) or None, override_weights=weights)


def translate_what_if(translator: Translator, text: str, beam_size: int = 1, prefix: list[str] | None = None,
                      override: dict[int, list[float]] | None = None) -> Translation:
    """translator.translate with a forced prefix and/or attention rows replaced, cached; raises InputError."""
    directory = translator.loaded.directory
    frozen = tuple(sorted((int(step), tuple(float(w) for w in row)) for step, row in (override or {}).items()))
    return _what_if_translation(translator, str(directory), modified_time(directory / "model.pt"), text, beam_size,
                                tuple(prefix or ()), frozen)
