"""The one percentile every tool reports (the benchmark's spreads, the load test's p95).

Linear interpolation between order statistics (numpy's default, "type 7" of Hyndman & Fan): a
reader checking a figure with numpy.percentile gets the same number, and on the small samples
these tools take (5 to 100 values) it moves smoothly with the data, where the nearest rank
jumps from one sample to the next (of 20 latencies, the nearest-rank p95 is simply the 19th).
"""
from __future__ import annotations

import math
from typing import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between order statistics
    (numpy's default): percentile([1, 2, 3, 4], 50) == 2.5."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError("q must be between 0 and 100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
