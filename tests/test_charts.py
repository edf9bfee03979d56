"""Chart functions: data in, Altair spec out, checked through chart.to_dict() (no browser)."""
import pytest

from app import charts

SOURCE = ["वह", "खाना", "खा", "रहा", "है", "वह", "<eos>"]  # वह twice: must stay two columns
TARGET = ["he", "is", "eating", "<eos>"]


def rows(spec: dict) -> list[dict]:
    """The inline data rows of a single-view chart (or of the first layer's)."""
    return spec["datasets"][spec["data"]["name"]]


def tooltip_fields(encoding: dict) -> set[str]:
    return {item["field"] for item in encoding["tooltip"]}


def test_position_labels_keep_repeated_tokens_distinct_and_ordered():
    labels = charts.position_labels(SOURCE)
    assert labels[0] == "1 वह" and labels[5] == "6 वह"
    assert len(set(labels)) == len(SOURCE)


def test_attention_heatmap_has_one_cell_per_pair_the_shared_scale_and_tooltips():
    weights = [[1 / len(SOURCE)] * len(SOURCE) for _ in TARGET]
    spec = charts.attention_heatmap(weights, SOURCE, TARGET, title="t").to_dict()
    assert spec["mark"]["type"] == "rect"
    assert len(rows(spec)) == len(SOURCE) * len(TARGET)
    assert spec["encoding"]["x"]["sort"] == charts.position_labels(SOURCE)
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"][0] == 0 and scale["domain"][-1] == 1
    assert scale["range"][0] == "#ffffff", "a weight of zero is white: no ink where the model did not look"
    assert {"target_token", "source_token", "source_position", "weight"} <= tooltip_fields(spec["encoding"])


def test_a_tappable_heatmap_selects_the_clicked_cell_with_its_tooltips_fields():
    weights = [[1 / len(SOURCE)] * len(SOURCE) for _ in TARGET]
    assert "params" not in charts.attention_heatmap(weights, SOURCE, TARGET).to_dict()
    spec = charts.attention_heatmap(weights, SOURCE, TARGET, tap=True).to_dict()
    (param,) = spec["params"]
    assert param["name"] == charts.TAPPED_CELL
    assert param["select"] == {"type": "point", "fields": list(charts.TAPPED_FIELDS), "on": "click"}
    assert set(charts.TAPPED_FIELDS) <= tooltip_fields(spec["encoding"]), "a tap tells what hovering does"
    assert set(charts.TAPPED_FIELDS) <= set(rows(spec)[0]), "each field is a column of the cells' data"


def test_weight_bars_use_the_heatmap_colour_scale_and_a_0_to_1_axis():
    spec = charts.source_bar_chart([0.1, 0.2, 0.3, 0.1, 0.1, 0.1, 0.1], SOURCE, "weight α", is_weight=True).to_dict()
    assert spec["encoding"]["color"]["scale"] == charts.attention_heatmap(
        [[1.0] * len(SOURCE)], SOURCE, ["x"]).to_dict()["encoding"]["color"]["scale"]
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1]
    data = rows(spec)
    assert [row["source"] for row in data] == charts.position_labels(SOURCE)
    assert {"token", "position", "value"} <= tooltip_fields(spec["encoding"])


def test_score_bars_allow_negative_scores_and_colour_them_apart():
    spec = charts.source_bar_chart([2.0, -1.5, 0.0, 1, 1, 1, 1], SOURCE, "score e").to_dict()
    assert "domain" not in spec["encoding"]["y"]["scale"]
    assert rows(spec)[1]["value"] == -1.5
    assert bar_colours(charts.source_bar_chart([2.0, -1.5, 0.0], SOURCE[:3], "score e")) == [BLUE, RED, BLUE]


BLUE, RED = "#4c78a8", "#e45756"


def bar_colours(chart) -> list[str]:
    """The fill of each bar as the chart is drawn (rendered to SVG by vl-convert), left to right
    or top to bottom."""
    import re
    return re.findall(r'<path[^>]*aria-roledescription="bar"[^>]*fill="(#[0-9a-f]{6})"', charts.to_svg(chart))


