"""The transformer on every page, through AppTest: a tiny transformer trained into a tmp
checkpoints folder beside the shipped GRU models (linked), evaluated into its eval.json the
way core.evaluate --save does. Each page must show it when the registry has one; without one
(the shipped GRU models alone) the pages draw no transformer part and say nothing broken."""
import json
import os

import pytest
import torch

from core.files import atomic_write_json
from core.nmt.checkpoint import SHIPPED_DIR, load_checkpoint
from core.nmt.config import TrainConfig
from core.nmt.evaluate import evaluate
from core.nmt.held_out import GENERATED_TEST_SET, generated_test_split
from core.nmt.model import MODEL_KINDS
from core.nmt.train import train
from core.nmt.transformer import attention_maps
from core.nmt.translate import Translator
from app.widgets import marked_output
from tests.app_helpers import app, as_read, chart_rows
from tests.test_app_whatif import beam_tree, shown
from tests.toy_corpus import toy_splits

SENTENCE = "वह किताब पढ़ रही है"  # in the toy corpus
LAYERS, HEADS = 2, 2


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory):
    """encdec and additive (shipped, linked) and a tiny transformer (2 + 2 layers of 2 heads)
    trained on the toy corpus and scored on 40 sentences of the generated test split (they have
    gold links, so its eval.json has AER for every layer and head)."""
    folder = tmp_path_factory.mktemp("checkpoints")
    for kind in ("encdec", "additive"):
        os.symlink(SHIPPED_DIR / kind, folder / kind)
    config = TrainConfig(model="transformer", hidden_size=16, heads=HEADS, layers=LAYERS, feedforward_size=32,
                         epochs=3, batch_size=4, learning_rate=1e-2, warmup_steps=3, patience=10, dropout=0.0,
                         validation_sentences=4, device="cpu")
    train(config, folder / "transformer", splits=toy_splits(), corpus_info={"corpus": "toy"})
    loaded = load_checkpoint(folder / "transformer")
    atomic_write_json(folder / "transformer" / "eval.json", evaluate(loaded, generated_test_split(0)[:40],
                                                                         test_set=GENERATED_TEST_SET))
    return folder


@pytest.fixture
def registry(checkpoints, monkeypatch):
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints))
    return checkpoints


@pytest.fixture
def without_transformer(tmp_path, monkeypatch):
    """The shipped GRU models (linked) and no transformer: what a deployment without one shows."""
    for kind in MODEL_KINDS:
        os.symlink(SHIPPED_DIR / kind, tmp_path / kind)
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(tmp_path))
    return tmp_path


def titled(at, words: str, exact: bool = False) -> list:
    charts = []
    for chart in at.get("vega_lite_chart"):
        title = json.loads(chart.proto.spec).get("title", "")
        title = title.get("text", "") if isinstance(title, dict) else str(title)
        if (words == title) if exact else (words in title):
            charts.append(chart)
    return charts


def maps_of(checkpoints, text: str = SENTENCE):
    """Every attention of the tiny transformer while it writes its greedy translation of text."""
    translator = Translator(load_checkpoint(checkpoints / "transformer"))
    translation = translator.translate(text)
    return attention_maps(translator.model, translator.prepare(text).ids, translation.decoded.token_ids), translation


# ------------------------------------------------------------------ Compare

COMPARE = "pages/1_Compare.py"


def test_compare_shows_the_transformer_beside_a_gru_model_with_its_heads(registry):
    at = app(COMPARE, sentence=SENTENCE, models="additive,transformer")
    assert not at.exception
    assert [header.value for header in at.subheader] == ["additive", "transformer"]
    maps, translation = maps_of(registry)
    # by default the last layer's heads averaged: the translation's own attention
    (average,) = titled(at, f"cross-attention, layer {LAYERS}, average of the heads", exact=True)
    cells = chart_rows(average)
    assert cells["weight"].tolist() == pytest.approx(maps.cross_average.flatten().tolist(), abs=1e-4)
    assert cells["weight"].tolist() == pytest.approx(translation.attention.flatten().tolist(), abs=1e-4)
    # every layer and head as small multiples
    (grid,) = titled(at, "English (rows) × Hindi (columns)")
    panels = chart_rows(grid)
    assert sorted(set(zip(panels["layer"], panels["head"]))) == [(l, h) for l in range(1, LAYERS + 1)
                                                                 for h in range(1, HEADS + 1)]
    assert json.loads(grid.proto.spec)["columns"] == HEADS
    # one head of the first layer
    at.select_slider(key="compare_attention_transformer_layer").set_value(1).run()
    at.radio(key="compare_attention_transformer_head").set_value("2").run()
    assert not at.exception
    (one,) = titled(at, "cross-attention, layer 1, head 2", exact=True)
    assert chart_rows(one)["weight"].tolist() == pytest.approx(maps.cross[0, 1].flatten().tolist(), abs=1e-4)
    assert not titled(at, "average of the heads")
    # the GRU model's column is untouched: its one attention heatmap
    assert titled(at, "attention: rows written, columns read", exact=True)


