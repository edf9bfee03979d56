"""The transformer's attention charts (pure functions: data in, alt.Chart out), in the
conventions of app/charts.py: the 0..1 weight scale, positions in every label, a tooltip on
every mark, charts as large as their words need.

- square_heatmap: one self-attention (or one cross-attention head), the decoder's masked cells
  drawn as empty grey squares, not as weight 0 in the weight colours: the model cannot look there;
- head_grid: small multiples of the cross-attention, a row per layer and a column per head,
  panels of a fixed size whatever the sentence length (grid_panel_size): a row of panels is 360 px
  wide, inside a 390 px phone, or 504 px in projector mode, inside a Compare column of a 1280 × 720
  projector, where 84 px panels were too small to read from the back of a room.
"""
from __future__ import annotations

import altair as alt
import pyarrow as pa

from app.charts import SVG, WEIGHT_SCALE, WORD_STEP, heatmap_size, position_labels, unchecked, word_axis
from app.transformer_views import Axes

MASKED_FILL = "#eeeeee"  # the future the decoder may not look at
PANEL_SPACING = 8
GRID_WIDTH = 360  # pixels of a row of panels, spacing included: inside a 390 px phone
PROJECTOR_GRID_WIDTH = 504  # inside the ~580 px of a Compare column on a 1280 px projector, sidebar folded
MIN_PANEL_SIZE = 40  # a model of many heads gets a row wider than the screen (it scrolls) before smaller panels
ROW_SPACING = 16  # room between a row of panels and the next row's names (projector type is 1.45 times larger)


def square_heatmap(frame: pa.Table, axes: Axes, title: str = "", cell_size: int = WORD_STEP) -> alt.Chart:
    """Rows: the positions that look; columns: the positions looked at; colour: weight α.
    Masked cells (frame's `masked`) are drawn empty, in light grey, with a tooltip that says so."""
    base = alt.Chart(frame).encode(
        x=alt.X("column:N", sort=position_labels(axes.columns), axis=word_axis(axes.column_title)),
        y=alt.Y("row:N", sort=position_labels(axes.rows), axis=word_axis(axes.row_title, angle=0)))
    looked = base.transform_filter("!datum.masked").mark_rect().encode(
        color=alt.Color("weight:Q", scale=WEIGHT_SCALE, title="α", legend=alt.Legend(gradientLength=100)),
        tooltip=[alt.Tooltip("row_token:N", title="looking"), alt.Tooltip("column_token:N", title="at"),
                 alt.Tooltip("weight:Q", title="weight", format=".3f")])
    hidden = base.transform_filter("datum.masked").mark_rect(fill=MASKED_FILL, stroke="white").encode(
        tooltip=[alt.Tooltip("row_token:N", title="writing"), alt.Tooltip("column_token:N", title="cannot see")])
    width, height = heatmap_size(len(axes.columns), len(axes.rows), cell_size, title)
    return unchecked(looked + hidden, title=title, width=width, height=height, usermeta=SVG)


def grid_panel_size(heads: int, projector: bool = False) -> int:
    """Pixels of one panel, so that a row of `heads` panels fills the grid's width: 84 for four
    heads (a phone), 120 in projector mode."""
    width = PROJECTOR_GRID_WIDTH if projector else GRID_WIDTH
    return max(MIN_PANEL_SIZE, (width - (heads - 1) * PANEL_SPACING) // heads)


def head_grid(frame: pa.Table, rows: list[str], columns: list[str], heads: int, title: str = "",
              projector: bool = False) -> alt.FacetChart:
    """Small multiples of the cross-attention (frame: transformer_views.grid_frame), one panel
    per layer and head, a row per layer, `heads` to a row. Panels keep grid_panel_size pixels
    at any length (the cells shrink instead); the words are in the tooltip, and the heatmap
    beside the grid shows one panel with every label. projector: panels sized for projector mode."""
    panel_size = grid_panel_size(heads, projector)
    axis = alt.Axis(labels=False, ticks=False, title=None, domain=False)
    panel = alt.Chart().mark_rect().encode(
        x=alt.X("column:N", sort=columns, axis=axis), y=alt.Y("row:N", sort=rows, axis=axis),
        color=alt.Color("weight:Q", scale=WEIGHT_SCALE, title="α",
                        legend=alt.Legend(orient="bottom", gradientLength=120)),
        tooltip=[alt.Tooltip("layer:Q", title="layer"), alt.Tooltip("head:Q", title="head"),
                 alt.Tooltip("row:N", title="writing"), alt.Tooltip("column:N", title="looking at"),
                 alt.Tooltip("weight:Q", title="weight", format=".3f")])
    panel = unchecked(panel, width=panel_size, height=panel_size)
    names = list(dict.fromkeys(frame.column("panel").to_pylist()))
    grid = alt.FacetChart(data=frame, spec=panel, facet=alt.Facet("panel:N", sort=names, title=None,
                                                                  header=alt.Header(labelFontWeight="bold")),
                          columns=heads, spacing={"column": PANEL_SPACING, "row": ROW_SPACING})
    return unchecked(grid, title=title, usermeta=SVG)


