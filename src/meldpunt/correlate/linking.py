"""Linking reports into campaigns, incrementally, without ever storing pairs.

Two reports are linked when they share a digest in the blind index (intake.ReportIdentifier). The
connected components of that relation are the campaigns (clusters). Invariants kept here:
- every member row points at a live cluster (never at a merged one);
- a merged cluster points straight at the survivor (one hop), and the survivor is the older one;
- a cluster exists only while at least two reports share identifiers.
Writers are serialised (advisory lock on PostgreSQL, IMMEDIATE transactions on SQLite) so two
submissions cannot build two clusters for one campaign.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from meldpunt.correlate.models import Alert, AlertReason, Cluster, ClusterMember, KnownIdentifier
from meldpunt.intake.models import Report, ReportIdentifier

_LOCK_KEY = 0x6D656C64636F7272  # "meldcorr"


def _serialise() -> None:
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def _refresh(cluster: Cluster) -> None:
    stats = Report.objects.filter(cluster_membership__cluster=cluster).aggregate(
        first=Min("created_on"), last=Max("created_on")
    )
    cluster.size = ClusterMember.objects.filter(cluster=cluster).count()
    cluster.first_seen, cluster.last_seen = stats["first"], stats["last"]
    cluster.save(update_fields=["size", "first_seen", "last_seen"])


def _merge(target: Cluster, others: Iterable[int]) -> None:
    """Fold `others` into `target`: their members move, their numbers point to the survivor."""
    others = [pk for pk in others if pk != target.pk]
    if not others:
        return
    ClusterMember.objects.filter(cluster_id__in=others).update(cluster=target)
    Cluster.objects.filter(merged_into_id__in=others).update(merged_into=target)
    Cluster.objects.filter(pk__in=others).update(merged_into=target, size=0)


def _alert(report_ids: Iterable[int], reason: AlertReason, *, cluster: Cluster | None = None, label: str = "") -> None:
    today = timezone.localdate()
    for report_id in report_ids:
        Alert.objects.get_or_create(
            report_id=report_id, reason=reason, cluster=cluster, actor_label=label, defaults={"created_on": today}
        )


def report_link(*, report_id: int) -> Cluster | None:
    """Link one report (new, or with new identifiers) to earlier reports and known actors."""
    with transaction.atomic():
        _serialise()
        digests = ReportIdentifier.objects.filter(report_id=report_id).values("digest")
        for known in KnownIdentifier.objects.filter(digest__in=digests):
            _alert([report_id], AlertReason.KNOWN_ACTOR, label=known.actor_label)
        sharing = ReportIdentifier.objects.filter(digest__in=digests).exclude(report_id=report_id)
        if not sharing.exists():
            return None
        clusters = set(
            ClusterMember.objects.filter(report__identifier_digests__digest__in=digests).values_list(
                "cluster_id", flat=True
            )
        )
        target = Cluster.objects.get(pk=min(clusters)) if clusters else Cluster.objects.create()
        _merge(target, clusters)
        joining = {
            report_id,
            *sharing.filter(report__cluster_membership__isnull=True).values_list("report_id", flat=True),
        }
        ClusterMember.objects.filter(report_id__in=joining).delete()
        ClusterMember.objects.bulk_create(ClusterMember(report_id=r, cluster=target) for r in sorted(joining))
        size_before = target.size
        _refresh(target)
        threshold = settings.MELDPUNT.campaign_alert_size
        if target.size >= threshold:
            crossed = size_before < threshold
            everyone = ClusterMember.objects.filter(cluster=target).values_list("report_id", flat=True)
            _alert(everyone if crossed else joining, AlertReason.LARGE_CAMPAIGN, cluster=target)
        return target


def known_identifier_add(*, kind: str, digest: str, actor_ref: str, actor_label: str) -> int:
    """Register a documented actor's identifier; alerts every report already holding it. Returns how many."""
    with transaction.atomic():
        _serialise()
        KnownIdentifier.objects.get_or_create(
            digest=digest, actor_ref=actor_ref, defaults={"kind": kind, "actor_label": actor_label}
        )
        reports = list(ReportIdentifier.objects.filter(digest=digest).values_list("report_id", flat=True).distinct())
        _alert(reports, AlertReason.KNOWN_ACTOR, label=actor_label)
    return len(reports)


def links_rebuild() -> int:
    """Recompute every campaign from the index (after a key rotation or an import).

    Union-find over all index rows in memory; each resulting campaign keeps the oldest number any of
    its members had, so numbers stay stable across a rebuild. Returns the number of campaigns.
    """
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(node, node) != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    previous_digest, previous_report = None, 0
    rows = ReportIdentifier.objects.order_by("digest").values_list("digest", "report_id")
    for digest, report_id in rows.iterator(chunk_size=20_000):
        parent.setdefault(report_id, report_id)
        if digest == previous_digest:
            a, b = find(previous_report), find(report_id)
            if a != b:
                parent[max(a, b)] = min(a, b)
        previous_digest, previous_report = digest, report_id
    components: dict[int, list[int]] = {}
    for report_id in parent:
        components.setdefault(find(report_id), []).append(report_id)
    old = dict(ClusterMember.objects.values_list("report_id", "cluster_id"))
    with transaction.atomic():
        _serialise()
        ClusterMember.objects.all().delete()
        used: set[int] = set()
        survivors = 0
        for members in components.values():
            if len(members) < 2:
                continue
            candidates = sorted({old[r] for r in members if r in old} - used)
            cluster = Cluster.objects.get(pk=candidates[0]) if candidates else Cluster.objects.create()
            used.add(cluster.pk)
            Cluster.objects.filter(pk__in=candidates[1:]).update(merged_into=cluster, size=0)
            Cluster.objects.filter(pk=cluster.pk).update(merged_into=None)
            ClusterMember.objects.bulk_create(
                (ClusterMember(report_id=r, cluster=cluster) for r in members), batch_size=5_000
            )
            _refresh(cluster)
            survivors += 1
        Cluster.objects.exclude(pk__in=used).filter(merged_into__isnull=True).update(size=0)
    return survivors