def test_compare_without_a_transformer_draws_no_head_picker(without_transformer):
    at = app(COMPARE, sentence=SENTENCE, models="encdec,additive")
    assert not at.exception
    assert not titled(at, "English (rows) × Hindi (columns)")
    assert not [widget for widget in at.radio if widget.key and widget.key.endswith("_head")]
    assert not [caption for caption in at.caption if "see a transformer beside" in caption.value]


def test_compare_offers_the_transformer_when_it_is_not_chosen(registry):
    at = app(COMPARE, sentence=SENTENCE, models="encdec,additive")
    assert not at.exception and not titled(at, "English (rows) × Hindi (columns)")
    assert any("Add **transformer**" in caption.value for caption in at.caption)


# ------------------------------------------------------------------ Step by step

STEP = "pages/2_Step_by_step.py"


def test_step_by_step_takes_one_transformer_head_apart_at_the_decoding_step(registry):
    from core.nmt.head_step import head_step
    at = app(STEP, sentence=SENTENCE, model="transformer", step="2")
    assert not at.exception
    maps, translation = maps_of(registry)
    # cross-attention of the last layer's head 1 at step 2: the page's weights are the model's
    (weights,) = titled(at, "weights α at step 2", exact=True)
    shown = chart_rows(weights)
    assert shown["value"].tolist() == pytest.approx(maps.cross[LAYERS - 1, 0, 1].tolist(), abs=1e-4)
    table = at.dataframe[0].value
    assert table["weight α"].tolist() == pytest.approx(maps.cross[LAYERS - 1, 0, 1].tolist(), abs=1e-5)
    latex = " ".join(element.value for element in at.latex)
    assert r"\frac{q \cdot k_j}{\sqrt{d_k}}" in latex and r"\mathrm{MultiHead}" in latex and "-\\infty" not in latex
    # the decoder's self-attention: the mask hides the words not yet written
    at.radio(key="step_tf_attention").set_value("decoder").run()
    at.select_slider(key="step_tf_head").set_value(2).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["may look"].tolist() == [True, True] + [False] * (len(table) - 2)
    assert table["weight α"].tolist() == pytest.approx(maps.decoder[LAYERS - 1, 1, 1].tolist(), abs=1e-5)
    assert "-\\infty" in " ".join(element.value for element in at.latex)
    (weights,) = titled(at, "weights α at step 2", exact=True)
    assert len(chart_rows(weights)) == 2  # only the words already read are drawn
    # the joined heads are this step's own
    model = load_checkpoint(registry / "transformer").model
    source_ids = Translator(load_checkpoint(registry / "transformer")).prepare(SENTENCE).ids
    step = head_step(model, source_ids, translation.decoded.token_ids, "decoder", LAYERS - 1, 1, 1)
    assert any(f"dimensions {step.head_size + 1}–{2 * step.head_size}" in title
               for title in (json.loads(c.proto.spec).get("title", "") for c in at.get("vega_lite_chart"))
               if isinstance(title, str))
    assert at.query_params["attention"] == "decoder" and at.query_params["head"] == "2"


def test_step_by_step_moves_through_the_steps_of_a_transformer(registry):
    at = app(STEP, sentence=SENTENCE, model="transformer")
    at.button(key="step_next").click().run()
    assert not at.exception and at.slider(key="step_t").value == 2
    assert titled(at, "weights α at step 2", exact=True)


# ------------------------------------------------------------------ Home

