"""Case handling state beside the report: internal notes and what each handler has read."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from meldpunt.intake.models import Report


class Note(models.Model):
    """An internal note, encrypted with the report key: visible to grant holders, never the reporter."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    body = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"note {self.pk} on report {self.report_id}"


class ReadMarker(models.Model):
    """The newest message a handler has seen in a report: what makes a report "unread"."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="read_markers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_markers")
    last_message_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="one_read_marker")]

    def __str__(self) -> str:
        return f"read marker of user {self.user_id} on report {self.report_id}"


class DigestWatermark(models.Model):
    """How far the last notification digest to a staff member reached, by grant and message id.

    Ids, not times: a digest says how many new reports and replies there are, never when they came.
    Grants, not reports: a report assigned later is new to its handler even if it is old.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_watermark")
    grant_id = models.BigIntegerField(default=0)
    alert_id = models.BigIntegerField(default=0)
    message_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"digest watermark of user {self.user_id}"
