"""An attacker on published tables, written apart from the module it attacks.

It reads only what is published and what anyone knows of a table's shape: every line adds up,
counts are whole and never negative, and a blank is at least 1 (zeros are published). It derives
each blank's least and greatest value twice: with its own linear programme (scipy's HiGHS), each
optimum then checked to be a whole-number table that reproduces every published figure; and, for
tables small enough, by listing every whole-number completion.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from meldpunt.insight.disclosure import OneWay, TwoWay

Entry = tuple[str, ...]  # ("cell", row, column), ("row", row), ("column", column), ("total",)


@dataclass(frozen=True)
class Published:
    """A published table as the attacker sees it: entries, their figures (None: blank) and lines."""

    shown: dict[Entry, int | None]
    lines: list[tuple[list[Entry], Entry]]  # (parts, total)

    @property
    def blanks(self) -> list[Entry]:
        return [entry for entry, value in self.shown.items() if value is None]


def one_way(table: OneWay) -> Published:
    shown: dict[Entry, int | None] = {("cell", key): value for key, value in table.cells.items()}
    shown["total",] = table.total
    return Published(shown, [([("cell", key) for key in table.cells], ("total",))])


def two_way(table: TwoWay, rows: Sequence[str], columns: Sequence[str]) -> Published:
    shown: dict[Entry, int | None] = {("cell", r, c): table.cells[r, c] for r in rows for c in columns}
    shown |= {("row", r): table.row_totals[r] for r in rows}
    shown |= {("column", c): table.column_totals[c] for c in columns}
    shown["total",] = table.total
    lines: list[tuple[list[Entry], Entry]] = [([("cell", r, c) for c in columns], ("row", r)) for r in rows]
    lines += [([("cell", r, c) for r in rows], ("column", c)) for c in columns]
    lines += [([("row", r) for r in rows], ("total",)), ([("column", c) for c in columns], ("total",))]
    return Published(shown, lines)


def consistent(published: Published, completion: dict[Entry, int]) -> bool:
    """Whether a whole-number table could be the truth behind what was published."""
    return (
        all(completion[entry] == value for entry, value in published.shown.items() if value is not None)
        and all(completion[entry] >= 1 for entry in published.blanks)
        and all(sum(completion[part] for part in parts) == completion[total] for parts, total in published.lines)
    )


def linear_bounds(published: Published) -> dict[Entry, tuple[int, int | None]]:
    """Each blank's least and greatest value (None: no upper bound) by linear programming."""
    entries = list(published.shown)
    index = {entry: i for i, entry in enumerate(entries)}
    equations = np.zeros((len(published.lines), len(entries)))
    for row, (parts, total) in enumerate(published.lines):
        for part in parts:
            equations[row, index[part]] = 1
        equations[row, index[total]] = -1
    bounds = [(1, None) if value is None else (value, value) for value in published.shown.values()]
    found: dict[Entry, tuple[int, int | None]] = {}
    for entry in published.blanks:
        extremes: list[int | None] = []
        for sense in (1, -1):
            objective = np.zeros(len(entries))
            objective[index[entry]] = sense
            result = linprog(objective, A_eq=equations, b_eq=np.zeros(len(published.lines)), bounds=bounds)
            if result.status == 3:  # unbounded: only the greatest value can be
                extremes.append(None)
                continue
            assert result.status == 0, result.message
            completion = {e: round(x) for e, x in zip(entries, result.x, strict=True)}
            assert np.allclose(result.x, [completion[e] for e in entries], atol=1e-6), "a fractional optimum"
            assert consistent(published, completion), "an optimum that is no table"
            extremes.append(completion[entry])
        low, high = extremes
        assert low is not None
        found[entry] = (low, high)
    return found


def completions(published: Published, total: int) -> Iterator[dict[Entry, int]]:
    """Every whole-number table consistent with `published` whose cells add up to `total`."""
    cells = [entry for entry in published.shown if entry[0] == "cell"]
    free = [entry for entry in cells if published.shown[entry] is None]
    budget = total - sum(value or 0 for entry, value in published.shown.items() if entry[0] == "cell")

    def fill(position: int, left: int, chosen: dict[Entry, int]) -> Iterator[dict[Entry, int]]:
        if position == len(free):
            if left == 0:
                yield chosen
            return
        last = position == len(free) - 1
        for value in [left] if last else range(1, left - (len(free) - position - 1) + 1):
            if value >= 1:
                yield from fill(position + 1, left - value, chosen | {free[position]: value})

    for chosen in fill(0, budget, {}):
        completion = {entry: chosen.get(entry, published.shown[entry] or 0) for entry in cells}
        for parts, margin in published.lines:
            if all(part[0] == "cell" for part in parts):
                completion[margin] = sum(completion[part] for part in parts)
        completion["total",] = total
        if consistent(published, completion):
            yield completion
