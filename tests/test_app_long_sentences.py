"""Long sentences page through AppTest, on eval.json files written by the real core.nmt.evaluate.evaluate()
for two models on a handful of toy pairs (never hand-made numbers), plus a model with no eval.json yet."""
import io
import json
import os
import re

import pandas as pd
import pytest

from core.files import atomic_write_json
from core.nmt.checkpoint import load_checkpoint
from core.language.corpus import SentencePair
from core.nmt.evaluate import evaluate
from tests.app_helpers import ROOT, app, downloaded
from tests.toy_corpus import toy_pairs

PAGE = "pages/4_Long_sentences.py"


def unevaluated_copy(model: str, folder):
    """folder/<model> with the shipped model's weights and config but no eval.json."""
    (folder / model).mkdir()
    for name in ("model.pt", "config.json"):
        os.symlink(ROOT / "checkpoints" / model / name, folder / model / name)


def test_pairs() -> list[SentencePair]:
    """The toy pairs (5–6 Hindi words) and two of them joined (11–12 words): two length buckets."""
    pairs = toy_pairs()
    joined = [SentencePair(a.source_tokens + ("और",) + b.source_tokens, a.target_tokens + ("and",) + b.target_tokens)
              for a, b in zip(pairs[:4], pairs[4:8])]
    return pairs + joined


test_pairs.__test__ = False   # a helper, not a test


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory):
    """encdec and additive (the shipped weights, linked) with an eval.json written by evaluate()
    on test_pairs(); dot without one. Trained models stop at <eos>, so this takes seconds."""
    folder = tmp_path_factory.mktemp("checkpoints")
    for kind in ("encdec", "additive"):
        unevaluated_copy(kind, folder)
        atomic_write_json(folder / kind / "eval.json", evaluate(load_checkpoint(folder / kind), test_pairs()))
    unevaluated_copy("dot", folder)
    return folder


@pytest.fixture
def page(checkpoints, monkeypatch):
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints))
    return app(PAGE)


def test_scores_per_bucket_table_and_signature(page, checkpoints):
    at = page
    assert not at.exception
    assert any("Not evaluated yet" in i.value and "**dot**" in i.value for i in at.info)
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["color"]["scale"]["domain"] == ["encdec", "additive"]
    summary = at.dataframe[0].value
    evaluation = json.loads((checkpoints / "additive" / "eval.json").read_text())
    assert list(summary["model"]) == ["encdec", "additive"]
    assert summary.loc[1, "BLEU"] == f"{evaluation['bleu']:.1f}"   # shown to one place, as text
    assert not summary.isin(["None", "nan"]).any().any(), "a number a model lacks reads —"
    assert summary.loc[1, "parameters"] == f"{evaluation['parameters']:,}"   # thousands separated
    assert any(evaluation["bleu_signature"] in code.value for code in at.code)

    at.radio(key="long_metric").set_value("chrF").run()
    assert not at.exception
    assert json.loads(at.get("vega_lite_chart")[0].proto.spec)["encoding"]["y"]["field"] == "chrf"


def test_picking_a_bucket_shows_its_sentences_side_by_side(page, checkpoints):
    at = page
    assert at.radio(key="long_bucket").options == ["1–10", "11–20"]
    at.radio(key="long_bucket").set_value("11–20").run()
    assert not at.exception
    assert at.query_params["bucket"] == "11–20"
    evaluation = json.loads((checkpoints / "encdec" / "eval.json").read_text())
    long_ones = [s for s in evaluation["sentences"] if s["bucket"] == "11–20"]
    blocks = side_by_side_blocks(at)   # one block of wrapping lines per sentence, not a table to scroll
    assert sorted(block[0].split(" ", 1)[1] for block in blocks) == sorted(s["source"] for s in long_ones)
    for block in blocks:
        assert block[1].startswith("*reference:* ")
        assert [line.split(" ", 1)[0] for line in block[2:]] == ["**encdec**", "**additive**"]
    encdec_lines = {block[0].split(" ", 1)[1]: block[2] for block in blocks}
    for sentence in long_ones:   # each translation whole, after its model and BLEU
        assert encdec_lines[sentence["source"]].endswith(f"): {sentence['translation']}")

    at.radio(key="long_bucket").set_value("1–10").run()
    assert len(side_by_side_blocks(at)) == len(toy_pairs())

    shared = app(PAGE, bucket="11–20")   # a shared link opens the same bucket
    assert shared.radio(key="long_bucket").value == "11–20"
    assert app(PAGE, bucket="41+").radio(key="long_bucket").value == "11–20"   # none evaluated: the longest there is


def side_by_side_blocks(at) -> list[list[str]]:
    """The side-by-side sentences: for each, its lines (source, reference, one per model)."""
    return [text.split("  \n") for text in (m.value for m in at.markdown) if re.match(r"\*\*\d+\.\*\* ", text)]


def download_as_frame(at, media) -> pd.DataFrame:
    (button,) = [b for b in at.get("download_button") if b.proto.label == "Download these rows as CSV"]
    return pd.read_csv(io.BytesIO(downloaded(media, button)))


def test_per_sentence_table_filters_and_downloads(kept_media, page):
    at = page
    table = at.dataframe[1].value
    assert len(table) == 2 * len(test_pairs())
    csv = download_as_frame(at, kept_media)   # the CSV holds the rows shown
    assert list(csv.columns) == list(table.columns)
    assert list(zip(csv["model"], csv["source"])) == list(zip(table["model"], table["source"]))
    at.multiselect(key="long_filter_models").set_value(["additive"]).run()
    at.multiselect(key="long_filter_buckets").set_value(["11–20"]).run()
    table = at.dataframe[1].value
    assert set(table["model"]) == {"additive"} and set(table["bucket"]) == {"11–20"} and len(table) == 4
    csv = download_as_frame(at, kept_media)   # ... and only those, after filtering
    assert list(csv["source"]) == list(table["source"]) and set(csv["model"]) == {"additive"}
    assert list(csv["translation"]) == list(table["translation"])
    at.radio(key="long_filter_exact").set_value("exact").run()
    assert not at.exception
    assert at.dataframe[1].value["exact"].all()


def test_without_any_evaluation_the_page_says_so(tmp_path, monkeypatch):
    unevaluated_copy("additive", tmp_path)
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(tmp_path))
    at = app(PAGE)
    assert not at.exception
    assert any("No model has been evaluated yet" in w.value for w in at.warning)
    assert any("additive" in i.value for i in at.info)
