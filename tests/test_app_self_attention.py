"""The Self-attention page through AppTest, with a tiny transformer trained into a tmp
checkpoints folder: the views render, the decoder's future is masked, the grid has a panel per
layer and head, and the step-by-step numbers add up."""
import json

import pytest
import torch

from core.nmt.checkpoint import load_checkpoint
from core.nmt.config import TrainConfig
from core.nmt.head_step import ATTENTIONS, head_step
from core.nmt.train import train
from core.nmt.transformer import attention_maps
from tests.app_helpers import app, chart_rows
from tests.toy_corpus import toy_splits

PAGE = "pages/9_Self-attention.py"
SENTENCE = "वह किताब पढ़ रही है"  # in the toy corpus
LAYERS, HEADS = 2, 2


@pytest.fixture(scope="module")
def checkpoints(tmp_path_factory):
    """A folder with one tiny transformer (2 + 2 layers of 2 heads) trained on the toy corpus."""
    folder = tmp_path_factory.mktemp("checkpoints")
    config = TrainConfig(model="transformer", hidden_size=16, heads=HEADS, layers=LAYERS, feedforward_size=32,
                         epochs=3, batch_size=4, learning_rate=1e-2, warmup_steps=3, patience=10, dropout=0.0,
                         validation_sentences=4, device="cpu")
    train(config, folder / "transformer", splits=toy_splits(), corpus_info={"corpus": "toy"})
    return folder


@pytest.fixture
def page(checkpoints, monkeypatch):
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(checkpoints))
    at = app(PAGE, sentence=SENTENCE)
    assert not at.exception
    return at


def chart_titled(at, words: str, exact: bool = False):
    for chart in at.get("vega_lite_chart"):
        title = str(json.loads(chart.proto.spec).get("title", ""))
        if (words == title) if exact else (words in title):
            return chart
    raise AssertionError(f"no chart titled with {words!r}")


def test_the_decoder_view_leaves_the_future_empty_and_every_row_sums_to_one(page):
    cells = chart_rows(chart_titled(page, "decoder layer"))
    rows = sorted(set(cells["row"]), key=lambda label: int(label.split()[0]))
    position = {label: i for i, label in enumerate(rows)}
    columns = {label: int(label.split()[0]) - 1 for label in cells["column"]}
    future = cells[[columns[c] > position[r] for r, c in zip(cells["row"], cells["column"])]]
    assert len(future) == len(rows) * (len(rows) - 1) // 2 > 0
    assert future["masked"].all() and (future["weight"] == 0).all()
    assert not cells[~cells.index.isin(future.index)]["masked"].any()
    assert cells.groupby("row")["weight"].sum().tolist() == pytest.approx([1.0] * len(rows), abs=1e-5)
    assert cells["column"].iloc[0].endswith("<sos>")  # the first thing the decoder reads


def test_the_encoder_view_is_hindi_by_hindi(page):
    cells = chart_rows(chart_titled(page, "encoder layer"))
    words = SENTENCE.split() + ["<eos>"]
    assert set(cells["row_token"]) == set(cells["column_token"]) == set(words)
    assert len(cells) == len(words) ** 2 and not cells["masked"].any()


