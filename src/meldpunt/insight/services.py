"""Writes of insight: keeping the tally in step with the reports, and publishing its snapshots.

Only consenting reports are counted (DESIGN "Who uses it": statistics need the reporter's consent).
A report's month is its incident month, or the month it was received when the reporter left the
incident month blank: every counted report has exactly one month, so month counts add up to the total.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from meldpunt.insight.models import Dimension, PublishedSnapshot, Tally
from meldpunt.insight.selectors import live_counts
from meldpunt.intake.models import Report

Cell = tuple[str, str, str]  # (dimension, key, month)

# The report fields the tally reads: a save that touches none of them changes nothing.
COUNTED_FIELDS = frozenset(
    {
        "consent_statistics",
        "incident_month",
        "created_on",
        "tactics",
        "origin_state",
        "community",
        "province",
        "synthetic",
    }
)


def report_month(*, incident_month: str, created_on: date) -> str:
    return incident_month or created_on.strftime("%Y-%m")


def _cells(
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
    month = report_month(incident_month=incident_month, created_on=created_on)
    cells: Counter[Cell] = Counter(
        [
            (Dimension.ALL.value, "", month),
            (Dimension.COMMUNITY_ORIGIN.value, f"{community}/{origin_state}", month),
            (Dimension.PROVINCE.value, province, month),
        ]
    )
    cells.update((Dimension.TACTIC.value, tactic, month) for tactic in set(tactics))
    if synthetic:
        cells[(Dimension.SYNTHETIC.value, "", month)] += 1
    return cells


def _report_cells(report: Report) -> Counter[Cell]:
    return _cells(
        consent=report.consent_statistics,
        incident_month=report.incident_month,
        created_on=report.created_on,
        tactics=report.tactics or (),
        origin_state=report.origin_state,
        community=report.community,
        province=report.province,
        synthetic=report.synthetic,
    )


def _apply(delta: Counter[Cell] | dict[Cell, int]) -> None:
    for (dimension, key, month), change in delta.items():
        if not change:
            continue
        cell = Tally.objects.filter(dimension=dimension, key=key, month=month)
        if not cell.update(count=F("count") + change):
            Tally.objects.create(dimension=dimension, key=key, month=month, count=change)


def _touches_counts(update_fields: Iterable[str] | None) -> bool:
    return update_fields is None or bool(COUNTED_FIELDS & set(update_fields))


def tally_before(*, report: Report, update_fields: Iterable[str] | None) -> None:
    """Remember what a report counted for before it is saved (nothing for a new one)."""
    before: Counter[Cell] = Counter()
    if report.pk is not None and _touches_counts(update_fields):
        stored = Report.objects.filter(pk=report.pk).first()
        if stored is not None:
            before = _report_cells(stored)
    report._insight_before = before  # type: ignore[attr-defined]  # carried from pre_save to post_save


def tally_after_save(*, report: Report, update_fields: Iterable[str] | None) -> None:
    if not _touches_counts(update_fields):
        return
    before: Counter[Cell] = getattr(report, "_insight_before", None) or Counter()
    after = _report_cells(report)
    delta = {cell: after[cell] - before[cell] for cell in set(before) | set(after)}
    with transaction.atomic():
        _apply(delta)


def tally_after_delete(*, report: Report) -> None:
    with transaction.atomic():
        _apply({cell: -n for cell, n in _report_cells(report).items()})


def tally_refresh() -> int:
    """Recount the whole tally from the reports (after bulk writes that bypass the receivers).

    Returns how many consenting reports were counted.
    """
    fields = ["incident_month", "created_on", "tactics", "origin_state", "community", "province", "synthetic"]
    counts: Counter[Cell] = Counter()
    counted = 0
    rows = Report.objects.filter(consent_statistics=True).values_list(*fields).order_by()
    for row in rows.iterator(chunk_size=10_000):
        counted += 1
        counts.update(
            _cells(
                consent=True,
                incident_month=row[0],
                created_on=row[1],
                tactics=row[2] or (),
                origin_state=row[3],
                community=row[4],
                province=row[5],
                synthetic=row[6],
            )
        )
    with transaction.atomic():
        Tally.objects.all().delete()
        Tally.objects.bulk_create(
            (Tally(dimension=d, key=k, month=m, count=n) for (d, k, m), n in counts.items() if n),
            batch_size=1000,
        )
    return counted


def snapshot_publish(*, today: date | None = None) -> PublishedSnapshot:
    """Freeze the counts as they stand now as the public figures, until the next publication.

    The public dashboard, its downloads and the API show the latest snapshot only, so what changes
    between two visits is what changed between two publications, not one new report. Campaign sizes
    are recounted here rather than taken from the cache.
    """
    with transaction.atomic():
        counts = live_counts(cached=False)
        last = PublishedSnapshot.objects.aggregate(last=Max("number"))["last"] or 0
        return PublishedSnapshot.objects.create(
            number=last + 1,
            published_on=today or timezone.localdate(),
            counts=counts.rows(),
        )
