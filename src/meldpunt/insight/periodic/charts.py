"""Bar charts for the periodic report as PNG bytes, drawn in memory at a fixed resolution.

fpdf2 cannot draw the dashboard's SVG charts (it fails on matplotlib's clipping paths), so the report
draws its own with the same look. Equal figures give equal bytes: fixed size and dpi, no timestamp or
software name in the file. A suppressed count draws no bar; the marker is written where it would be.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Final

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # after matplotlib.use: the backend must be chosen before pyplot loads

from meldpunt.insight.aggregates import MARKER

DPI: Final = 200
WIDTH_INCHES: Final = 6.4
_RC: dict[Any, Any] = {  # rc_context types its keys as literals
    "font.family": "DejaVu Sans",  # matplotlib's own font: the same glyphs on every machine
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def chart_height(count: int, *, over_time: bool) -> float:
    """The chart's height in inches for `count` bars."""
    return 3.0 if over_time else max(1.4, 0.26 * count + 0.7)


def bar_chart_png(categories: Sequence[str], values: Sequence[int | None], *, over_time: bool) -> bytes:
    """Months as columns (`over_time`), other categories as horizontal bars."""
    with plt.rc_context(_RC):
        figure, axes = plt.subplots(figsize=(WIDTH_INCHES, chart_height(len(categories), over_time=over_time)))
        positions = list(range(len(categories)))
        shown = [value or 0 for value in values]
        top = max(shown, default=0) or 1
        if over_time:
            axes.bar(positions, shown, color="#2f5d8a")
            axes.set_xticks(positions, list(categories), rotation=45, ha="right")
            for position, value in zip(positions, values, strict=True):
                axes.text(position, (value or 0) + top * 0.02, MARKER if value is None else str(value), ha="center")
            axes.set_ylim(0, top * 1.15)
        else:
            axes.barh(positions, shown, color="#2f5d8a")
            axes.set_yticks(positions, list(categories))
            axes.invert_yaxis()
            for position, value in zip(positions, values, strict=True):
                axes.text((value or 0) + top * 0.01, position, MARKER if value is None else str(value), va="center")
            axes.set_xlim(0, top * 1.15)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        plt.close(figure)
    return buffer.getvalue()
