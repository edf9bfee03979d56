"""The marks Compare puts on a translation's words that are not in the reference, and the
label thinning of long heatmaps."""
from app import charts
from app.reference_marks import marked_against_reference, not_in_reference


def test_a_word_the_reference_lacks_is_marked_and_one_it_has_is_not():
    assert not_in_reference(["I", "am", "eat", "rice"], "I am eating rice") == [False, False, True, False]


def test_a_repeated_word_matches_only_as_often_as_the_reference_has_it():
    assert not_in_reference(["the", "the", "the", "cat"], "the cat sat") == [False, True, True, False]


def test_case_is_ignored_and_punctuation_is_never_marked():
    assert not_in_reference(["My", "sister", "runs", "."], "my sister is running!") == [False, False, True, False]


def test_the_marked_words_are_struck_through_on_red_and_typed_text_stays_text():
    marked = marked_against_reference(["I", "*love*", "tea", "."], "I like tea.")
    assert marked == r"I :red-background[~~\*love\*~~] tea\."


def test_a_long_axis_keeps_every_kth_label_and_the_last():
    labels = [f"{i} w" for i in range(1, 47)]
    kept = charts.every_kth(labels, 3)
    assert kept[:3] == ["1 w", "4 w", "7 w"] and kept[-1] == "46 w"
    assert all(labels.index(b) - labels.index(a) <= 3 for a, b in zip(kept, kept[1:]))
    assert charts.every_kth(labels, 1) == labels


def test_the_stride_leaves_each_label_its_room():
    assert charts.label_stride(10, 300) == 1              # 30 px a row: every label
    assert charts.label_stride(46, 440) == 2              # ~9.6 px a row: every other
    assert charts.label_stride(46, 440, label_pixels=40) == 5


def test_a_46_word_heatmap_fitted_has_every_cell_and_a_white_zero():
    source = [f"w{i}" for i in range(45)] + ["<eos>"]
    target = [f"e{i}" for i in range(46)]
    spec = charts.attention_heatmap([[1 / 46] * 46] * 46, source, target, fit=True).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert len({row["source"] for row in values}) == 46 and len(values) == 46 * 46
    assert spec["encoding"]["color"]["scale"]["range"][0] == "#ffffff"
    assert spec["encoding"]["x"]["axis"]["labelOverlap"] == "parity"      # thinned in the browser, to its width
    assert len(spec["encoding"]["y"]["axis"]["values"]) < 46
    assert spec["height"] <= charts.chart_height(charts.FIT_PLOT_HEIGHT, "")
    # upright: a label's box is one line wide, so Vega's thinning keeps every word of a column 20 px wide
    assert spec["encoding"]["x"]["axis"]["labelAngle"] == -90


def test_table_numbers_read_with_thousands_separated_and_a_dash_for_none():
    import pandas as pd
    from app.reports import readable_number, readable_table
    assert readable_number(2043853) == "2,043,853" and readable_number(None) == "—"
    assert readable_number(float("nan"), 3) == "—" and readable_number(0.12345, 3) == "0.123"
    frame = readable_table(pd.DataFrame({"model": ["encdec"], "AER": [None], "parameters": [2043853]}),
                           {"AER": 3, "parameters": 0})
    assert frame.to_dict("records") == [{"model": "encdec", "AER": "—", "parameters": "2,043,853"}]
