"""Counts → the tables the dashboards, API and downloads publish, with disclosure control (pure).

Every figure leaves through a `control.Control`: disclosure control (now, or as a publication decided
it), or exact counts, which only the supervisors' view asks for (DESIGN rule 7). Tables that share a
margin are published as one protected two-way table: the communities and the origin states are the
margins of community × origin state, so a cell suppressed in one can never be recovered by
subtraction from the other. Tables over the same reports that share only their grand total (months,
provinces, incident months, community × origin state) keep it published in each. Tactics are not
additive (a report counts once per tactic it names), so each tactic count is protected on its own
and no total is derived from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from meldpunt.insight.control import Control

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


def one_way_table(
    *,
    slug: str,
    title: str,
    heading: str,
    unit: str,
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    order: Sequence[str],
    control: Control,
    total_shared: bool = False,
) -> Table:
    """An additive table: every counted unit in exactly one row, so the total is published too
    (`total_shared`: as another table over the same units publishes it, see two_way_table)."""
    protected = control.one_way(slug, {key: counts.get(key, 0) for key in order}, total_published=total_shared)
    rows = tuple(Row(key, labels.get(key, key), protected.cells[key]) for key in order)
    return Table(slug, title, heading, rows, protected.total, additive=True, controlled=not control.exact, unit=unit)


def overlapping_table(
    *,
    slug: str,
    title: str,
    heading: str,
    unit: str,
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    order: Sequence[str],
    control: Control,
) -> Table:
    """A table whose rows overlap (a unit in several rows): each cell protected alone, no total."""

    def alone(key: str) -> int | None:
        return control.one_way(f"{slug}:{key}", {key: counts.get(key, 0)}).cells[key]

    rows = tuple(Row(key, labels.get(key, key), alone(key)) for key in order)
    return Table(slug, title, heading, rows, None, additive=False, controlled=not control.exact, unit=unit)


def part_count(name: str, part: int, whole: int, *, control: Control) -> int | None:
    """A part of a published whole (such as the synthetic reports among all), protected with its rest:
    a small rest would otherwise be the whole minus the part."""
    return control.one_way(name, {"part": part, "rest": whole - part}, total_published=True).cells["part"]


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
    control: Control,
    total_shared: bool = False,
) -> CrossTable:
    """`rows` and `columns` are (key, label) pairs in the order shown. With `total_shared` the grand
    total counts the same reports as another published table's, so it stays published and never serves
    as a complementary suppression; a table that cannot then be protected is withheld whole."""
    row_keys = [key for key, _label in rows]
    column_keys = [key for key, _label in columns]
    protected = control.two_way(slug, counts, rows=row_keys, columns=column_keys, total_published=total_shared)
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
        controlled=not control.exact,
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


def trend(months: Table, *, missing: int | None = 0) -> Trend | None:
    """Month on month and year on year for the latest month; a change only between published counts.

    A month the table lacks counts as `missing`: 0 for live months (before the first report there
    were none), None for publications (a month no publication covers was never published)."""
    if not months.rows:
        return None
    by_month = {row.key: row.count for row in months.rows}
    latest = months.rows[-1].key
    before, year_ago = previous_month(latest), previous_month(latest, back=12)
    return Trend(
        latest, by_month[latest], before, by_month.get(before, missing), year_ago, by_month.get(year_ago, missing)
    )


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
