"""Counts → the tables the dashboards, API and downloads publish, with disclosure control (pure).

Every figure leaves through `disclosure` unless `exact` is asked for, which only the supervisors'
view does (DESIGN rule 7). Tables that share a margin are published as one protected two-way table:
the months and the provinces are the margins of month × province, so a cell suppressed in one can
never be recovered by subtraction from the other. Tactics are not additive (a report counts once per
tactic it names), so each tactic count is protected on its own and no total is derived from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from meldpunt.insight.disclosure import (
    THRESHOLD,
    OneWay,
    TwoWay,
    Unprotectable,
    one_way_protect,
    two_way_protect,
)

# Shown instead of a suppressed count: not "<5", since a complementary suppression may hide a larger
# count; the sign statistical offices use for confidential cells.
MARKER = "×"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int | None  # None: suppressed


@dataclass(frozen=True)
class Table:
    """A one-way table: a count per value of one attribute."""

    slug: str
    title: str
    heading: str  # what the rows are
    rows: tuple[Row, ...]
    total: int | None  # None when suppressed, or when the table is not additive
    additive: bool
    controlled: bool
    unit: str  # what is counted: reports, campaigns, stations, ...

    @property
    def suppressed(self) -> bool:
        return any(row.count is None for row in self.rows) or (self.additive and self.total is None)


@dataclass(frozen=True)
class CrossRow:
    key: str
    label: str
    cells: tuple[int | None, ...]
    total: int | None


@dataclass(frozen=True)
class CrossTable:
    """A two-way table with its margins, protected together."""

    slug: str
    title: str
    row_heading: str
    columns: tuple[Row, ...]  # column keys and labels; `count` is the column total
    rows: tuple[CrossRow, ...]
    total: int | None
    controlled: bool
    unit: str

    @property
    def suppressed(self) -> bool:
        return (
            self.total is None
            or any(column.count is None for column in self.columns)
            or any(row.total is None or None in row.cells for row in self.rows)
        )


@dataclass(frozen=True)
class Trend:
    """The latest month against the month before and the same month a year before."""

    month: str
    count: int | None
    previous_month: str
    previous: int | None
    year_ago_month: str
    year_ago: int | None

    @property
    def month_on_month(self) -> int | None:
        return None if self.count is None or self.previous is None else self.count - self.previous

    @property
    def year_on_year(self) -> int | None:
        return None if self.count is None or self.year_ago is None else self.count - self.year_ago


def _one_way(counts: Mapping[str, int], *, exact: bool) -> OneWay:
    if exact:
        return OneWay(cells=dict(counts), total=sum(counts.values()))
    return one_way_protect(counts, threshold=THRESHOLD)


def one_way_table(
    *,
    slug: str,
    title: str,
    heading: str,
    unit: str,
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    order: Sequence[str],
    exact: bool,
) -> Table:
    """An additive table: every counted unit in exactly one row, so the total is published too."""
    protected = _one_way({key: counts.get(key, 0) for key in order}, exact=exact)
    rows = tuple(Row(key, labels.get(key, key), protected.cells[key]) for key in order)
    return Table(slug, title, heading, rows, protected.total, additive=True, controlled=not exact, unit=unit)


def overlapping_table(
    *,
    slug: str,
    title: str,
    heading: str,
    unit: str,
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    order: Sequence[str],
    exact: bool,
) -> Table:
    """A table whose rows overlap (a unit in several rows): each cell protected alone, no total."""

    def alone(key: str) -> int | None:
        count = counts.get(key, 0)
        return count if exact else one_way_protect({key: count}, threshold=THRESHOLD).cells[key]

    rows = tuple(Row(key, labels.get(key, key), alone(key)) for key in order)
    return Table(slug, title, heading, rows, None, additive=False, controlled=not exact, unit=unit)


def part_count(part: int, whole: int, *, exact: bool) -> int | None:
    """A part of a published whole (such as the synthetic reports among all), protected with its rest:
    a small rest would otherwise be the whole minus the part."""
    if exact:
        return part
    try:
        protected = one_way_protect({"part": part, "rest": whole - part}, threshold=THRESHOLD, total_published=True)
    except Unprotectable:
        return None
    return protected.cells["part"]


def public_table(
    *,
    slug: str,
    title: str,
    heading: str,
    unit: str,
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    order: Sequence[str],
) -> Table:
    """Counts of published knowledge records: public facts, each already cited, so nothing is suppressed."""
    rows = tuple(Row(key, labels.get(key, key), counts.get(key, 0)) for key in order)
    return Table(slug, title, heading, rows, sum(counts.get(key, 0) for key in order), True, False, unit)


def two_way_table(
    *,
    slug: str,
    title: str,
    row_heading: str,
    unit: str,
    counts: Mapping[tuple[str, str], int],
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    exact: bool,
    total_shared: bool = False,
) -> CrossTable:
    """`rows` and `columns` are (key, label) pairs in the order shown. With `total_shared` the grand
    total counts the same reports as another published table's, so it stays published and never serves
    as a complementary suppression; a table that cannot then be protected is withheld whole."""
    row_keys = [key for key, _label in rows]
    column_keys = [key for key, _label in columns]
    full = {(r, c): counts.get((r, c), 0) for r in row_keys for c in column_keys}
    if exact:
        protected = TwoWay(
            cells=dict(full),
            row_totals={r: sum(full[(r, c)] for c in column_keys) for r in row_keys},
            column_totals={c: sum(full[(r, c)] for r in row_keys) for c in column_keys},
            total=sum(full.values()),
        )
    else:
        try:
            protected = two_way_protect(
                full, rows=row_keys, columns=column_keys, threshold=THRESHOLD, total_published=total_shared
            )
        except Unprotectable:
            protected = TwoWay(
                cells=dict.fromkeys(full),
                row_totals=dict.fromkeys(row_keys),
                column_totals=dict.fromkeys(column_keys),
                total=sum(full.values()),
            )
    return CrossTable(
        slug=slug,
        title=title,
        row_heading=row_heading,
        columns=tuple(Row(key, label, protected.column_totals[key]) for key, label in columns),
        rows=tuple(
            CrossRow(key, label, tuple(protected.cells[(key, c)] for c in column_keys), protected.row_totals[key])
            for key, label in rows
        ),
        total=protected.total,
        controlled=not exact,
        unit=unit,
    )


def margin(table: CrossTable, *, by_row: bool, slug: str, title: str, heading: str) -> Table:
    """The row or column totals of a protected two-way table, as a one-way table of their own."""
    rows = tuple(Row(row.key, row.label, row.total) for row in table.rows) if by_row else table.columns
    return Table(slug, title, heading, rows, table.total, True, table.controlled, table.unit)


def previous_month(month: str, *, back: int = 1) -> str:
    year, number = int(month[:4]), int(month[5:7])
    index = year * 12 + number - 1 - back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both included, so a quiet month shows as 0."""
    months = [last]
    while months[-1] > first:
        months.append(previous_month(months[-1]))
    return months[::-1]


