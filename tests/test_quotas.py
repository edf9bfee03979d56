"""Quotas: what one browser keeps (count and bytes of corpora and models) and what the whole
server holds, each refused with a message that says the limit and how to free space; the limits
in one place (core.limits), shown on the Data page."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app import jobs as training_jobs
from app import owner_session
from core import limits, owners, quotas
from core.language.user_corpus import load_corpus_bytes, save_corpus
from tests.app_helpers import app

ALICE, BOB = "a" * 12, "b" * 12
PAIRS = load_corpus_bytes("राम खाना खाता है\tRam eats food\nसीता पानी पीती है\tSita drinks water\n".encode(), "x.tsv").pairs
SMALL = limits.StorageLimits(corpora_per_owner=2, corpus_bytes_per_owner=1000, models_per_owner=1,
                             model_bytes_per_owner=500, server_bytes=5000)


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(quotas, "STORAGE", SMALL)
    return SMALL


def model(data: Path, owner: str, name: str, size: int) -> str:
    folder = owners.models_dir(data) / owners.model_folder(name, owner)
    folder.mkdir(parents=True)
    owners.record_owner(folder, owner, name)
    (folder / "model.pt").write_bytes(b"\0" * size)
    return folder.name


def test_a_browser_keeps_at_most_so_many_corpora_and_a_replaced_one_counts_once(tmp_path, small):
    save_corpus(PAIRS, "one", tmp_path, owner=ALICE)
    save_corpus(PAIRS, "two", tmp_path, owner=ALICE)
    save_corpus(PAIRS, "two", tmp_path, owner=ALICE)   # replacing is not keeping more
    with pytest.raises(quotas.QuotaError, match=r"keeps 2 corpora.*\(2\)\. Delete a corpus .*'Your corpora'"):
        save_corpus(PAIRS, "three", tmp_path, owner=ALICE)
    assert owners.list_saved_corpora(tmp_path, ALICE) == ["one", "two"]
    save_corpus(PAIRS, "three", tmp_path, owner=BOB)   # another browser has its own quota
    owners.delete_corpus("one", tmp_path, ALICE)
    save_corpus(PAIRS, "three", tmp_path, owner=ALICE)


def test_a_browser_keeps_at_most_so_many_bytes_of_corpora(tmp_path, small):
    big = load_corpus_bytes("".join(f"राम {i} खाता है\tRam eats {i}\n" for i in range(40)).encode(), "b.tsv").pairs
    with pytest.raises(quotas.QuotaError, match=r"over the 0\.0 MB one browser may keep\. Delete a corpus"):
        save_corpus(big, "big", tmp_path, owner=ALICE)
    assert not (tmp_path / "corpora" / ALICE / "big.tsv").exists()


def test_models_are_counted_per_browser_and_a_run_over_the_quota_is_refused_before_it_starts(tmp_path, small):
    model(tmp_path, ALICE, "first", 100)
    settings = training_jobs.JobSettings(name="second", corpus="generated", model="dot", pairs=300, epochs=1,
                                         hidden_size=32, owner=ALICE)
    with pytest.raises(training_jobs.JobSettingsError, match=r"keeps 1 models.*'Your models' on the Training page"):
        training_jobs.check_settings(settings, tmp_path)
    training_jobs.check_settings(settings.__class__(**{**settings.__dict__, "name": "first", "overwrite": True}), tmp_path)
    training_jobs.check_settings(settings.__class__(**{**settings.__dict__, "owner": BOB}), tmp_path)


def test_the_server_refuses_more_once_its_data_folder_is_full(tmp_path, small):
    model(tmp_path, BOB, "huge", SMALL.server_bytes)
    with pytest.raises(quotas.QuotaError, match=r"the limit for everyone together is 0\.0 MB.*removed 7 days"):
        save_corpus(PAIRS, "one", tmp_path, owner=ALICE)
    with pytest.raises(quotas.QuotaError, match="for everyone together"):
        quotas.check_model(tmp_path, ALICE, owners.model_folder("new", ALICE))


def test_the_data_page_shows_the_limits_and_what_this_browser_keeps(monkeypatch):
    data = os.environ["DHYAN_DATA_DIR"]
    token = owners.new_token(owners.server_secret(data))
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: token)
    save_corpus(PAIRS, "mine", data, owner=owners.owner_of(token))
    at = app("pages/5_Data.py")
    shown = " ".join(caption.value for caption in at.caption)
    assert limits.STORAGE.describe() in shown and limits.TRAINING.describe() in shown
    assert f"1 of {limits.STORAGE.corpora_per_owner} corpora" in shown


def test_a_one_megabyte_word_or_sentence_is_a_malformed_line_not_one_token():
    from core.language.user_corpus import MAX_SENTENCE_CHARACTERS, MAX_WORD_CHARACTERS
    good = "राम खाना खाता है\tRam eats food\n"
    word = "राम " + "क" * (MAX_WORD_CHARACTERS + 1) + " है\tRam is\n"
    megabyte = "राम " + "क" * 1_000_000 + " है\tRam is\n"
    long_sentence = " ".join(["राम"] * 20) + "\t" + " ".join(["Ram"] * (MAX_SENTENCE_CHARACTERS // 3)) + "\n"
    corpus = load_corpus_bytes((good + word + megabyte + long_sentence + good * 3).encode(), "x.tsv")
    assert len(corpus.pairs) == 1   # the good line, once (the rest are its duplicates)
    reasons = dict(corpus.malformed_lines)
    assert f"over the {MAX_WORD_CHARACTERS} a word may have" in reasons[2]
    assert f"over the {MAX_SENTENCE_CHARACTERS:,} allowed" in reasons[3] and "English" in reasons[4]