def test_two_valued_colours_draw_the_colour_of_each_bars_flag():
    # charts.two_values stands in for alt.condition (docs/serving.md): the drawing must be the same
    received = charts.attention_received_chart([1.2, 0.1, 0.9, 0.29], ["राम", "ने", "खाना", "खाया"], 0.3)
    assert bar_colours(received) == [BLUE, RED, BLUE, RED], "a word below the threshold is red"
    top = charts.top_words_chart([("eating", 0.7), ("drinking", 0.2), ("is", 0.1)], chosen="drinking")
    assert bar_colours(top) == ["#bbbbbb", "#1f77b4", "#bbbbbb"]
    import re
    heatmap = charts.to_svg(charts.attention_heatmap([[0.9, 0.1], [0.3, 0.7]], ["a", "b"], ["x", "y"],
                                                     show_values=True))
    values = re.findall(r'<text[^>]*fill="(white|black)"[^>]*>(0\.\d\d)</text>', heatmap)
    assert sorted(values) == [("black", "0.10"), ("black", "0.30"), ("white", "0.70"), ("white", "0.90")]


def test_vector_strip_is_one_row_over_every_dimension_on_a_fixed_symmetric_scale():
    vector = [0.5, -0.25, 0.0, 0.9]
    spec = charts.vector_strip(vector, title="c_1").to_dict()
    data = rows(spec)
    assert [row["dimension"] for row in data] == [1, 2, 3, 4]
    assert [row["value"] for row in data] == vector
    assert len({row["row"] for row in data}) == 1
    assert spec["encoding"]["color"]["scale"]["domain"] == [-1, 1]
    assert {"dimension", "value"} <= tooltip_fields(spec["encoding"])


def test_word_probabilities_one_bar_per_written_word():
    spec = charts.word_probability_chart(TARGET, [0.9, 0.8, 0.7, 0.95]).to_dict()
    data = rows(spec)
    assert [row["word"] for row in data] == charts.position_labels(TARGET)
    assert [row["probability"] for row in data] == [0.9, 0.8, 0.7, 0.95]
    assert spec["encoding"]["y"]["scale"]["domain"] == [0, 1]
    # a translation cut by the length limit has no <eos> probability: never index past the end
    assert len(rows(charts.word_probability_chart(TARGET, [0.9, 0.8]).to_dict())) == 2


def test_top_words_marks_the_chosen_word():
    spec = charts.top_words_chart([("eating", 0.7), ("drinking", 0.2), ("is", 0.1)], chosen="eating").to_dict()
    data = rows(spec)
    assert [row["chosen"] for row in data] == [True, False, False]
    assert [row["rank"] for row in data] == [1, 2, 3]
    assert {"token", "rank", "probability"} <= tooltip_fields(spec["encoding"])


@pytest.mark.parametrize("plot_height", [36, 160])
def test_chart_height_leaves_the_plot_its_pixels(plot_height):
    spec = charts.source_bar_chart([0.5] * len(SOURCE), SOURCE, "weight α", is_weight=True, title="x",
                                   height=plot_height).to_dict()
    assert spec["height"] > plot_height + 60  # axis labels and title come on top


def test_stage_diagrams_are_four_graphviz_digraphs_in_order():
    diagrams = charts.attention_stage_diagrams()
    assert [d.split()[1] for d in diagrams] == ["fixed", "uniform", "soft", "transformer"]
    for diagram in diagrams:
        assert diagram.startswith("digraph") and diagram.count("{") == diagram.count("}")


