"""Disclosure control for count tables (DESIGN rule 7): no published figure lets anyone single out a
small group of reporters. First version: primary suppression and a simple complementary rule; the
LP audit that proves no suppressed cell can be recovered follows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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


def _sensitive(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def _check(values: Sequence[int]) -> None:
    if any(value < 0 for value in values):
        raise ValueError("counts are never negative")


def _complement(line: list[tuple[int, object]], suppressed: set[object]) -> object | None:
    """The entry to suppress beside a line's single suppressed one: the smallest published, non-zero first."""
    candidates = [(value == 0, value, position, key) for position, (value, key) in enumerate(line)]
    published = [c for c in candidates if c[3] not in suppressed]
    return min(published, key=lambda c: c[:3])[3] if published else None


def one_way_protect(counts: Mapping[str, int], *, threshold: int = THRESHOLD) -> OneWay:
    _check(list(counts.values()))
    total = sum(counts.values())
    suppressed: set[object] = {key for key, value in counts.items() if _sensitive(value, threshold)}
    if _sensitive(total, threshold):
        suppressed.add(None)
    if len(suppressed) == 1 and None not in suppressed:
        extra = _complement([(value, key) for key, value in counts.items()], suppressed)
        if extra is not None:
            suppressed.add(extra)
    return OneWay(
        cells={key: None if key in suppressed else value for key, value in counts.items()},
        total=None if None in suppressed else total,
    )


def two_way_protect(
    counts: Mapping[tuple[str, str], int], *, rows: Sequence[str], columns: Sequence[str], threshold: int = THRESHOLD
) -> TwoWay:
    _check(list(counts.values()))
    unknown = set(counts) - {(r, c) for r in rows for c in columns}
    if unknown:
        raise ValueError(f"cells outside the table's rows and columns: {sorted(unknown)[:3]}")
    cell = {(r, c): counts.get((r, c), 0) for r in rows for c in columns}
    row_total = {r: sum(cell[r, c] for c in columns) for r in rows}
    column_total = {c: sum(cell[r, c] for r in rows) for c in columns}
    grand = sum(row_total.values())
    # Entries: ("cell", r, c), ("row", r), ("column", c), ("total",); each line is a list of (value, entry).
    value: dict[object, int] = {("cell", r, c): v for (r, c), v in cell.items()}
    value |= {("row", r): v for r, v in row_total.items()}
    value |= {("column", c): v for c, v in column_total.items()}
    value[("total",)] = grand
    lines = [[("cell", r, c) for c in columns] + [("row", r)] for r in rows]
    lines += [[("cell", r, c) for r in rows] + [("column", c)] for c in columns]
    lines += [[("row", r) for r in rows] + [("total",)], [("column", c) for c in columns] + [("total",)]]
    suppressed = {entry for entry, v in value.items() if _sensitive(v, threshold)}
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(entry in suppressed for entry in line) == 1:
                extra = _complement([(value[entry], entry) for entry in line], suppressed)
                if extra is not None:
                    suppressed.add(extra)
                    changed = True

    def shown(entry: object) -> int | None:
        return None if entry in suppressed else value[entry]

    return TwoWay(
        cells={(r, c): shown(("cell", r, c)) for r in rows for c in columns},
        row_totals={r: shown(("row", r)) for r in rows},
        column_totals={c: shown(("column", c)) for c in columns},
        total=shown(("total",)),
    )
