"""Altair charts as Vega-Lite specs: converted without re-validating, and made once for everyone.

Profiling the server under the load test (docs/serving.md) put most of a page's time in Altair:
st.altair_chart converts each chart to a Vega-Lite spec and checks the whole spec against
Vega-Lite's JSON schema on every rerun, and building a chart checks every part as it is made.
The app's charts are fixed code that tests/test_charts.py validates, so at run time:

- spec(chart) gives the spec Streamlit itself makes from a chart (the same Arrow datasets, the
  same theme), without the schema check, for st.vega_lite_chart;
- recipe(builder, *args) names a chart by what it is drawn from, and prepared() builds and
  converts it once per server (SHARED): a chart every student draws alike (the default
  sentence, the sentence of a link the teacher shared, a rerun whose chart did not change) is
  made once, not once per student and rerun (the 128 most recently drawn).

Importing this module also turns off Altair's check of each part of a chart as it is built
(altair.utils.schemapi's debug mode); the finished chart is what tests validate.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Callable, Hashable

import altair as alt

alt.utils.schemapi.disable_debug_mode()

try:   # Streamlit's own conversion pieces: the lock around Altair's global settings, its data transformer
    from streamlit.elements.vega_charts import _altair_globals_lock, _to_arrow_dataset
except ImportError:   # another Streamlit: spec() answers None and the caller uses st.altair_chart
    _altair_globals_lock = _to_arrow_dataset = None


def spec(chart: alt.TopLevelMixin) -> dict | None:
    """The Vega-Lite spec st.altair_chart would send for `chart`, without validating it
    (None where this Streamlit has no such conversion to follow)."""
    if _altair_globals_lock is None:
        return None
    datasets: dict = {}
    alt.data_transformers.register("to_arrow_dataset", _to_arrow_dataset)
    # Altair's theme and data transformer are global to every thread: set them under
    # Streamlit's lock, as its conversion does, so concurrent sessions never mix their data.
    with _altair_globals_lock:
        theme = alt.theme.enable("none") if alt.theme.active == "default" else nullcontext()
        with theme, alt.data_transformers.enable("to_arrow_dataset", datasets=datasets):
            result = chart.to_dict(validate=False)
    existing = result.get("datasets")
    result["datasets"] = {**existing, **datasets} if isinstance(existing, dict) else datasets
    return result


class SharedCharts:
    """Made things by key, the `size` most recently used kept, shared by every session and
    thread. What it holds is never mutated by its users (Streamlit copies a spec before changing
    anything but an idempotent legend-title patch), so one object serves every rerun."""

    def __init__(self, size: int = 128):
        self.size = size
        self._made: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0   # how many were made rather than found

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The thing for key, made with make() the first time. Two sessions asking at the same
        moment may both make it; they make the same thing, and one is kept."""
        with self._lock:
            if key in self._made:
                self._made.move_to_end(key)
                return self._made[key]
        made = make()
        with self._lock:
            self.misses += 1
            self._made[key] = made
            while len(self._made) > self.size:
                self._made.popitem(last=False)
        return made

    def __len__(self) -> int:
        return len(self._made)


# A 13-word sentence's heatmap with its spec takes ~100 KB (more as the square of its length):
# 128 keeps a few dozen sentences' charts, what a class has open at once, in ~15-50 MB.
SHARED = SharedCharts(size=128)


def _frozen(value):
    """Lists (of lists) as tuples, so a recipe's arguments can be a key; tensors as their numbers."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    return value


@dataclass(frozen=True)
class Recipe:
    """A chart not built yet: builder(*args, **kwargs), named by what it is drawn from."""

    builder: Callable
    args: tuple
    kwargs: tuple

    @property
    def key(self) -> tuple:
        return (self.builder.__module__, self.builder.__qualname__, self.args, self.kwargs)

    def build(self) -> alt.TopLevelMixin:
        return self.builder(*self.args, **dict(self.kwargs))


def recipe(builder: Callable, *args, **kwargs) -> Recipe:
    """recipe(charts.attention_heatmap, weights, source, target, title=...) for prepared()."""
    return Recipe(builder, _frozen(args), tuple(sorted((name, _frozen(v)) for name, v in kwargs.items())))


def prepared(figure: alt.TopLevelMixin | Recipe, style: Callable[[alt.TopLevelMixin], alt.TopLevelMixin],
             style_key: Hashable = None) -> tuple[alt.TopLevelMixin, dict | None]:
    """(the styled chart, its spec or None) for drawing: a Recipe once per server and style
    (SHARED), a chart already built here and now."""
    def make():
        styled = style(figure.build() if isinstance(figure, Recipe) else figure)
        return styled, spec(styled)
    return SHARED.get((figure.key, style_key), make) if isinstance(figure, Recipe) else make()
