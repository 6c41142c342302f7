"""Hard cases of disclosure control, one table each."""

from meldpunt.insight.disclosure import one_way_protect, two_way_protect


def test_a_single_small_cell_beside_a_published_total_takes_a_partner() -> None:
    table = one_way_protect({"a": 3, "b": 6, "c": 20})
    assert table.cells == {"a": None, "b": None, "c": 20}
    assert table.total == 29


def test_zero_is_published_and_a_small_total_is_suppressed() -> None:
    table = one_way_protect({"a": 0, "b": 2})
    assert table.cells == {"a": 0, "b": None}
    assert table.total is None


def test_two_way_lines_hold_no_single_suppression() -> None:
    counts = {("x", "p"): 2, ("x", "q"): 9, ("y", "p"): 7, ("y", "q"): 8}
    table = two_way_protect(counts, rows=["x", "y"], columns=["p", "q"])
    assert table.cells[("x", "p")] is None
    assert all(v is None or v >= 5 for v in table.cells.values())
