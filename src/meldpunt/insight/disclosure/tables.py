"""One- and two-way count tables, protected as a whole: cells, margins and grand total."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .network import Network
from .suppression import protect

THRESHOLD = 5


@dataclass(frozen=True)
class OneWay:
    cells: dict[str, int | None]  # None = suppressed
    total: int | None


@dataclass(frozen=True)
class TwoWay:
    cells: dict[tuple[str, str], int | None]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    total: int | None


def one_way_network(counts: Mapping[str, int]) -> Network:
    """Two nodes: every cell flows from the first to the second, the total flows back."""
    values = (*counts.values(), sum(counts.values()))
    cells = len(counts)
    return _network(nodes=2, edges=((0, 1),) * cells + ((1, 0),), values=values, margins=range(cells, cells + 1))


def two_way_network(counts: Mapping[tuple[str, str], int], *, rows: Sequence[str], columns: Sequence[str]) -> Network:
    """A node per row, one for the column totals' line, a node per column, one for the row totals'
    line. Entries in order: cells row by row, row totals, column totals, grand total."""
    unknown = set(counts) - {(r, c) for r in rows for c in columns}
    if unknown or len(set(rows)) < len(rows) or len(set(columns)) < len(columns):
        raise ValueError(f"rows and columns must be distinct and hold every cell; stray cells: {sorted(unknown)[:3]}")
    n_rows, n_columns = len(rows), len(columns)
    margin_line, column_node, totals_line = n_rows, n_rows + 1, n_rows + 1 + n_columns
    cells = [[counts.get((r, c), 0) for c in columns] for r in rows]
    edges = [(i, column_node + j) for i in range(n_rows) for j in range(n_columns)]
    edges += [(totals_line, i) for i in range(n_rows)]
    edges += [(column_node + j, margin_line) for j in range(n_columns)]
    edges += [(margin_line, totals_line)]
    values = [v for row in cells for v in row]
    values += [sum(row) for row in cells]
    values += [sum(row[j] for row in cells) for j in range(n_columns)]
    values += [sum(values[: n_rows * n_columns])]
    return _network(
        nodes=totals_line + 1, edges=tuple(edges), values=tuple(values), margins=range(n_rows * n_columns, len(values))
    )


def _network(*, nodes: int, edges: tuple[tuple[int, int], ...], values: tuple[int, ...], margins: range) -> Network:
    if any(not isinstance(value, int) or value < 0 for value in values):
        raise ValueError("counts are whole numbers, never negative")
    return Network(nodes=nodes, edges=edges, values=values, margins=frozenset(margins))


def _total_fixed(network: Network, *, threshold: int) -> Network:
    """The same table with its grand total (the last entry) kept published, as every table that counts
    the same units shows it; a small total is still suppressed, and so everywhere alike."""
    total = len(network.values) - 1
    if 0 < network.values[total] < threshold:
        return network
    return replace(network, fixed=frozenset({total}))


def one_way_protect(counts: Mapping[str, int], *, threshold: int = THRESHOLD, total_published: bool = False) -> OneWay:
    """With `total_published`, the total is never a complementary suppression (it is shown elsewhere);
    raises Unprotectable when the small counts cannot then be protected."""
    network = one_way_network(counts)
    if total_published:
        network = _total_fixed(network, threshold=threshold)
    shown = _published(network, threshold)
    return OneWay(cells=dict(zip(counts, shown, strict=False)), total=shown[-1])


def two_way_protect(
    counts: Mapping[tuple[str, str], int],
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    threshold: int = THRESHOLD,
    total_published: bool = False,
) -> TwoWay:
    """As one_way_protect, for a table with row and column totals."""
    network = two_way_network(counts, rows=rows, columns=columns)
    if total_published:
        network = _total_fixed(network, threshold=threshold)
    shown = iter(_published(network, threshold))
    return TwoWay(
        cells={(r, c): next(shown) for r in rows for c in columns},
        row_totals={r: next(shown) for r in rows},
        column_totals={c: next(shown) for c in columns},
        total=next(shown),
    )


def _published(network: Network, threshold: int) -> list[int | None]:
    suppressed = protect(network, threshold=threshold).suppressed
    return [None if entry in suppressed else value for entry, value in enumerate(network.values)]
