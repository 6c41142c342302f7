"""The tally: consenting reports counted per (dimension, value, month), kept beside the reports.

A million reports carry their statistical metadata in wide rows (the encrypted payload sits beside
it), so grouping them on every dashboard view would scan the whole table; the tally holds a few
thousand rows that the dashboards read in one query. `services.tally_apply` keeps it in step with
every saved or deleted report (receivers below); `meldpunt insight refresh` recounts it from the
reports after bulk writes that bypass signals (bulk_create, queryset.update).

The public never sees the tally live: `meldpunt insight publish` freezes the counts of a closed
period (with campaign sizes and the knowledge base's counts) in a `PublishedSnapshot`, and the public
dashboard, its downloads, the API and the periodic report read them. Live figures would let a
visitor who looks before and after one report arrives subtract the two and read that report's
month, province, community, origin state and tactics, which no per-table disclosure control can
stop; so would two publications over overlapping sets of reports, hence closed, disjoint periods.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from meldpunt.intake.models import Report


class Dimension(models.TextChoices):
    ALL = "all"  # every consenting report, once
    INCIDENT_MONTH = "incident_month"  # key: the month of the incident the reporter gave, "" if none
    TACTIC = "tactic"  # once per tactic a report names: not additive
    COMMUNITY_ORIGIN = "community_origin"  # key "<community>/<origin state>": one joint table, see aggregates
    PROVINCE = "province"
    SYNTHETIC = "synthetic"  # demo reports, so pages can say they are counted


class Tally(models.Model):
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    key = models.CharField(max_length=60, blank=True)  # "" = not stated
    month = models.CharField(max_length=7)  # YYYY-MM
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dimension", "key", "month"], name="tally_cell_once")]

    def __str__(self) -> str:
        return f"{self.dimension}={self.key!r} in {self.month}: {self.count}"


class PublishedSnapshot(models.Model):
    """The public figures of one closed period, frozen when the operator published them.

    A period is a month, a quarter or a year, and holds the consenting reports received in it. Its
    counts and the disclosure control decided on them are stored together and shown as stored, never
    recounted or protected again. No two publications share a month (`PublishedMonth`, refused by
    the database): figures over overlapping sets of reports could be subtracted from each other.
    """

    number = models.PositiveIntegerField(unique=True)  # the order of publication
    period = models.CharField(max_length=16, unique=True)  # as written: 2026Q3, 2026-07, 2026, 2025Q4-2026Q1
    first_month = models.CharField(max_length=7)  # YYYY-MM
    last_month = models.CharField(max_length=7)  # YYYY-MM, included
    published_on = models.DateField()
    # {"tally": [[dimension, key, month, count], ...], "campaign_sizes": [...], "knowledge": {slug: {key: n}},
    #  "control": {table name: the disclosure control decided, see control.decision_record}}
    counts = models.JSONField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(first_month__lte=models.F("last_month")), name="period_in_order")
        ]

    def __str__(self) -> str:
        return f"published figures of {self.period} ({self.published_on.isoformat()})"


class PublishedMonth(models.Model):
    """A month covered by a publication: once only, so publications never overlap."""

    month = models.CharField(max_length=7, primary_key=True)  # YYYY-MM
    publication = models.ForeignKey(PublishedSnapshot, on_delete=models.PROTECT, related_name="months")

    def __str__(self) -> str:
        return f"{self.month} in {self.publication.period}"


@receiver(pre_save, sender=Report)
def _remember_before(sender: type[Report], instance: Report, update_fields: Any = None, **kwargs: Any) -> None:
    from meldpunt.insight.services import tally_before

    tally_before(report=instance, update_fields=update_fields)


@receiver(post_save, sender=Report)
def _count_after(sender: type[Report], instance: Report, update_fields: Any = None, **kwargs: Any) -> None:
    from meldpunt.insight.services import tally_after_save

    tally_after_save(report=instance, update_fields=update_fields)


@receiver(post_delete, sender=Report)
def _uncount(sender: type[Report], instance: Report, **kwargs: Any) -> None:
    from meldpunt.insight.services import tally_after_delete

    tally_after_delete(report=instance)
