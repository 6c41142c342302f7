"""Who decides what a table shows: exact counts, disclosure control now, or control as published.

Every table the dashboards build asks a `Control` for its figures by name. `Exact` passes counts
through (supervisors only). `Protect` runs disclosure control and keeps what it decided, so that a
publication can store it. `Replay` gives back what a publication stored and never protects again:
the public figures of a period are the ones decided when it was published, even after the method
changes, since two differently protected versions of one table could be played against each other.
A name the publication does not hold is withheld whole, never protected anew.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from meldpunt.insight.disclosure import THRESHOLD, OneWay, TwoWay, Unprotectable, one_way_protect, two_way_protect


class Control(Protocol):
    @property
    def exact(self) -> bool: ...

    def one_way(self, name: str, counts: Mapping[str, int], *, total_published: bool = False) -> OneWay: ...

    def two_way(
        self,
        name: str,
        counts: Mapping[tuple[str, str], int],
        *,
        rows: Sequence[str],
        columns: Sequence[str],
        total_published: bool = False,
    ) -> TwoWay: ...


def _full(
    counts: Mapping[tuple[str, str], int], rows: Sequence[str], columns: Sequence[str]
) -> dict[tuple[str, str], int]:
    return {(r, c): counts.get((r, c), 0) for r in rows for c in columns}


class Exact:
    """Counts as they are: for supervisors, who oversee the reporting point."""

    exact = True

    def one_way(self, name: str, counts: Mapping[str, int], *, total_published: bool = False) -> OneWay:
        return OneWay(cells=dict(counts), total=sum(counts.values()))

    def two_way(
        self,
        name: str,
        counts: Mapping[tuple[str, str], int],
        *,
        rows: Sequence[str],
        columns: Sequence[str],
        total_published: bool = False,
    ) -> TwoWay:
        full = _full(counts, rows, columns)
        return TwoWay(
            cells={cell: n for cell, n in full.items()},
            row_totals={r: sum(full[(r, c)] for c in columns) for r in rows},
            column_totals={c: sum(full[(r, c)] for r in rows) for c in columns},
            total=sum(full.values()),
        )


class Protect:
    """Disclosure control as of now; `decided` keeps each table's outcome by name, for storing."""

    exact = False

    def __init__(self, *, threshold: int = THRESHOLD) -> None:
        self.threshold = threshold
        self.decided: dict[str, OneWay | TwoWay] = {}

    def one_way(self, name: str, counts: Mapping[str, int], *, total_published: bool = False) -> OneWay:
        try:
            shown = one_way_protect(counts, threshold=self.threshold, total_published=total_published)
        except Unprotectable:
            shown = OneWay(cells=dict.fromkeys(counts), total=sum(counts.values()))
        self.decided[name] = shown
        return shown

    def two_way(
        self,
        name: str,
        counts: Mapping[tuple[str, str], int],
        *,
        rows: Sequence[str],
        columns: Sequence[str],
        total_published: bool = False,
    ) -> TwoWay:
        full = _full(counts, rows, columns)
        try:
            shown = two_way_protect(
                full, rows=rows, columns=columns, threshold=self.threshold, total_published=total_published
            )
        except Unprotectable:  # withheld whole; the shared total is published elsewhere anyway
            shown = TwoWay(
                cells=dict.fromkeys(full),
                row_totals=dict.fromkeys(rows),
                column_totals=dict.fromkeys(columns),
                total=sum(full.values()),
            )
        self.decided[name] = shown
        return shown

    def stored(self) -> dict[str, dict[str, Any]]:
        """What was decided, as JSON values (what a publication keeps)."""
        return {name: decision_record(shown) for name, shown in sorted(self.decided.items())}


class Replay:
    """The decisions a publication stored, given back for the same tables.

    Matched by key, not by position, so a vocabulary that later orders its terms differently or
    gains a term (counted 0, and zeros point at no one) still finds them; a table with a non-zero
    count the publication did not decide on is withheld whole.
    """

    exact = False

    def __init__(self, stored: Mapping[str, Mapping[str, Any]]) -> None:
        self.stored = stored

    def one_way(self, name: str, counts: Mapping[str, int], *, total_published: bool = False) -> OneWay:
        found = self.stored.get(name)
        decided = {} if found is None or found.get("kind") != "one_way" else dict(map(tuple, found["cells"]))
        if found is None or any(key not in decided and counts[key] for key in counts):
            return OneWay(cells=dict.fromkeys(counts), total=None)
        return OneWay(cells={key: decided.get(key, 0) for key in counts}, total=found["total"])

    def two_way(
        self,
        name: str,
        counts: Mapping[tuple[str, str], int],
        *,
        rows: Sequence[str],
        columns: Sequence[str],
        total_published: bool = False,
    ) -> TwoWay:
        found = self.stored.get(name)
        full = _full(counts, rows, columns)
        if found is None or found.get("kind") != "two_way":
            return _withheld(full, rows, columns)
        cells = {(r, c): value for r, c, value in found["cells"]}
        row_totals, column_totals = dict(map(tuple, found["rows"])), dict(map(tuple, found["columns"]))
        if any(cell not in cells and n for cell, n in full.items()):
            return _withheld(full, rows, columns)
        return TwoWay(
            cells={cell: cells.get(cell, 0) for cell in full},
            row_totals={r: row_totals.get(r, 0) for r in rows},
            column_totals={c: column_totals.get(c, 0) for c in columns},
            total=found["total"],
        )


def _withheld(full: Mapping[tuple[str, str], int], rows: Sequence[str], columns: Sequence[str]) -> TwoWay:
    return TwoWay(
        cells=dict.fromkeys(full), row_totals=dict.fromkeys(rows), column_totals=dict.fromkeys(columns), total=None
    )


def decision_record(shown: OneWay | TwoWay) -> dict[str, Any]:
    """A protected table as plain JSON values, in its own order (None: suppressed)."""
    if isinstance(shown, OneWay):
        return {"kind": "one_way", "cells": [[key, value] for key, value in shown.cells.items()], "total": shown.total}
    return {
        "kind": "two_way",
        "cells": [[r, c, value] for (r, c), value in shown.cells.items()],
        "rows": [[key, value] for key, value in shown.row_totals.items()],
        "columns": [[key, value] for key, value in shown.column_totals.items()],
        "total": shown.total,
    }