def test_home_tells_the_fourth_stage_and_translates_with_the_transformer(registry):
    at = app("streamlit_app.py", sentence=SENTENCE)
    assert not at.exception
    diagrams = [chart.proto.spec for chart in at.get("graphviz_chart")]
    assert len(diagrams) == 4 and "digraph transformer" in diagrams[3] and "'I am' only" in diagrams[3]
    assert any("Self-attention" in text.value and "Vaswani" in text.value for text in at.markdown)
    table = at.table[0].value.set_index("model")
    assert table.loc["transformer", "translation"] == Translator(load_checkpoint(registry / "transformer")).translate(
        SENTENCE).text
    assert any("Self-attention** page" in caption.value for caption in at.caption)


def test_home_without_a_transformer_says_where_to_train_one(tmp_path, monkeypatch):
    os.symlink(SHIPPED_DIR / "additive", tmp_path / "additive")
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(tmp_path))
    at = app("streamlit_app.py")
    assert not at.exception and not at.error
    assert len(at.get("graphviz_chart")) == 4
    assert any("No transformer is loaded" in caption.value and "Training" in caption.value for caption in at.caption)


# ------------------------------------------------------------------ Long sentences

LONG = "pages/4_Long_sentences.py"


def test_long_sentences_draws_the_transformer_on_the_bucket_chart_and_every_heads_aer(registry):
    evaluation = json.loads((registry / "transformer" / "eval.json").read_text(encoding="utf-8"))
    at = app(LONG)
    assert not at.exception
    (chart,) = titled(at, "BLEU per source-length bucket")
    buckets = chart_rows(chart)
    mine = buckets[buckets["model"] == "transformer"].set_index("bucket")["bleu"]
    assert mine.to_dict() == pytest.approx({label: row["bleu"] for label, row in evaluation["buckets"].items()})
    assert {"encdec", "additive", "transformer"} <= set(buckets["model"])
    rates = evaluation["aer_heads"]
    table = next(frame.value for frame in at.dataframe if "heads averaged" in frame.value.columns)
    assert table["layer"].tolist() == list(range(1, LAYERS + 1))
    for layer in range(LAYERS):
        assert [table[f"head {h}"][layer] for h in range(1, HEADS + 1)] == pytest.approx(rates["heads"][layer])
    best = rates["best"]
    assert table["best head"].tolist() == ["" if layer != best["layer"] else f"head {best['head']}"
                                           for layer in range(1, LAYERS + 1)]
    assert any(f"layer {best['layer']}, head {best['head']}" in caption.value for caption in at.caption)
    average = rates["layer_average"][-1]
    said = "better than any one head" if average < best["aer"] else "worse than its best head"
    assert any(f"AER {average:.3f}, {said}" in caption.value and "additive" in caption.value for caption in at.caption)


def test_long_sentences_without_a_transformer_shows_no_head_table(without_transformer):
    at = app(LONG)
    assert not at.exception
    assert not [frame for frame in at.dataframe if "heads averaged" in frame.value.columns]
    assert "Which transformer head aligns" not in [header.value for header in at.header]


# ------------------------------------------------------------------ Training

TRAINING = "pages/3_Training.py"


