"""Tables that count the same reports share their grand total: it must never be a complementary
suppression in one table while another publishes it, or a reader subtracts across the two."""

from __future__ import annotations

import pytest

from meldpunt.insight import aggregates
from meldpunt.insight.control import Protect
from meldpunt.insight.disclosure import Unprotectable, one_way_protect, two_way_protect
from tests.insight.attacker import linear_bounds, two_way


def test_a_shared_total_stays_published_and_the_small_count_keeps_its_room() -> None:
    # The case that leaked: months published a total of 27 beside community x origin state
    # {(uyghur, CN): 2, (none, not stated): 25} protected alone, which hid only its own total.
    counts, rows, columns = {("uyghur", "CN"): 2, ("none", ""): 25}, ["uyghur", "none"], ["CN", ""]
    alone = two_way_protect(counts, rows=rows, columns=columns)
    assert alone.total is None
    assert alone.column_totals[""] == 25  # so 27 (from the months) - 25 = 2: recovered
    shared = two_way_protect(counts, rows=rows, columns=columns, total_published=True)
    assert shared.total == 27
    _low, high = linear_bounds(two_way(shared, rows, columns))["cell", "uyghur", "CN"]
    assert high is None or high >= 5


def test_a_table_that_cannot_be_protected_around_its_shared_total_is_withheld() -> None:
    with pytest.raises(Unprotectable):
        one_way_protect({"part": 2, "rest": 4}, total_published=True)
    assert aggregates.part_count("part", 2, 6, control=Protect()) is None
    table = aggregates.two_way_table(
        slug="t",
        title="t",
        row_heading="r",
        unit="u",
        counts={("a", "x"): 2, ("a", "y"): 4},
        rows=[("a", "a")],
        columns=[("x", "x"), ("y", "y")],
        control=Protect(),
        total_shared=True,
    )
    assert table.total == 6
    assert all(cell is None for row in table.rows for cell in (*row.cells, row.total))
    assert all(column.count is None for column in table.columns)


def test_two_tables_over_the_same_reports_never_let_a_small_count_be_subtracted() -> None:
    rows, columns = ["uyghur", "none"], ["CN", ""]
    by_origin = two_way_protect(
        {("uyghur", "CN"): 2, ("none", ""): 25}, rows=rows, columns=columns, total_published=True
    )
    assert by_origin.total == 27  # what the month table publishes for the same reports
    bounds = linear_bounds(two_way(by_origin, rows, columns))
    _low, high = bounds["cell", "uyghur", "CN"]
    assert by_origin.cells["uyghur", "CN"] is None
    assert high is None or high >= 5  # never proven to be a small count
