"""The tally: consenting reports counted per (dimension, value, month), kept beside the reports.

A million reports carry their statistical metadata in wide rows (the encrypted payload sits beside
it), so grouping them on every dashboard view would scan the whole table; the tally holds a few
thousand rows that the dashboards read in one query. `services.tally_apply` keeps it in step with
every saved or deleted report (receivers below); `meldpunt insight refresh` recounts it from the
reports after bulk writes that bypass signals (bulk_create, queryset.update).

The public never sees the tally live: `meldpunt insight publish` freezes its counts (with campaign
sizes and the knowledge base's counts) in a `PublishedSnapshot`, and the public dashboard, its
downloads and the API read the latest one. Live figures would let a visitor who looks before and
after one report arrives subtract the two and read that report's month, province, community,
origin state and tactics, which no per-table disclosure control can stop.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from meldpunt.intake.models import Report


class Dimension(models.TextChoices):
    ALL = "all"  # every consenting report, once
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
    """The counts behind the public figures, frozen when the operator published them."""

    number = models.PositiveIntegerField(unique=True)
    published_on = models.DateField()
    # {"tally": [[dimension, key, month, count], ...], "campaign_sizes": [...], "knowledge": {slug: {key: n}}}
    counts = models.JSONField()

    def __str__(self) -> str:
        return f"published figures {self.number} of {self.published_on.isoformat()}"


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