def test_a_transformer_trains_from_the_training_page_and_one_heads_attention_emerges(monkeypatch):
    """The model type offers the transformer with its own sizes; the run saves one whose
    probes hold every head, and the page draws a chosen head of a chosen layer."""
    from app import jobs as training_jobs
    from app import owner_session
    from core import owners
    from core.language.user_corpus import save_corpus
    from tests.toy_corpus import toy_pairs
    secret = b"a test server's signing key, 32+B"
    token = owners.new_token(secret)
    monkeypatch.setattr(owner_session, "_browser_cookie", lambda: token)
    data = owner_session.data_dir()
    data.mkdir(parents=True, exist_ok=True)
    (data / owners.SECRET_FILE).write_bytes(secret)
    save_corpus(toy_pairs(), "toy", data, owner=owners.owner_of(token))

    at = app(TRAINING)
    at.selectbox(key="train_corpus").set_value("toy").run()
    at.toggle(key="train_recipe").set_value(False)
    at.selectbox(key="train_model").set_value("transformer").run()
    assert at.select_slider(key="train_hidden").label == "Model size d"
    at.select_slider(key="train_hidden").set_value(32).run()
    assert at.select_slider(key="train_heads").options == ["1", "2", "4", "8"]
    at.select_slider(key="train_layers").set_value(1)
    at.select_slider(key="train_heads").set_value(2)
    at.slider(key="train_epochs").set_value(10)
    at.text_input(key="train_name").set_value("heads").run()
    at.button(key="train_start").click().run()
    assert not at.exception
    job = training_jobs.get_job(at.session_state["train_job"])
    try:
        assert (job.settings.model, job.settings.layers, job.settings.heads) == ("transformer", 1, 2)
        assert job.wait(300).state == "finished"
    finally:
        job.cancel()
    config = load_checkpoint(data / "models" / job.settings.folder).model.config
    assert (config.kind, config.model_size, config.encoder_layers, config.decoder_layers, config.heads,
            config.feedforward_size) == ("transformer", 32, 1, 1, 2, 128)

    at.run()
    assert not at.exception
    assert "mine/heads" in at.multiselect(key="training_models").options  # its curves beside the others
    at.selectbox(key="training_probe_model").set_value("mine/heads").run()
    history = json.loads((data / "models" / job.settings.folder / "history.json").read_text(encoding="utf-8"))
    from app.reports import probe_label
    entry = next(e for e in reversed(history["probe_attention"]) if e["sentences"][0]["weights"])  # it wrote words
    last = entry["sentences"][0]
    assert len(last["heads"]) == 1 and len(last["heads"][0]) == 2  # (layers, heads, T, S)
    at.select_slider(key="training_epoch").set_value(probe_label(entry, history)).run()
    average = next(c for c in titled(at, "mine/heads") if "average of the heads" in json.loads(c.proto.spec)["title"])
    assert chart_rows(average)["weight"].tolist() == pytest.approx(
        [w for row in last["weights"] for w in row], abs=0.011)  # 3 decimals against the mean of 2-decimal heads
    at.radio(key="training_probe_head").set_value("2").run()
    assert not at.exception
    (one,) = titled(at, "layer 1, head 2")
    assert chart_rows(one)["weight"].tolist() == pytest.approx([w for row in last["heads"][0][1] for w in row])


def test_a_transformers_sizes_are_checked_before_it_trains():
    from app import jobs as training_jobs
    with pytest.raises(training_jobs.JobSettingsError, match="split evenly"):
        training_jobs.check_settings(training_jobs.JobSettings(name="x", model="transformer", hidden_size=32,
                                                               heads=3), "/nonexistent")
    with pytest.raises(training_jobs.JobSettingsError, match="layers"):
        training_jobs.check_settings(training_jobs.JobSettings(name="x", model="transformer", layers=7), "/nonexistent")
    settings = training_jobs.JobSettings(name="x", model="transformer", hidden_size=64, heads=4, layers=1, pairs=640)
    config = settings.train_config(training_jobs.GENERATED)
    assert (config.hidden_size, config.heads, config.layers, config.feedforward_size) == (64, 4, 1, 256)
    assert config.warmup_steps == 640 // config.batch_size  # one epoch's updates


# ------------------------------------------------------------------ What if

WHAT_IF = "pages/6_What_if.py"


def test_what_if_searches_forces_and_edits_a_transformer_saying_what_the_edit_changes(registry):
    from app.transformer_ui import EDITED_ATTENTION
    translator = Translator(load_checkpoint(registry / "transformer"))
    at = app(WHAT_IF, sentence=SENTENCE, model="transformer")
    assert not at.exception and at.radio(key="whatif_model").value == "transformer"
    boxes = beam_tree(at)
    assert any(box["best"] for box in boxes) and any(box["finished"] for box in boxes)
    assert shown(at, "Beam search translation") == as_read(marked_output(translator.translate(SENTENCE, beam_size=3)))
    # forcing another word at step 1 keeps it, and the search goes on from there
    word = at.selectbox(key="whatif_force_word").value
    at.button(key="whatif_force").click().run()
    assert not at.exception and at.session_state["whatif_prefix"] == [word]
    forced = translator.translate(SENTENCE, beam_size=3, prefix=[word])
    assert forced.target_tokens[0] == word and shown(at, "Forced translation") == as_read(marked_output(forced))
    # the edit says exactly which attention it changes, and the edited decoding is the model's
    assert any(EDITED_ATTENTION in info.value for info in at.info)
    table = next(frame.value for frame in at.dataframe if "edited α" in frame.value.columns)
    assert table["original α"].tolist() == pytest.approx(translator.translate(SENTENCE).attention[0].tolist(),
                                                         abs=1e-5)  # the last layer's heads averaged, step 1
    edited = translator.translate(SENTENCE, override_weights={0: torch.tensor(table["edited α"].tolist())})
    assert (shown(at, "Edited translation") or shown(at, "Edited guess")) == as_read(marked_output(edited))


