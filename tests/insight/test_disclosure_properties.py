"""Random tables, attacked: what is published is true and never small, and neither the attacker's
own linear programme nor, on tables small enough, a list of every whole-number completion recovers
a blank or shows it to be small. The module's own audit must agree with the attacker exactly."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, reject
from hypothesis import strategies as st

from meldpunt.insight.disclosure import THRESHOLD, Unprotectable, one_way_protect, two_way_protect
from meldpunt.insight.disclosure.suppression import protect
from meldpunt.insight.disclosure.tables import one_way_network, two_way_network
from tests.insight.attacker import Entry, Published, completions, linear_bounds, one_way, two_way

# Small counts are the interesting ones: half the draws lie in 0..6.
COUNT = st.integers(0, 6) | st.integers(0, 30)
THRESHOLDS = st.sampled_from([THRESHOLD, THRESHOLD, 1, 2, 3, 10])
Counts = dict[tuple[str, str], int]


@st.composite
def two_way_tables(
    draw: st.DrawFn, *, most: int = 6, count: st.SearchStrategy[int] = COUNT
) -> tuple[Counts, list[str], list[str]]:
    rows = [f"r{i}" for i in range(draw(st.integers(1, most)))]
    columns = [f"c{j}" for j in range(draw(st.integers(1, most)))]
    # A missing cell counts 0, as a sparse GROUP BY leaves it.
    cells = draw(st.lists(st.none() | count, min_size=len(rows) * len(columns), max_size=len(rows) * len(columns)))
    keys = [(r, c) for r in rows for c in columns]
    return {key: value for key, value in zip(keys, cells, strict=True) if value is not None}, rows, columns


def _two_way_truth(counts: Counts, rows: list[str], columns: list[str]) -> dict[Entry, int]:
    truth: dict[Entry, int] = {("cell", r, c): counts.get((r, c), 0) for r in rows for c in columns}
    truth |= {("row", r): sum(truth["cell", r, c] for c in columns) for r in rows}
    truth |= {("column", c): sum(truth["cell", r, c] for r in rows) for c in columns}
    truth["total",] = sum(truth["row", r] for r in rows)
    return truth


def _assert_true_and_never_small(published: Published, truth: dict[Entry, int], threshold: int) -> None:
    assert published.shown.keys() == truth.keys()
    for entry, value in published.shown.items():
        assert value is None or value == truth[entry], entry
        assert value is None or not 0 < value < threshold, entry
        assert truth[entry] != 0 or value == 0, f"a zero is known and published: {entry}"


def _assert_unrecovered(bounds: dict[Entry, tuple[int, int | None]], truth: dict[Entry, int], threshold: int) -> None:
    for entry, (low, high) in bounds.items():
        assert low <= truth[entry], entry
        assert high is None or truth[entry] <= high, entry
        assert high is None or high > low, f"{entry} pinned to {low}"
        assert high is None or high >= threshold, f"{entry} shown to lie in {low}..{high}"
        if 0 < truth[entry] < threshold:
            assert high is None or high - low >= threshold, f"{entry} narrowed to {low}..{high}"


@given(counts=st.dictionaries(st.text("abcdefgh", min_size=1, max_size=2), COUNT, max_size=8), threshold=THRESHOLDS)
def test_one_way_tables_resist_the_attacker(counts: dict[str, int], threshold: int) -> None:
    truth: dict[Entry, int] = {("cell", key): value for key, value in counts.items()}
    truth["total",] = sum(counts.values())
    published = one_way(one_way_protect(counts, threshold=threshold))
    _assert_true_and_never_small(published, truth, threshold)
    bounds = linear_bounds(published)
    _assert_unrecovered(bounds, truth, threshold)

    audit = protect(one_way_network(counts), threshold=threshold)
    entries = list(truth)
    assert {entries[i]: audit.interval(i) for i in sorted(audit.suppressed)} == bounds


@given(table=two_way_tables(), threshold=THRESHOLDS)
def test_two_way_tables_resist_the_attacker(table: tuple[Counts, list[str], list[str]], threshold: int) -> None:
    counts, rows, columns = table
    truth = _two_way_truth(counts, rows, columns)
    published = two_way(two_way_protect(counts, rows=rows, columns=columns, threshold=threshold), rows, columns)
    _assert_true_and_never_small(published, truth, threshold)
    bounds = linear_bounds(published)
    _assert_unrecovered(bounds, truth, threshold)

    audit = protect(two_way_network(counts, rows=rows, columns=columns), threshold=threshold)
    entries = list(truth)
    assert {entries[i]: audit.interval(i) for i in sorted(audit.suppressed)} == bounds


@given(table=two_way_tables(most=2, count=st.integers(0, 8)))
def test_listing_every_completion_of_a_small_table_recovers_nothing(table: tuple[Counts, list[str], list[str]]) -> None:
    counts, rows, columns = table
    truth = _two_way_truth(counts, rows, columns)
    published = two_way(two_way_protect(counts, rows=rows, columns=columns), rows, columns)
    total = published.shown["total",]
    if total is None:  # the listing needs a bound; a blank grand total leaves every blank unbounded above
        reject()
    seen: dict[Entry, set[int]] = defaultdict(set)
    for completion in completions(published, total):
        for entry in published.blanks:
            seen[entry].add(completion[entry])
    assert all(truth[entry] in seen[entry] for entry in published.blanks)
    _assert_unrecovered({entry: (min(values), max(values)) for entry, values in seen.items()}, truth, THRESHOLD)
    for entry, values in seen.items():
        assert len(values) == max(values) - min(values) + 1, f"{entry} skips values"
    assert {entry: (min(values), max(values)) for entry, values in seen.items()} == linear_bounds(published)


@given(table=two_way_tables(), threshold=THRESHOLDS)
def test_a_shared_total_is_published_or_the_table_refused(
    table: tuple[Counts, list[str], list[str]], threshold: int
) -> None:
    """With its grand total published elsewhere, a table keeps it (unless it is small itself) and still
    resists the attacker, or is refused as a whole (Unprotectable) for the caller to withhold."""
    counts, rows, columns = table
    truth = _two_way_truth(counts, rows, columns)
    try:
        protected = two_way_protect(counts, rows=rows, columns=columns, threshold=threshold, total_published=True)
    except Unprotectable:
        return
    published = two_way(protected, rows, columns)
    if not 0 < truth["total",] < threshold:
        assert protected.total == truth["total",]
    _assert_true_and_never_small(published, truth, threshold)
    _assert_unrecovered(linear_bounds(published), truth, threshold)
