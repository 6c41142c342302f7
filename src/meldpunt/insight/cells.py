"""What one report counts for: its tally cells (dimension, key, month), and the same for many rows.

Shared by the tally kept beside the reports (services), its recount, and the direct count a
publication makes of its period (selectors.recounted), so all three count alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet

from meldpunt.insight.models import Dimension

Cell = tuple[str, str, str]  # (dimension, key, month)

# The report fields a report's cells are made of, in the order `rows_counted` reads them; a save
# that touches none of them (or consent) changes nothing.
COUNTED = ("incident_month", "created_on", "tactics", "origin_state", "community", "province", "synthetic")
COUNTED_FIELDS = frozenset({"consent_statistics", *COUNTED})


def report_month(created_on: date) -> str:
    """The month a report counts in: the month it was received."""
    return created_on.strftime("%Y-%m")


def report_cells(
    *,
    consent: bool,
    incident_month: str,
    created_on: date,
    tactics: Iterable[str],
    origin_state: str,
    community: str,
    province: str,
    synthetic: bool,
) -> Counter[Cell]:
    if not consent:
        return Counter()
    month = report_month(created_on)
    cells: Counter[Cell] = Counter(
        [
            (Dimension.ALL.value, "", month),
            (Dimension.INCIDENT_MONTH.value, incident_month, month),
            (Dimension.COMMUNITY_ORIGIN.value, f"{community}/{origin_state}", month),
            (Dimension.PROVINCE.value, province, month),
        ]
    )
    cells.update((Dimension.TACTIC.value, tactic, month) for tactic in set(tactics))
    if synthetic:
        cells[(Dimension.SYNTHETIC.value, "", month)] += 1
    return cells


def rows_counted(reports: QuerySet[Any]) -> tuple[Counter[Cell], int]:
    """The cells of every consenting report in `reports`, read in chunks; and how many were counted."""
    counts: Counter[Cell] = Counter()
    counted = 0
    rows = reports.filter(consent_statistics=True).values_list(*COUNTED).order_by()
    for incident_month, created_on, tactics, origin_state, community, province, synthetic in rows.iterator(
        chunk_size=10_000
    ):
        counted += 1
        counts.update(
            report_cells(
                consent=True,
                incident_month=incident_month,
                created_on=created_on,
                tactics=tactics or (),
                origin_state=origin_state,
                community=community,
                province=province,
                synthetic=synthetic,
            )
        )
    return counts, counted