def test_the_grid_has_a_panel_for_every_layer_and_head_four_to_a_row(page):
    chart = chart_titled(page, "English (rows)")
    spec = json.loads(chart.proto.spec)
    assert spec["columns"] == HEADS
    cells = chart_rows(chart)
    assert sorted(set(zip(cells["layer"], cells["head"]))) == [(l, h) for l in range(1, LAYERS + 1)
                                                             for h in range(1, HEADS + 1)]
    assert cells.groupby(["panel", "row"])["weight"].sum().tolist() == pytest.approx(
        [1.0] * (len(cells) // len(set(cells["column"]))), abs=1e-5)


def test_the_head_picker_changes_the_views_and_the_average_is_the_mean_of_the_heads(page):
    average = chart_rows(chart_titled(page, f"layer {LAYERS}, the heads averaged", exact=True))
    page.radio(key="selfatt_head").set_value("1").run()
    first = chart_rows(chart_titled(page, f"layer {LAYERS}, head 1", exact=True))
    page.radio(key="selfatt_head").set_value("2").run()
    second = chart_rows(chart_titled(page, f"layer {LAYERS}, head 2", exact=True))
    assert not page.exception
    # the last layer's cross-attention (the charts titled "layer L, ..." without encoder/decoder)
    assert first["weight"].tolist() != second["weight"].tolist()  # heads look in different places
    mean = (first["weight"] + second["weight"]) / 2
    assert average["weight"].tolist() == pytest.approx(mean.tolist(), abs=1e-6)
    page.select_slider(key="selfatt_layer").set_value(1).run()
    assert not page.exception and chart_titled(page, "layer 1, head 2", exact=True)


def test_the_step_by_step_numbers_are_the_models_own_and_add_up(checkpoints, page):
    table = page.dataframe[0].value
    allowed = table["may look"].tolist()
    weights = table["weight α"].tolist()
    assert sum(weights) == pytest.approx(1.0, abs=1e-5)
    assert all(w == 0 for w, ok in zip(weights, allowed) if not ok)
    assert table["score q·k/√d_k"][[not ok for ok in allowed]].isna().all()
    # the worked numbers are those of the table's most-weighted position
    focus = max(range(len(weights)), key=weights.__getitem__)
    latex = [element.value for element in page.latex]
    assert any(rf"\alpha_{{{focus + 1}}} = {weights[focus]:.3f}" in text for text in latex)
    assert any(f"e_{{{focus + 1}}} = " in text and f"}}}} = {table['score q·k/√d_k'][focus]:.3f}" in text
               for text in latex)  # ... = \frac{q·k}{\sqrt{d_k}} = e

    model = load_checkpoint(checkpoints / "transformer").model
    source, target = [5, 6, 7, 2], [8, 9, 10, 2]
    maps = attention_maps(model, source, target)
    for attention, matrix in zip(ATTENTIONS, (maps.encoder, maps.decoder, maps.cross)):
        for layer in range(LAYERS):
            for head in range(HEADS):
                step = head_step(model, source, target, attention, layer, head, 1)
                weights = torch.tensor(step.weights)
                assert torch.allclose(weights, matrix[layer, head, 1], atol=1e-6)  # what the heatmaps draw
                assert float(weights.sum()) == pytest.approx(1.0, abs=1e-6)
                # the weighted sum of the values is this head's slice of the joined heads
                context = weights @ torch.tensor(step.values)
                part = slice(head * step.head_size, (head + 1) * step.head_size)
                assert torch.allclose(context, torch.tensor(step.head_output), atol=1e-6)
                assert torch.allclose(context, torch.tensor(step.joined[part]), atol=1e-5)
    decoder = head_step(model, source, target, "decoder", 0, 0, 1)
    assert decoder.allowed == [True, True, False, False] and decoder.weights[2:] == [0.0, 0.0]
    # joined heads times W_O plus its bias is what the layer adds
    projection = model.decoder_layers[0].self_attention.output
    assert torch.allclose(projection(torch.tensor(decoder.joined)), torch.tensor(decoder.projected), atol=1e-5)


def test_without_a_transformer_the_page_says_how_to_train_one(tmp_path, monkeypatch):
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(tmp_path))  # no model at all
    at = app(PAGE)
    assert not at.exception
    assert any("--model transformer" in element.value for element in [*at.info, *at.error])


@pytest.mark.parametrize("projector", [False, True])
def test_the_head_charts_are_valid_vega_lite_as_drawn(projector):
    """Built without Altair's schema checks (charts.unchecked), so checked against it here."""
    from app import charts, head_charts
    from app import transformer_views as views
    source, output = ["वह", "पढ़", "<eos>"], ["she", "reads", "<eos>"]
    weights = torch.softmax(torch.randn(2, 2, 3, 3, generator=torch.Generator().manual_seed(0)), dim=-1)
    for attention in ATTENTIONS:
        axes = views.attention_axes(attention, source, output)
        frame = views.square_frame(views.pick(weights, 0, views.AVERAGE), axes, masked=attention == "decoder")
        charts.styled(head_charts.square_heatmap(frame, axes, title="t"), projector).to_dict(validate=True)
    grid = head_charts.head_grid(views.grid_frame(weights, source, output), charts.position_labels(output),
                                 charts.position_labels(source), heads=2, title="grid", projector=projector)
    charts.styled(grid, projector).to_dict(validate=True)


def test_a_row_of_head_panels_fits_a_phone_and_grows_to_a_projector_column():
    from app.head_charts import GRID_WIDTH, MIN_PANEL_SIZE, PANEL_SPACING, PROJECTOR_GRID_WIDTH, grid_panel_size

    def row_width(heads, projector):
        return heads * grid_panel_size(heads, projector) + (heads - 1) * PANEL_SPACING
    for heads in (1, 2, 4, 6):
        assert row_width(heads, False) <= GRID_WIDTH < 390
        assert row_width(heads, True) <= PROJECTOR_GRID_WIDTH
        assert grid_panel_size(heads, True) > grid_panel_size(heads, False)
    assert grid_panel_size(4) == grid_panel_size(4, False) >= 80   # four heads on a phone still readable
    assert grid_panel_size(64, True) == MIN_PANEL_SIZE              # never a sliver: the row scrolls instead


def test_each_heads_aer_is_a_table_row_per_layer_with_the_best_head_named(checkpoints, tmp_path, monkeypatch):
    from app.transformer_views import head_aer_table
    rates = {"heads": [[0.5, 0.4], [0.3, 0.2]], "layer_average": [0.45, 0.25],
             "best": {"layer": 2, "head": 2, "aer": 0.2}, "sentences": 10}
    table = head_aer_table(rates)
    assert table["head 1"].tolist() == [0.5, 0.3] and table["heads averaged"].tolist() == [0.45, 0.25]
    assert table["best head"].tolist() == ["", "head 2"]
    assert head_aer_table({}) is None and head_aer_table(None) is None
    # on the page, from the model's eval.json
    import os
    folder = tmp_path / "ck"
    (folder / "transformer").mkdir(parents=True)
    for item in (checkpoints / "transformer").iterdir():
        os.symlink(item, folder / "transformer" / item.name)
    (folder / "transformer" / "eval.json").write_text(json.dumps({"buckets": {"1-10": {}}, "aer_heads": rates}))
    monkeypatch.setenv("DHYAN_CHECKPOINTS_DIR", str(folder))
    at = app(PAGE, sentence=SENTENCE, model="transformer")
    assert not at.exception
    shown = next(frame.value for frame in at.dataframe if "heads averaged" in frame.value.columns)
    assert shown["best head"].tolist() == ["", "head 2"]


def test_evaluation_scores_every_layer_and_head_of_a_transformer(checkpoints):
    """core.evaluate on a transformer: AER for every layer and head, each layer's head average, and
    the best head, the last layer's average being the one AER its heatmaps stand for."""
    from core.nmt.evaluate import evaluate
    loaded = load_checkpoint(checkpoints / "transformer")
    from core.nmt.held_out import generated_test_split
    pairs = generated_test_split(0)[:40]   # gold alignments (the toy corpus has none); words it lacks are <unk>
    rates = evaluate(loaded, pairs)["aer_heads"]
    assert len(rates["heads"]) == LAYERS and all(len(row) == HEADS for row in rates["heads"])
    assert all(0 <= aer <= 1 for row in rates["heads"] for aer in row) and len(rates["layer_average"]) == LAYERS
    best = rates["best"]
    assert best["aer"] == min(aer for row in rates["heads"] for aer in row)
    assert rates["heads"][best["layer"] - 1][best["head"] - 1] == best["aer"]
