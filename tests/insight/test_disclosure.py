"""Hard cases of disclosure control, one table each, attacked by the independent attacker."""

from __future__ import annotations

import pytest

from meldpunt.insight.disclosure import THRESHOLD, OneWay, TwoWay, one_way_protect, two_way_protect
from meldpunt.insight.disclosure.network import Residual
from meldpunt.insight.disclosure.tables import two_way_network
from tests.insight.attacker import Published, linear_bounds, one_way, two_way

COLUMNS = ["p", "q", "r"]


def _table(rows: dict[str, list[int]], columns: list[str] = COLUMNS) -> TwoWay:
    counts = {(r, c): v for r, values in rows.items() for c, v in zip(columns, values, strict=True)}
    return two_way_protect(counts, rows=list(rows), columns=columns)


def _grid(table: TwoWay, columns: list[str] = COLUMNS) -> list[list[int | None]]:
    """Cells with row totals, then column totals with the grand total: the table as printed."""
    rows = [[*(table.cells[r, c] for c in columns), total] for r, total in table.row_totals.items()]
    return [*rows, [*(table.column_totals[c] for c in columns), table.total]]


def _assert_safe(published: Published, truth: dict[tuple[str, ...], int]) -> None:
    for entry, (low, high) in linear_bounds(published).items():
        small = 0 < truth[entry] < THRESHOLD
        assert high is None or high - low >= (THRESHOLD if small else 1), (entry, low, high)


@pytest.mark.parametrize(
    ("counts", "cells", "total", "bounds"),
    [
        pytest.param({"a": 3, "b": 6, "c": 20}, {"a": None, "b": None, "c": 20}, 29, (1, 8), id="one-small-cell"),
        # 1 + 1 = 2 would show both small: the large cell goes too.
        pytest.param({"a": 1, "b": 1, "c": 20}, {"a": None, "b": None, "c": None}, 22, (1, 20), id="two-small-cells"),
        # 2 + 3 = 5, each then known to lie in 1..4.
        pytest.param({"a": 2, "b": 3, "c": 20}, {"a": None, "b": None, "c": None}, 25, (1, 23), id="small-pair"),
        pytest.param({"a": 2, "b": 3, "c": 0}, {"a": None, "b": None, "c": 0}, None, (1, None), id="small-total"),
        pytest.param({"a": 0, "b": 0}, {"a": 0, "b": 0}, 0, None, id="zeros"),
        pytest.param({}, {}, 0, None, id="empty"),
    ],
)
def test_one_way_hard_cases(
    counts: dict[str, int], cells: dict[str, int | None], total: int | None, bounds: tuple[int, int | None] | None
) -> None:
    table = one_way_protect(counts)
    assert table == OneWay(cells=cells, total=total)
    attacked = linear_bounds(one_way(table))
    assert attacked.get(("cell", "a")) == bounds


def test_a_small_cell_in_a_row_is_hidden_in_a_two_by_two_block_and_every_total_stays() -> None:
    table = _table({"x": [2, 9, 30], "y": [7, 8, 30]})
    assert _grid(table) == [[None, None, 30, 41], [None, None, 30, 45], [9, 17, 60, 86]]
    assert linear_bounds(two_way(table, ["x", "y"], COLUMNS))["cell", "x", "p"] == (1, 8)


def test_a_small_row_total_is_suppressed_with_what_would_give_it_away() -> None:
    truth = {"x": [1, 2, 0], "y": [10, 20, 30], "z": [10, 10, 10]}
    table = _table(truth)
    assert table.row_totals["x"] is None
    assert table.cells["x", "r"] == 0
    values: dict[tuple[str, ...], int] = {("row", r): sum(v) for r, v in truth.items()} | {
        ("cell", r, c): v for r, vs in truth.items() for c, v in zip(COLUMNS, vs, strict=True)
    }
    _assert_safe(two_way(table, list(truth), COLUMNS), values)


