"""Writes of insight: keeping the tally in step with the reports, and publishing its snapshots.

Only consenting reports are counted (DESIGN "Who uses it": statistics need the reporter's consent).
A report's month is the month it was received: every counted report has exactly one, so month counts
add up to the total, and a month's reports are all in once it has ended, so a publication of a closed
period never needs revising (the incident month the reporter gave is a dimension of its own).

A period is published only once it holds PERIOD_MINIMUM consenting reports: below that even its
protected tables describe the few reporters in it (a province, a community and two tactics shown as
×, every other cell 0, is one person's profile). Quiet quarters wait and go out together with the
quarters after them as one run (2025Q4-2026Q1), which tells the public no more than that one quarter
alone held fewer than PERIOD_MINIMUM, none possibly.

Synthetic demonstration reports are never mixed with real ones: they are counted only in a period
that holds no real consenting report, so demo data left in a live database cannot be regenerated from
its seed and subtracted from a published count to leave the real reports in a cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone

from meldpunt.insight.cells import COUNTED_FIELDS, Cell, report_cells, rows_counted
from meldpunt.insight.control import Protect
from meldpunt.insight.disclosure import THRESHOLD
from meldpunt.insight.models import PublishedMonth, PublishedSnapshot, Tally
from meldpunt.insight.periodic.period import Period, quarter_of, quarters_run
from meldpunt.insight.selectors import consenting_received, dashboard, recounted
from meldpunt.intake.models import Report

PERIOD_MINIMUM = 2 * THRESHOLD  # consenting reports a published period must hold


def _report_cells(report: Report) -> Counter[Cell]:
    return report_cells(
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
    counts, counted = rows_counted(Report.objects.all())
    with transaction.atomic():
        Tally.objects.all().delete()
        Tally.objects.bulk_create(
            (Tally(dimension=d, key=k, month=m, count=n) for (d, k, m), n in counts.items() if n),
            batch_size=1000,
        )
    return counted


class PublicationRefused(ValueError):
    """A period that may not be published (yet, or again): the message says why."""


def _counted(real: int, demo: int, *, synthetic: bool) -> tuple[int, bool]:
    """How many of `real` and `demo` consenting reports a publication counts, and whether synthetic
    ones are among them (only where there is no real one, and `synthetic` allows them)."""
    with_synthetic = synthetic and real == 0
    return real + (demo if with_synthetic else 0), with_synthetic


def snapshot_publish(*, period: Period, today: date | None = None, synthetic: bool = True) -> PublishedSnapshot:
    """Freeze the figures of a closed period as its public figures, for good.

    The period holds the consenting reports received in its months, counted from the reports
    themselves, not from the tally that bulk writes can leave behind; synthetic ones only where it holds
    no real one (and never without `synthetic`). Its counts and the disclosure control decided on them
    are stored together; the public dashboard, downloads, API and periodic report show them as stored.
    Refused for a period not yet ended (its figures would still move one report at a time), for one
    holding fewer than PERIOD_MINIMUM reports (see the module's docstring), and for one sharing a month
    with an earlier publication (two tables over overlapping reports could be subtracted to single one
    out); the database refuses the last too.
    """
    today = today or timezone.localdate()
    if period.end >= today:
        raise PublicationRefused(
            f"{period.label} has not ended yet (it ends on {period.end.isoformat()}): "
            "only closed periods are published."
        )
    with transaction.atomic():
        taken = PublishedMonth.objects.filter(month__in=period.months).select_related("publication").first()
        if taken is not None:
            earlier = taken.publication
            if earlier.period == period.label:
                raise PublicationRefused(
                    f"{period.label} was published on {earlier.published_on.isoformat()}; "
                    "published figures are never revised."
                )
            raise PublicationRefused(
                f"{period.label} overlaps {earlier.period}, published on {earlier.published_on.isoformat()}: "
                "publications never share a month."
            )
        months = (period.first, period.last)
        total, with_synthetic = _counted(*consenting_received(months), synthetic=synthetic)
        if total < PERIOD_MINIMUM:
            raise PublicationRefused(
                f"{period.label} holds fewer than {PERIOD_MINIMUM} consenting reports: too few to publish on "
                "their own, as even protected tables would describe the few reporters in it. Publish it "
                f"together with the quarters after it (--period {quarter_of(period.first).label}-YYYYQn); "
                "`meldpunt insight publish` without --period does so by itself."
            )
        counts = recounted(months=months, synthetic=with_synthetic)
        control = Protect()
        dashboard(months=months, counts=counts, control=control)
        last = PublishedSnapshot.objects.aggregate(last=Max("number"))["last"] or 0
        snapshot = PublishedSnapshot.objects.create(
            number=last + 1,
            period=period.label,
            first_month=period.first,
            last_month=period.last,
            published_on=today,
            counts={**counts.rows(), "control": control.stored()},
        )
        PublishedMonth.objects.bulk_create(PublishedMonth(month=m, publication=snapshot) for m in period.months)
        return snapshot


@dataclass(frozen=True)
class Due:
    """What `meldpunt insight publish` publishes when no period is named, and what it holds back."""

    periods: list[Period]  # ended, unpublished, each holding at least PERIOD_MINIMUM reports
    held: list[Period]  # ended, unpublished runs of quarters still holding fewer


def periods_due(*, today: date | None = None, synthetic: bool = True) -> Due:
    """Every ended quarter from the first month with a consenting report on that shares no month with a
    publication, in runs: a quarter holding PERIOD_MINIMUM reports is a period of its own; quieter ones
    join the quarters after them until the run holds enough. A run cut short by a published quarter,
    or by today, is held back."""
    today = today or timezone.localdate()
    first = Report.objects.filter(consent_statistics=True).aggregate(first=Min("created_on"))["first"]
    if first is None:
        return Due([], [])
    taken = set(PublishedMonth.objects.values_list("month", flat=True))
    due: list[Period] = []
    held: list[Period] = []
    run: list[Period] = []
    real = demo = 0
    quarter = quarter_of(first.isoformat()[:7])
    while quarter.end < today:
        if taken.intersection(quarter.months):
            if run:
                held.append(quarters_run(run[0], run[-1]))
            run, real, demo = [], 0, 0
        else:
            run.append(quarter)
            quarter_real, quarter_demo = consenting_received((quarter.first, quarter.last))
            real, demo = real + quarter_real, demo + quarter_demo
            if _counted(real, demo, synthetic=synthetic)[0] >= PERIOD_MINIMUM:
                due.append(quarters_run(run[0], run[-1]))
                run, real, demo = [], 0, 0
        quarter = quarter.following()
    if run:
        held.append(quarters_run(run[0], run[-1]))
    return Due(due, held)
