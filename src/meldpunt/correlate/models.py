"""Correlation state: campaigns (clusters of reports that share identifiers), known identifiers of
documented actors, duplicate marks and alerts.

Links themselves are not stored: two reports are linked when they share a digest in
intake.ReportIdentifier, so a value seen in k reports costs k index rows, never k² pair rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce

from meldpunt.intake.models import Report


class Cluster(models.Model):
    """A campaign. Its number is stable: when two merge, the older survives and the other points to it.

    Size, first and last seen are the whole campaign's, kept on the survivor; a merged cluster has size 0.
    """

    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    size = models.PositiveIntegerField(default=0)
    first_seen = models.DateField(null=True)
    last_seen = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["merged_into", "size"])]

    def __str__(self) -> str:
        return f"campaign {self.pk}"


# The live campaign of a member row: its cluster, or the one that cluster was merged into (one hop).
# For ClusterMember.objects.annotate(campaign=MEMBER_CAMPAIGN).
MEMBER_CAMPAIGN = Coalesce("cluster__merged_into_id", "cluster_id")


class ClusterMemberQuerySet(models.QuerySet["ClusterMember"]):
    def of_campaign(self, number: int) -> ClusterMemberQuerySet:
        """Members of live campaign `number`: its own rows and those of every cluster merged into it."""
        return self.of_campaigns([number])

    def of_campaigns(self, numbers: list[int]) -> ClusterMemberQuerySet:
        folded = Cluster.objects.filter(models.Q(pk__in=numbers) | models.Q(merged_into_id__in=numbers)).values("pk")
        return self.filter(cluster_id__in=folded)


class ClusterMember(models.Model):
    """A report's place in a campaign. The row stays where it was written when its cluster is merged:
    a merge costs one update per merged cluster, never one per member, and the campaign is found
    through `Cluster.merged_into` (one hop, kept pointing straight at the survivor)."""

    # No database-level foreign keys: this table is derived (a rebuild rewrites it from the index),
    # clusters are never deleted, and Django still cascades a report's deletion to its row. On
    # PostgreSQL each checked row takes a key-share lock on its report: 200,000 of them, spread over
    # the whole report table, cost 6 s of a 13 s rebuild at a million reports (bench/correlate.py).
    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="cluster_membership", db_constraint=False
    )
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members", db_constraint=False)

    objects = ClusterMemberQuerySet.as_manager()

    def __str__(self) -> str:
        return f"report {self.report_id} in campaign {self.cluster_id}"


class KnownIdentifier(models.Model):
    """An identifier of a documented actor (a station's phone number, an official's account).

    `actor_ref` names the actor in the knowledge base ("knowledge.actor:<id>") as text, so this table
    works before, and independently of, the knowledge base; its label is public information.
    """

    kind = models.CharField(max_length=30)
    digest = models.CharField(max_length=64, db_index=True)
    actor_ref = models.CharField(max_length=100)
    actor_label = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["digest", "actor_ref"], name="known_identifier_once")]

    def __str__(self) -> str:
        return f"{self.kind} of {self.actor_ref}"


class DuplicateMark(models.Model):
    """Two reports a handler judged to be about one incident: one source, not two (corroboration).

    Kept apart from links, which join distinct incidents into a campaign.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="duplicate_marks")
    duplicate_of = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "duplicate_of"], name="duplicate_once")]

    def __str__(self) -> str:
        return f"report {self.report_id} duplicates {self.duplicate_of_id}"


class AlertReason(models.TextChoices):
    KNOWN_ACTOR = "known_actor"
    LARGE_CAMPAIGN = "large_campaign"


class Alert(models.Model):
    """A note to the report's handlers: it matches a known actor, or joined a large campaign."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="alerts")
    reason = models.CharField(max_length=20, choices=AlertReason.choices)
    cluster = models.ForeignKey(Cluster, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=200, blank=True)
    created_on = models.DateField()
    seen = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "reason", "cluster", "actor_label"], name="alert_once")
        ]

    def __str__(self) -> str:
        return f"{self.reason} alert on report {self.report_id}"


class AddedIdentifier(models.Model):
    """An identifier a handler confirmed from the report's text; its value encrypted with the report
    key (like the answers), its digest in intake.ReportIdentifier beside the reporter's own."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="added_identifiers")
    body = models.BinaryField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"added identifier on report {self.report_id}"
