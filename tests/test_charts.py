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
    assert spec["encoding"]["color"]["scale"] == {"domain": [0, 1], "scheme": "blues"}
    assert {"target_token", "source_token", "source_position", "weight"} <= tooltip_fields(spec["encoding"])


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
    assert spec["encoding"]["color"]["condition"]["test"] == "(datum.value >= 0)"
    assert rows(spec)[1]["value"] == -1.5


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


def test_stage_diagrams_are_three_graphviz_digraphs_in_order():
    diagrams = charts.attention_stage_diagrams()
    assert [d.split()[1] for d in diagrams] == ["fixed", "uniform", "soft"]
    for diagram in diagrams:
        assert diagram.startswith("digraph") and diagram.count("{") == diagram.count("}")
