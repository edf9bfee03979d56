"""app.vega: the app's charts converted as Streamlit converts them (without re-validating), and
made once per server when every student draws them alike."""
import threading

import pytest
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from app import charts, vega
from app.vega import SharedCharts, prepared, recipe

TOKENS = ["मैं", "खाना", "खा", "रहा", "हूँ", "<eos>"]
WORDS = ["I", "am", "eating", "<eos>"]
WEIGHTS = [[0.7, 0.1, 0.1, 0.05, 0.03, 0.02], [0.1, 0.1, 0.2, 0.3, 0.2, 0.1],
           [0.0, 0.2, 0.7, 0.1, 0.0, 0.0], [0.0, 0.0, 0.0, 0.1, 0.2, 0.7]]


def app_charts():
    """One of each chart the Compare and Home pages draw for a translation."""
    return {"heatmap": charts.attention_heatmap(WEIGHTS, TOKENS, WORDS, title="attention"),
            "tappable heatmap": charts.attention_heatmap(WEIGHTS, TOKENS, WORDS, title="attention", tap=True),
            "words": charts.word_probability_chart(WORDS, [0.9, 0.8, 0.95, 0.99], title="how sure"),
            "received": charts.attention_received_chart([0.8, 0.4, 1.0, 0.55, 0.43, 0.82], TOKENS, 0.3, title="r"),
            "spread": charts.step_focus_chart([0.3, 0.8, 0.4, 0.5], WORDS, title="spread"),
            "strip": charts.vector_strip([0.1 * i - 0.5 for i in range(10)], title="c", label="c"),
            "bars": charts.source_bar_chart([0.1, -0.2, 0.3, 0.0, 0.5, -0.1], TOKENS, "score")}


@pytest.mark.parametrize("name", list(app_charts()))
def test_spec_is_what_streamlit_sends_for_the_chart(name):
    chart = app_charts()[name]
    assert vega.spec(chart) == _convert_altair_to_vega_lite_spec(chart)


def test_concurrent_sessions_never_mix_their_charts_data():
    """Altair's data transformer is global: conversions on many threads, ours and Streamlit's
    own, each get their own data (the spec names datasets by a hash of their bytes)."""
    expected = {n: _convert_altair_to_vega_lite_spec(charts.word_probability_chart(WORDS, [n / 10] * 4))
                for n in range(1, 9)}
    problems = []

    def convert(n: int) -> None:
        for round_ in range(15):
            chart = charts.word_probability_chart(WORDS, [n / 10] * 4)
            got = vega.spec(chart) if (n + round_) % 2 else _convert_altair_to_vega_lite_spec(chart)
            if got != expected[n]:
                problems.append(n)

    threads = [threading.Thread(target=convert, args=(n,)) for n in expected]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []


def test_shared_charts_make_each_key_once_and_keep_the_most_recent():
    shared = SharedCharts(size=2)
    made = []

    def maker(value):
        return lambda: made.append(value) or {"value": value}

    first = shared.get("a", maker("a"))
    assert shared.get("a", maker("again")) is first and made == ["a"]
    shared.get("b", maker("b"))
    shared.get("a", maker("a2"))          # a is now the most recent ...
    shared.get("c", maker("c"))           # ... so b goes
    assert len(shared) == 2 and made == ["a", "b", "c"]
    assert shared.get("b", maker("b2")) == {"value": "b2"} and shared.misses == 4


def test_shared_charts_give_every_thread_the_same_object():
    shared = SharedCharts()
    results = []
    threads = [threading.Thread(target=lambda: results.append(shared.get("k", dict))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(result) for result in results}) == 1


def test_a_recipe_is_built_once_per_server_and_style(monkeypatch):
    monkeypatch.setattr(vega, "SHARED", SharedCharts())
    styled_with = []

    def style(chart, large=False):
        styled_with.append(large)
        return charts.styled(chart, large) if hasattr(charts, "styled") else chart

    heatmap = recipe(charts.attention_heatmap, WEIGHTS, TOKENS, WORDS, title="attention")
    same = recipe(charts.attention_heatmap, [list(row) for row in WEIGHTS], list(TOKENS), WORDS, title="attention")
    first = prepared(heatmap, style, False)
    assert prepared(same, style, False) is first and styled_with == [False]   # equal inputs: one chart
    large = prepared(heatmap, lambda chart: style(chart, True), True)
    assert large is not first and styled_with == [False, True]
    other = prepared(recipe(charts.attention_heatmap, WEIGHTS, TOKENS, WORDS, title="other"), style, False)
    assert other[1] != first[1] and vega.SHARED.misses == 3
    styled, spec = first
    assert spec == _convert_altair_to_vega_lite_spec(styled)


def test_a_chart_built_by_the_page_is_converted_every_time(monkeypatch):
    monkeypatch.setattr(vega, "SHARED", SharedCharts())
    chart = app_charts()["words"]
    assert prepared(chart, lambda c: c)[1] == _convert_altair_to_vega_lite_spec(chart)
    assert len(vega.SHARED) == 0


def test_a_second_student_on_the_default_page_builds_no_chart(monkeypatch, tmp_path):
    """The Compare page with the default sentence, opened by two students: the first builds the
    heatmap, the fixed-vector strip, the summaries and the word-probability bars; the second is
    drawn the same charts from the server's cache, building none."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest
    monkeypatch.setattr(vega, "SHARED", SharedCharts())
    app = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
    drawn = []
    for _ in range(2):
        student = AppTest.from_file(app, default_timeout=600)
        student.switch_page("pages/1_Compare.py")
        student.run()
        assert not student.exception
        drawn.append([element.proto.spec for element in student.get("vega_lite_chart")])
        if len(drawn) == 1:
            made = vega.SHARED.misses
            assert made >= 6, "additive's heatmap and two summaries, encdec's strip, both models' bars"
    assert vega.SHARED.misses == made
    assert drawn[0] == drawn[1] and len(drawn[0]) >= made