def test_what_if_says_nothing_of_heads_for_a_gru_model(registry):
    from app.transformer_ui import EDITED_ATTENTION
    at = app(WHAT_IF, sentence=SENTENCE, model="additive")
    assert not at.exception
    assert not any(EDITED_ATTENTION in info.value for info in at.info)


# ------------------------------------------------------------------ unknown words

def test_a_transformer_copies_an_unknown_word_from_where_its_heads_averaged_looked(checkpoints, monkeypatch):
    """Its heads averaged point at a made-up word at the <unk> step nine times in ten (core.nmt.translate,
    tools/copy_check.py), so it copies as the RNN attention models do, and says it is a guess."""
    from core.language.text import UNK
    from core.nmt.translate import COPYING_KINDS
    from tests.test_unknown_words import fake_decoder
    translator = Translator(load_checkpoint(checkpoints / "transformer"))
    assert "transformer" in COPYING_KINDS
    fake_decoder(monkeypatch, ["she", UNK, "is"], [0, 1, 2], 4, translator)  # looks right at the unknown word
    translation = translator.translate("वह ज़ोरावर है")
    assert translation.target_tokens == ["she", "Zoravar", "is"]
    assert [(copy.output_position, copy.source_word) for copy in translation.copies] == [(1, "ज़ोरावर")]
    assert translation.label == "Guess" and any("Zoravar ← ज़ोरावर" in line for line in translation.notices())


def test_copy_check_counts_where_attention_points_at_a_made_up_word(checkpoints, monkeypatch):
    from core.language.corpus import SentencePair
    from core.language.text import UNK
    from tests.test_unknown_words import fake_decoder
    from tools.copy_check import MADE_UP_WORD, copy_check, replaced_position
    assert replaced_position([(0, 0), (1, 2), (2, 1), (2, 3)]) in (0, 1)  # 2 has two links
    assert replaced_position([(0, 0), (1, 0)]) is None  # both link to one English word
    translator = Translator(load_checkpoint(checkpoints / "transformer"))
    pair = SentencePair(("वह", "किताब", "है"), ("she", "book", "is"), alignment=((0, 0), (1, 1), (2, 2)))
    assert replaced_position(pair.alignment) == 1
    fake_decoder(monkeypatch, ["she", UNK, "is"], [0, 1, 2], 4, translator)  # its <unk> step looks at word 2
    result = copy_check(translator, [pair])
    assert (result["tried"], result["one_unk"], result["hits"]) == (1, 1, 1)
    # every head of the real model at that step: a 0 or 1 per layer and head
    assert len(result["head_hits"]) == LAYERS and all(len(row) == HEADS for row in result["head_hits"])
    maps = attention_maps(translator.model, translator.prepare(f"वह {MADE_UP_WORD} है").ids,
                          translator.translate(f"वह {MADE_UP_WORD} है").decoded.token_ids)
    expected = (maps.cross[:, :, 1, :3].argmax(dim=-1) == 1).int().tolist()
    assert result["head_hits"] == expected


def test_does_attention_matter_replaces_the_transformers_last_cross_attention_row(registry):
    at = app("pages/8_Does_attention_matter.py", sentence=SENTENCE, model="transformer")
    assert not at.exception, at.exception
    assert at.radio(key="matters_model").value == "transformer"
    at.button(key="matters_reveal").click().run()
    assert not at.exception, at.exception
    from app.counterfactual import kind_label
    texts = " ".join(m.value for m in at.markdown)
    assert f"**{kind_label('uniform')}:**" in texts and f"**{kind_label('keep-max')}:**" in texts
    assert "What changed" in " ".join(h.value for h in at.subheader)
