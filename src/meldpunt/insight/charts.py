"""Charts as inline SVG text, drawn on the server with matplotlib: no script, no font or file fetched.

The output is deterministic (fixed hash salt, no date), so equal tables give equal bytes. The
Content-Security-Policy forbids inline styles, so matplotlib's `style` attributes are rewritten as
SVG presentation attributes and its `<style>` element is dropped. Suppressed cells are drawn as no
bar, with the suppression marker written where the bar would be: the chart never shows more than
the table beside it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from xml.etree import ElementTree

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # after matplotlib.use: the backend must be chosen before pyplot loads

from meldpunt.insight.aggregates import Table

SVG = "http://www.w3.org/2000/svg"
ElementTree.register_namespace("", SVG)
ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")

_RC: dict[Any, Any] = {  # rc_context types its keys as literals
    "svg.hashsalt": "meldpunt",
    "svg.fonttype": "none",  # text stays text: readable, translatable, no glyphs embedded
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_FONT = re.compile(
    r"^(?:(?P<style>italic|oblique|normal)\s+)?(?:(?P<weight>\d+|bold|normal)\s+)?(?P<size>[\d.]+px)\s+(?P<family>.+)$"
)
_URL = re.compile(r"url\(#([^)]+)\)")
_HREF = ("href", "{http://www.w3.org/1999/xlink}href")


def _presentation(element: ElementTree.Element) -> None:
    style = element.attrib.pop("style", "")
    for declaration in filter(None, (part.strip() for part in style.split(";"))):
        name, _sep, value = (piece.strip() for piece in declaration.partition(":"))
        font = _FONT.match(value) if name == "font" else None
        if font:
            element.set("font-size", font["size"])
            element.set("font-family", font["family"].replace("'", ""))
            if font["weight"]:
                element.set("font-weight", font["weight"])
        elif name and name != "font":
            element.set(name, value)


def _unique_ids(root: ElementTree.Element, prefix: str) -> None:
    """Several charts share a page: keep only the ids something refers to, prefixed with the chart's."""
    referenced = {
        match for element in root.iter() for value in element.attrib.values() for match in _URL.findall(value)
    } | {element.attrib[name][1:] for element in root.iter() for name in _HREF if name in element.attrib}
    for element in root.iter():
        if element.attrib.get("id") in referenced:
            element.set("id", f"{prefix}-{element.attrib['id']}")
        else:
            element.attrib.pop("id", None)
        for name, value in element.attrib.items():
            if name in _HREF and value.startswith("#"):
                element.set(name, f"#{prefix}-{value[1:]}")
            elif "url(#" in value:
                element.set(name, value.replace("url(#", f"url(#{prefix}-"))


def _clean(svg: str, *, label: str, name: str) -> str:
    root = ElementTree.fromstring(svg)  # noqa: S314  # matplotlib's own output, never outside input
    for parent in root.iter():
        for child in list(parent):
            if child.tag == f"{{{SVG}}}style" or child.tag == f"{{{SVG}}}metadata":
                parent.remove(child)
    for element in root.iter():
        _presentation(element)
    _unique_ids(root, f"chart-{name}")
    title_id = f"chart-{name}-title"
    title = ElementTree.Element(f"{{{SVG}}}title", {"id": title_id})
    title.text = label
    root.insert(0, title)
    root.set("role", "img")
    root.set("aria-labelledby", title_id)
    root.set("class", "chart")
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    for size in ("width", "height"):
        root.attrib.pop(size, None)  # scales with the page; viewBox keeps the proportions
    return ElementTree.tostring(root, encoding="unicode")


def bar_chart_svg(
    *,
    name: str,
    label: str,
    categories: Sequence[str],
    values: Sequence[int | None],
    marker: str,
    horizontal: bool = True,
) -> str:
    """Bars per category. `name` makes the chart's ids unique on its page, `label` is its accessible
    name, `marker` is written for suppressed values. Drawing takes tens of milliseconds and the
    figures change seldom, so equal charts are drawn once per process."""
    return _drawn(name, label, tuple(categories), tuple(values), marker, horizontal)


@lru_cache(maxsize=256)
def _drawn(
    name: str, label: str, categories: tuple[str, ...], values: tuple[int | None, ...], marker: str, horizontal: bool
) -> str:
    with plt.rc_context(_RC):
        height = max(1.6, 0.28 * len(categories) + 0.8) if horizontal else 3.2
        figure, axes = plt.subplots(figsize=(6.4, height))
        positions = range(len(categories))
        shown = [value or 0 for value in values]
        top = max(shown, default=0) or 1
        if horizontal:
            axes.barh(positions, shown, color="#2f5d8a")
            axes.set_yticks(list(positions), list(categories))
            axes.invert_yaxis()
            for position, value in zip(positions, values, strict=True):
                axes.text((value or 0) + top * 0.01, position, marker if value is None else str(value), va="center")
            axes.set_xlim(0, top * 1.15)
        else:
            axes.bar(positions, shown, color="#2f5d8a")
            step = max(1, len(categories) // 12)
            axes.set_xticks(list(positions)[::step], list(categories)[::step], rotation=45, ha="right")
            for position, value in zip(positions, values, strict=True):
                if value is None:
                    axes.text(position, top * 0.02, marker, ha="center", rotation=90)
            axes.set_ylim(0, top * 1.1)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        plt.close(figure)
    return _clean(buffer.getvalue(), label=label, name=name)


def table_chart_svg(table: Table, *, marker: str, over_time: bool = False) -> str:
    """The chart of a one-way table, named after its title; months as columns, categories as bars."""
    return bar_chart_svg(
        name=table.slug,
        label=table.title,
        categories=[row.label for row in table.rows],
        values=[row.count for row in table.rows],
        marker=marker,
        horizontal=not over_time,
    )