def trend(months: Table) -> Trend | None:
    """Month on month and year on year for the latest month; a change only between published counts."""
    if not months.rows:
        return None
    by_month = {row.key: row.count for row in months.rows}
    latest = months.rows[-1].key
    before, year_ago = previous_month(latest), previous_month(latest, back=12)
    return Trend(latest, by_month[latest], before, by_month.get(before, 0), year_ago, by_month.get(year_ago, 0))


CAMPAIGN_BUCKETS: tuple[tuple[int, int | None], ...] = ((2, 3), (3, 5), (5, 10), (10, 20), (20, 50), (50, None))


def bucket_key(low: int, high: int | None) -> str:
    if high is None:
        return f"{low}+"
    return str(low) if high == low + 1 else f"{low}-{high - 1}"


def campaign_buckets(sizes: Sequence[int]) -> dict[str, int]:
    """Campaigns counted by how many consenting reports they hold: sizes, never campaign numbers,
    so no published figure leads back to one campaign (and from it to its reports)."""
    counts = {bucket_key(low, high): 0 for low, high in CAMPAIGN_BUCKETS}
    for size in sizes:
        for low, high in CAMPAIGN_BUCKETS:
            if size >= low and (high is None or size < high):
                counts[bucket_key(low, high)] += 1
    return counts


def table_record(table: Table | CrossTable) -> dict[str, object]:
    """A table as plain JSON values: None for a suppressed count, as in the API."""
    if isinstance(table, CrossTable):
        return {
            "slug": table.slug,
            "title": table.title,
            "row_heading": table.row_heading,
            "unit": table.unit,
            "controlled": table.controlled,
            "columns": [{"key": c.key, "label": c.label, "count": c.count} for c in table.columns],
            "rows": [{"key": r.key, "label": r.label, "cells": list(r.cells), "total": r.total} for r in table.rows],
            "total": table.total,
        }
    return {
        "slug": table.slug,
        "title": table.title,
        "heading": table.heading,
        "unit": table.unit,
        "additive": table.additive,
        "controlled": table.controlled,
        "rows": [{"key": r.key, "label": r.label, "count": r.count} for r in table.rows],
        "total": table.total,
    }


def table_csv_rows(table: Table | CrossTable, *, total_label: str, marker: str) -> list[list[str]]:
    """A table as CSV rows: suppressed counts as `marker`, never as a number."""

    def cell(count: int | None) -> str:
        return marker if count is None else str(count)

    if isinstance(table, CrossTable):
        rows = [["key", table.row_heading, *(c.label for c in table.columns), total_label]]
        rows += [[r.key, r.label, *map(cell, r.cells), cell(r.total)] for r in table.rows]
        rows.append(["", total_label, *(cell(c.count) for c in table.columns), cell(table.total)])
        return rows
    rows = [["key", table.heading, table.unit]]
    rows += [[r.key, r.label, cell(r.count)] for r in table.rows]
    if table.additive:
        rows.append(["", total_label, cell(table.total)])
    return rows