def every_chart() -> dict:
    """One of each chart the app draws, with small data of the shape its page gives it."""
    import pandas as pd
    weights = [[1 / len(SOURCE)] * len(SOURCE) for _ in TARGET]
    models = ["encdec", "additive"]
    steps = pd.DataFrame({"model": models * 3, "step": [1, 1, 2, 2, 3, 3], "loss": [5.0, 4.0, 4.0, 3.0, 3.0, 2.0],
                          "smoothed": [5.0, 4.0, 4.5, 3.5, 4.0, 3.0]})
    epochs = pd.DataFrame({"model": models * 2, "epoch": [1, 1, 2, 2], "bleu": [10.0, 20.0, 15.0, 30.0]})
    buckets = pd.DataFrame({"model": models * 2, "bucket": ["1-10", "1-10", "11-20", "11-20"], "order": [0, 0, 1, 1],
                            "bleu": [50.0, 60.0, 20.0, 58.0], "sentences": [250] * 4})
    alignment = pd.DataFrame({"source": ["1 राम", "2 आया"] * 2, "target": ["1 Ram"] * 2 + ["2 came"] * 2,
                              "source_position": [1, 2, 1, 2], "target_position": [1, 1, 2, 2],
                              "source_token": ["राम", "आया"] * 2, "target_token": ["Ram"] * 2 + ["came"] * 2,
                              "link": [1, 0, 0, 1]})
    lengths = pd.DataFrame({"length": [3, 4, 12], "pairs": [10, 20, 5], "bucket": ["1-10", "1-10", "11-20"]})
    words = pd.DataFrame({"rank": [1, 2], "word": ["है", "में"], "count": [40, 30], "share %": [4.0, 3.0]})
    from core.nmt.translate import Translator
    translator = Translator.from_name("additive")
    searched = translator.translate("मैं खाना खा रहा हूँ", beam_size=3)
    return {"heatmap": charts.attention_heatmap(weights, SOURCE, TARGET, title="attention"),
            "heatmap with values": charts.attention_heatmap(weights, SOURCE, TARGET, show_values=True),
            "heatmap, tappable": charts.attention_heatmap(weights, SOURCE, TARGET, title="attention", tap=True),
            "heatmap with values, tappable": charts.attention_heatmap(weights, SOURCE, TARGET, show_values=True,
                                                                       tap=True),
            "weight bars": charts.source_bar_chart([0.1] * len(SOURCE), SOURCE, "weight α", is_weight=True),
            "score bars": charts.source_bar_chart([1.0, -1.0] * 3 + [0.0], SOURCE, "score e", title="scores"),
            "vector strip": charts.vector_strip([0.5, -0.5, 0.0], title="the fixed context vector c", label="c"),
            "word probabilities": charts.word_probability_chart(TARGET, [0.9, 0.8, 0.7, 0.95], title="how sure"),
            "top words": charts.top_words_chart([("eating", 0.7), ("is", 0.3)], chosen="eating", title="next"),
            "step loss": charts.step_loss_chart(steps, title="loss"),
            "step loss, log": charts.step_loss_chart(steps, log_scale=True, min_span=0.5),
            "epoch metric": charts.epoch_metric_chart(epochs, "bleu", "BLEU", title="BLEU per epoch"),
            "bucket metric": charts.bucket_metric_chart(buckets, title="BLEU by length"),
            "alignment grid": charts.alignment_grid(alignment, title="gold"),
            "length histogram": charts.length_histogram(lengths, title="lengths"),
            "word frequencies": charts.word_frequency_chart(words, title="words"),
            "attention received": charts.attention_received_chart([1.2, 0.1] + [1.0] * 5, SOURCE, 0.3, title="r"),
            "step focus": charts.step_focus_chart([0.1, 0.5, 0.9, 1.0], TARGET, title="spread"),
            "beam tree": charts.beam_tree_chart(searched.beam_tree, translator.target_vocab.tokens, title="beam")}


@pytest.mark.parametrize("projector", [False, True])
def test_every_chart_is_valid_vega_lite_as_drawn(projector):
    """The app builds and sends its charts without Altair's schema checks (app/vega.py,
    charts.unchecked, charts.two_values): here every one of them, in the app's fonts, is checked
    against the Vega-Lite schema once."""
    for name, chart in every_chart().items():
        charts.styled(chart, projector).to_dict(validate=True)   # raises on any invalid part


def test_the_contexts_of_every_step_are_one_heatmap_with_the_current_step_outlined():
    contexts = [[0.5, -0.5, 0.0], [0.1, 0.2, 0.3]]
    chart = charts.context_steps_chart(contexts, ["I", "eat"], current=1, title="c")
    spec = chart.to_dict()   # validated against the Vega-Lite schema
    heat, outline = spec["layer"]
    cells = spec["datasets"][heat["data"]["name"]] if "data" in heat else rows(spec)
    assert len(cells) == 6 and {row["step"] for row in cells} == {"1 I", "2 eat"}
    assert spec["datasets"][outline["data"]["name"]] == [{"step": "2 eat", "start": 1, "end": 4}]


def test_the_next_words_can_say_their_probabilities_in_their_labels():
    spec = charts.top_words_chart([("eating", 0.97), ("food", 0.0012)], chosen="eating", values_in_labels=True).to_dict()
    assert spec["encoding"]["y"]["sort"] == ["1 eating  p 0.97", "2 food  p 0.0012"]


def test_beam_boxes_say_each_words_step_log_probability_and_the_paths_total():
    from core.nmt.decode import BeamNode
    nodes = [BeamNode(0, None, -1, 1, 0.0, on_best_path=True), BeamNode(1, 0, 0, 4, -0.0012, on_best_path=True),
             BeamNode(2, 0, 0, 5, -0.0049), BeamNode(3, 1, 1, 2, -0.0101, finished=True, on_best_path=True)]
    boxes, _ = charts.beam_layout(nodes, ["<pad>", "<sos>", "<eos>", "<unk>", "I", "we"])
    labels = dict(zip(boxes["id"], boxes["label"]))
    assert labels[1] == "I -0.001\nΣ -0.001" and labels[2] == "we -0.005\nΣ -0.005"   # apart, not both -0.00
    assert labels[3] == "<eos> -0.009\nΣ -0.010"