def test_all_zero_rows_and_tables_are_published_as_zeros() -> None:
    assert _grid(_table({"x": [0, 0, 0], "y": [6, 7, 8]})) == [[0, 0, 0, 0], [6, 7, 8, 21], [6, 7, 8, 21]]
    assert _grid(_table({"x": [0, 0, 0]})) == [[0, 0, 0, 0], [0, 0, 0, 0]]
    empty = two_way_protect({}, rows=[], columns=[])
    assert empty == TwoWay(cells={}, row_totals={}, column_totals={}, total=0)


def test_a_single_small_cell_among_large_ones_costs_three_cells_and_no_total() -> None:
    rows = {f"r{i}": [2 if (i, j) == (1, 1) else 50 for j in range(3)] for i in range(3)}
    grid = _grid(_table(rows))
    assert sum(value is None for line in grid[:-1] for value in line[:-1]) == 4
    assert all(line[-1] is not None for line in grid)
    assert None not in grid[-1]


# Two blocks of small cells and one small cell joining them: every row and column holds two or more
# blanks, which a rule that only counts blanks per line accepts, yet the joining cell is the only
# blank shared by the first block's rows and the second block's columns, and is recovered exactly.
DUMBBELL_COLUMNS = ["p", "q", "r", "s"]
DUMBBELL = {
    "a": [2, 3, 4, 20],
    "b": [3, 2, 30, 40],
    "c": [20, 30, 1, 2],
    "d": [40, 50, 2, 3],
}
JOIN = ("a", "r")


def test_blanks_two_per_line_can_still_give_a_cell_away_and_the_audit_sees_it() -> None:
    rows, columns = list(DUMBBELL), DUMBBELL_COLUMNS
    counts = {(r, c): v for r, vs in DUMBBELL.items() for c, v in zip(columns, vs, strict=True)}
    blanks = {key for key, value in counts.items() if value < THRESHOLD}
    naive = TwoWay(
        cells={key: None if key in blanks else value for key, value in counts.items()},
        row_totals={r: sum(DUMBBELL[r]) for r in rows},
        column_totals={c: sum(counts[r, c] for r in rows) for c in columns},
        total=sum(counts.values()),
    )
    for line in [[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns]:
        assert len(blanks.intersection(line)) != 1
    assert linear_bounds(two_way(naive, rows, columns))[("cell", *JOIN)] == (4, 4)

    audit = Residual(two_way_network(counts, rows=rows, columns=columns))
    keys = list(counts)
    for key in sorted(blanks, key=keys.index):
        audit.suppress(keys.index(key))
    assert audit.interval(keys.index(JOIN)) == (4, 4)

    protected = two_way_protect(counts, rows=rows, columns=columns)
    attacked = linear_bounds(two_way(protected, rows, columns))
    low, high = attacked["cell", *JOIN]
    assert high is None or high - low >= THRESHOLD


@pytest.mark.parametrize(
    ("counts", "rows", "columns", "threshold"),
    [
        pytest.param({("x", "p"): -1}, ["x"], ["p"], THRESHOLD, id="negative"),
        pytest.param({("x", "z"): 3}, ["x"], ["p"], THRESHOLD, id="stray-cell"),
        pytest.param({("x", "p"): 3}, ["x", "x"], ["p"], THRESHOLD, id="repeated-row"),
        pytest.param({("x", "p"): 3}, ["x"], ["p"], 0, id="no-threshold"),
    ],
)
def test_malformed_tables_are_refused(
    counts: dict[tuple[str, str], int], rows: list[str], columns: list[str], threshold: int
) -> None:
    with pytest.raises(ValueError, match=r"."):
        two_way_protect(counts, rows=rows, columns=columns, threshold=threshold)


def test_a_threshold_of_one_publishes_everything() -> None:
    assert one_way_protect({"a": 1, "b": 0}, threshold=1) == OneWay(cells={"a": 1, "b": 0}, total=1)
