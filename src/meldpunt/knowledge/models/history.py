"""Every change to a knowledge record, as a numbered snapshot: who changed what, and what it was before.

Knowledge is curated from public sources, so staff times are kept to the second here (unlike the
reporter side, where DESIGN rule 3 keeps only the day).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RecordAction(models.TextChoices):
    CREATED = "created"
    EDITED = "edited"
    CITED = "cited"
    RETIRED = "retired"
    RESTORED = "restored"
    MERGED = "merged"
    ABSORBED = "absorbed"


class RecordVersion(models.Model):
    record_type = models.CharField(max_length=20)
    record_id = models.PositiveBigIntegerField()
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=20, choices=RecordAction.choices)
    snapshot = models.JSONField()
    note = models.CharField(max_length=500, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["record_type", "record_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "record_id", "number"], name="record_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.record_type}:{self.record_id} v{self.number} {self.action}"
