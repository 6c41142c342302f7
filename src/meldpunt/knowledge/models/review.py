"""Candidate facts that ingestion proposes and an analyst accepts, edits then accepts, or rejects.

A candidate keeps the offsets of its passage in its source; accepting turns them into a Passage,
so the accepted record cites the exact text the extractor read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from meldpunt.knowledge.models.sources import Source


class CandidateKind(models.TextChoices):
    EVENT = "event"
    STATEMENT = "statement"
    ENTITY = "entity"
    QUANTITY = "quantity"


class CandidateStatus(models.TextChoices):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class CandidateFact(models.Model):
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="candidates")
    kind = models.CharField(max_length=20, choices=CandidateKind.choices)
    payload = models.JSONField(help_text="the extractor's item, as produced")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True)
    decision_note = models.CharField(max_length=500, blank=True, help_text="why it was rejected")
    record_type = models.CharField(max_length=20, blank=True)
    record_id = models.PositiveBigIntegerField(null=True)

    class Meta:
        ordering = ["source_id", "start", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="candidate_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} in source {self.source_id} [{self.start}:{self.end}] {self.status}"
