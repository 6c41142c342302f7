"""Linking reports into campaigns, incrementally, without ever storing pairs.

Two reports are linked when they share a digest in the blind index (intake.ReportIdentifier). The
connected components of that relation are the campaigns (clusters). Invariants kept here:
- every report sharing a digest with another is a member of exactly one cluster, and all holders of
  a digest are in the same campaign (so one holder per digest tells which campaign it belongs to);
- a member row stays on the cluster it joined; when clusters merge, only the clusters change: each
  merged one points straight at the survivor (one hop), and the survivor is the older one;
- size, first and last seen live on the survivor and are updated by sums, never recounted;
- a cluster exists only while at least two reports share identifiers.
So linking one report costs a few index lookups per identifier plus one update per merged cluster,
whatever the size of the campaigns involved.
Writers are serialised (advisory lock on PostgreSQL, IMMEDIATE transactions on SQLite) so two
submissions cannot build two clusters for one campaign.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from typing import Any, cast

from django.conf import settings
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Count, Max, Min, Model, Q
from django.utils import timezone

from meldpunt.correlate.models import MEMBER_CAMPAIGN, Alert, AlertReason, Cluster, ClusterMember, KnownIdentifier
from meldpunt.intake.models import Report, ReportIdentifier

_LOCK_KEY = 0x6D656C64636F7272  # "meldcorr"
Writes = list[tuple[str, list[Any]]]  # statements with their parameters
_BATCH = 2_000  # values per statement in the rebuild, under SQLite's limit on parameters


def _serialise(cursor: CursorWrapper | None = None) -> None:
    if connection.vendor == "postgresql":
        with nullcontext(cursor) if cursor else connection.cursor() as locking:
            locking.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def _together() -> AbstractContextManager[object]:
    """Statements issued inside go to PostgreSQL together and run there in order (psycopg's
    pipeline mode): one round trip for several, their results read after the block. Each statement
    still takes its own snapshot, so a read queued after the lock sees what the lock waited for.
    SQLite runs in this process: nothing to save there."""
    if connection.vendor == "postgresql":
        return cast(AbstractContextManager[object], connection.connection.pipeline())
    return nullcontext()


def _rows_insert(
    model: type[Model], columns: tuple[str, ...], rows: list[tuple[Any, ...]], *, then: str = ""
) -> Writes:
    """INSERT statements for plain rows, 500 to a statement (under SQLite's limit on parameters)."""
    table = connection.ops.quote_name(model._meta.db_table)
    writes: Writes = []
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(chunk))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} {then}"  # noqa: S608 (the model's table)
        writes.append((sql, [value for row in chunk for value in row]))
    return writes


def _widen(cluster: Cluster, size: int, first: date | None, last: date | None) -> None:
    cluster.size += size
    if first is not None and (cluster.first_seen is None or first < cluster.first_seen):
        cluster.first_seen = first
    if last is not None and (cluster.last_seen is None or last > cluster.last_seen):
        cluster.last_seen = last


def _alert(report_ids: Iterable[int], reason: AlertReason, *, cluster: Cluster | None = None, label: str = "") -> None:
    today = timezone.localdate()
    for report_id in report_ids:
        Alert.objects.get_or_create(
            report_id=report_id, reason=reason, cluster=cluster, actor_label=label, defaults={"created_on": today}
        )


# Per digest of the report: one other holder (LIMIT 1 on the digest index), that holder's campaign
# with its figures, whether a known actor holds the value, and the report's own campaign and day.
# Written out rather than built with the ORM: building it cost 2 ms per link, more than running it.
_HOLDERS_SQL = f"""
SELECT found.digest, found.holder, hr.id, hr.size, hr.first_seen, hr.last_seen, found.known,
       orr.id, orr.size, orr.first_seen, orr.last_seen, report.created_on
FROM (
    SELECT mine.digest, mine.report_id,
           (SELECT other.report_id FROM {ReportIdentifier._meta.db_table} other
            WHERE other.digest = mine.digest AND other.report_id <> mine.report_id LIMIT 1) AS holder,
           EXISTS (SELECT 1 FROM {KnownIdentifier._meta.db_table} known WHERE known.digest = mine.digest) AS known
    FROM {ReportIdentifier._meta.db_table} mine WHERE mine.report_id = %s
) AS found
JOIN {Report._meta.db_table} report ON report.id = found.report_id
LEFT JOIN {ClusterMember._meta.db_table} hm ON hm.report_id = found.holder
LEFT JOIN {Cluster._meta.db_table} hc ON hc.id = hm.cluster_id
LEFT JOIN {Cluster._meta.db_table} hr ON hr.id = COALESCE(hc.merged_into_id, hc.id)
LEFT JOIN {ClusterMember._meta.db_table} om ON om.report_id = found.report_id
LEFT JOIN {Cluster._meta.db_table} oc ON oc.id = om.cluster_id
LEFT JOIN {Cluster._meta.db_table} orr ON orr.id = COALESCE(oc.merged_into_id, oc.id)
"""  # noqa: S608 (table names are the models'; the report id is a parameter)


def _live(number: int, size: int, first_seen: date | None, last_seen: date | None) -> Cluster:
    return Cluster(pk=number, merged_into=None, size=size, first_seen=first_seen, last_seen=last_seen)


def report_link(*, report_id: int) -> Cluster | None:
    """Link one report (new, or with new identifiers) to earlier reports and known actors.

    A constant number of statements whatever the campaigns' sizes: one reads the report's digests,
    one other holder of each with that holder's campaign and its figures (all holders of a digest
    share a campaign) and the report's own; one more finds lone holders; then one write per cluster
    touched, one for the new member rows and one for alerts.
    """
    with transaction.atomic():
        with connection.cursor() as locking, connection.cursor() as cursor:
            with _together():
                _serialise(locking)
                cursor.execute(_HOLDERS_SQL, [report_id])
            rows = cursor.fetchall()
        campaigns: dict[int, Cluster] = {}  # live campaigns met, by number
        lone: list[str] = []  # values whose other holder is in no campaign yet
        for digest, holder, number, size, first, last, known, *_own in rows:
            if known:
                for label in KnownIdentifier.objects.filter(digest=digest).values_list("actor_label", flat=True):
                    _alert([report_id], AlertReason.KNOWN_ACTOR, label=label)
            if number is not None:
                campaigns[number] = _live(number, size, first, last)
            elif holder is not None:
                lone.append(digest)
        if not campaigns and not lone:
            return None
        joining: dict[int, date] = {}  # reports in no cluster yet, with their day
        *_, own, size, first, last, created_on = rows[0]  # the report's own, the same on every row
        if own is not None:
            campaigns[own] = _live(own, size, first, last)
        else:
            joining[report_id] = created_on
        if lone:  # earlier reports that shared these values with no one yet: they join with this one
            unclustered = ReportIdentifier.objects.filter(digest__in=lone, report__cluster_membership__isnull=True)
            joining.update(unclustered.exclude(report_id=report_id).values_list("report_id", "report__created_on"))
        clusters = [campaigns[number] for number in sorted(campaigns)]
        target = clusters[0] if clusters else Cluster()
        size_before = target.size
        for absorbed in clusters[1:]:  # the older number survives; members stay where they are
            _widen(target, absorbed.size, absorbed.first_seen, absorbed.last_seen)
        if joining:
            _widen(target, len(joining), min(joining.values()), max(joining.values()))
        created = target.pk is None
        if created:
            target.save()
        threshold = settings.MELDPUNT.campaign_alert_size
        folded = [absorbed.pk for absorbed in clusters[1:]]
        writes = _link_writes(target, folded, sorted(joining), created=created)
        if size_before < threshold <= target.size:  # crossed now: every member is alerted
            members = ClusterMember.objects.of_campaigns([target.pk, *folded]).values_list("report_id", flat=True)
            writes += _alerts_insert([*members, *joining], target.pk)
        elif target.size >= threshold:
            writes += _alerts_insert(sorted(joining), target.pk)
        with connection.cursor() as cursor, _together():
            for sql, params in writes:
                cursor.execute(sql, params)
        return target


def _link_writes(target: Cluster, folded: list[int], joining: list[int], *, created: bool) -> Writes:
    """The statements that record a link: the survivor's figures (unless it was just created with
    them), the folded clusters pointing at it (and those already folded into them), new members."""
    cluster = connection.ops.quote_name(Cluster._meta.db_table)
    day = connection.ops.adapt_datefield_value
    writes: Writes = []
    if not created:
        writes.append(
            (
                f"UPDATE {cluster} SET size = %s, first_seen = %s, last_seen = %s WHERE id = %s",  # noqa: S608
                [target.size, day(target.first_seen), day(target.last_seen), target.pk],
            )
        )
    if folded:
        marks = ", ".join(["%s"] * len(folded))
        writes.append(
            (
                f"UPDATE {cluster} SET merged_into_id = %s, size = 0"  # noqa: S608
                f" WHERE id IN ({marks}) OR merged_into_id IN ({marks})",
                [target.pk, *folded, *folded],
            )
        )
    return writes + _rows_insert(ClusterMember, ("report_id", "cluster_id"), [(r, target.pk) for r in joining])


def _alerts_insert(report_ids: list[int], cluster_id: int) -> Writes:
    """Large-campaign alerts for these reports; the unique constraint drops repeats (the cluster is set)."""
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    columns = ("report_id", "reason", "cluster_id", "actor_label", "created_on", "seen")
    rows = [(r, AlertReason.LARGE_CAMPAIGN.value, cluster_id, "", today, False) for r in report_ids]
    return _rows_insert(Alert, columns, rows, then="ON CONFLICT DO NOTHING")


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


def _components() -> list[list[int]]:
    """The campaigns as lists of report ids: union-find, in memory, over the holders of the values
    held by two or more reports, which one grouped scan of the index finds (unique values, most of
    the index, never leave the database)."""
    parent: dict[int, int] = {}

    def find(node: int) -> int:
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(node, node) != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    grouped = ReportIdentifier.objects.values("digest").annotate(n=Count("report_id")).filter(n__gt=1)
    shared = list(grouped.values_list("digest", flat=True))
    # Holders fetched by digest in batches, not by joining the grouped scan back to the table: the
    # planner cannot tell how few groups the HAVING keeps and would scan the whole table again.
    for start in range(0, len(shared), _BATCH):
        first_holder: dict[str, int] = {}
        holders = ReportIdentifier.objects.filter(digest__in=shared[start : start + _BATCH])
        for digest, report_id in holders.values_list("digest", "report_id"):
            a, b = find(first_holder.setdefault(digest, report_id)), find(report_id)
            if a != b:
                parent[max(a, b)] = min(a, b)
            parent.setdefault(report_id, report_id)
    components: dict[int, list[int]] = {}
    for report_id in parent:
        components.setdefault(find(report_id), []).append(report_id)
    return list(components.values())


def member_left(*, instance: ClusterMember, **kwargs: object) -> None:
    """A member row was deleted (its report expired or was deleted): its campaign's figures are
    recomputed from the members left. O(campaign), but only on deletion, never on linking."""
    merged_into = Cluster.objects.filter(pk=instance.cluster_id).values_list("merged_into_id", flat=True).first()
    number = merged_into or instance.cluster_id
    figures = ClusterMember.objects.of_campaign(number).aggregate(
        n=Count("pk"), first=Min("report__created_on"), last=Max("report__created_on")
    )
    Cluster.objects.filter(pk=number).update(size=figures["n"], first_seen=figures["first"], last_seen=figures["last"])


def _clusters_create(count: int) -> list[int]:
    """`count` new empty clusters in one statement; their numbers. Rows, not model instances: at a
    million reports a rebuild creates some 30,000 and instances cost more than the insert."""
    if not count:
        return []
    table = connection.ops.quote_name(Cluster._meta.db_table)
    insert = f"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s)
        INSERT INTO {table} (size, first_seen, last_seen, merged_into_id)
        SELECT 0, NULL, NULL, NULL FROM n RETURNING id
    """  # noqa: S608 (the table name is the model's)
    with connection.cursor() as cursor:
        cursor.execute(insert, [count])
        return [number for (number,) in cursor.fetchall()]


def _members_insert(rows: list[tuple[int, int]]) -> None:
    """(report, cluster) rows in bulk without a model instance each, which would cost more than the
    insert itself at a million reports: one statement over two arrays on PostgreSQL, executemany on
    SQLite. The table name is the model's; the values are parameters."""
    table = connection.ops.quote_name(ClusterMember._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            insert = f"INSERT INTO {table} (report_id, cluster_id) SELECT * FROM unnest(%s::bigint[], %s::bigint[])"  # noqa: S608
            cursor.execute(insert, [[r for r, _ in rows], [n for _, n in rows]])
        else:
            cursor.executemany(f"INSERT INTO {table} (report_id, cluster_id) VALUES (%s, %s)", rows)  # noqa: S608


def _figures_recompute() -> None:
    """Size, first and last seen of every live cluster from its members, in two statements."""
    with_members = ClusterMember.objects.annotate(campaign=MEMBER_CAMPAIGN).values("campaign")
    emptied = Cluster.objects.filter(merged_into__isnull=True).exclude(size=0).exclude(pk__in=with_members)
    emptied.update(size=0, first_seen=None, last_seen=None)
    figures = (
        ClusterMember.objects.annotate(campaign=MEMBER_CAMPAIGN)
        .values("campaign")
        .annotate(n=Count("pk"), first_day=Min("report__created_on"), last_day=Max("report__created_on"))
        .order_by()
    )
    select, params = figures.query.sql_with_params()
    table = connection.ops.quote_name(Cluster._meta.db_table)
    # UPDATE ... FROM (SQLite 3.33+, PostgreSQL); the table name is the model's, the values are parameters.
    update = (
        f"UPDATE {table} SET size = figures.n, first_seen = figures.first_day, last_seen = figures.last_day"  # noqa: S608
        f" FROM ({select}) AS figures WHERE {table}.id = figures.campaign"
    )
    with connection.cursor() as cursor:
        cursor.execute(update, params)


def links_rebuild() -> int:
    """Recompute every campaign from the index (after a key rotation or an import).

    Each resulting campaign keeps the oldest number any of its members had, so numbers stay stable
    across a rebuild; only member rows whose campaign changed are rewritten, and the figures of every
    live cluster are recomputed in one statement. Returns the number of campaigns.
    """
    linked = _components()
    with transaction.atomic():
        _serialise()
        old = dict(ClusterMember.objects.annotate(campaign=MEMBER_CAMPAIGN).values_list("report_id", "campaign"))
        used: set[int] = set()
        retired: set[int] = set()
        numbers: list[int | None] = []
        for members in linked:
            candidates = sorted({old[r] for r in members if r in old} - used - retired)
            if candidates:
                used.add(candidates[0])
                if candidates[1:]:  # campaigns the incremental path had not joined yet
                    retired.update(candidates[1:])
                    folded = Q(pk__in=candidates[1:]) | Q(merged_into_id__in=candidates[1:])
                    Cluster.objects.filter(folded).update(merged_into=candidates[0], size=0)
            numbers.append(candidates[0] if candidates else None)
        fresh = iter(_clusters_create(sum(number is None for number in numbers)))
        placed = {
            report_id: number
            for members, number in zip(linked, [n if n is not None else next(fresh) for n in numbers], strict=True)
            for report_id in members
        }
        moved = [report_id for report_id, number in old.items() if placed.get(report_id) != number]
        table = connection.ops.quote_name(ClusterMember._meta.db_table)
        with connection.cursor() as cursor:
            for start in range(0, len(moved), _BATCH):
                # Plain deletes: every figure is recomputed below, not once per row by member_left.
                chunk = moved[start : start + _BATCH]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {table} WHERE report_id IN ({marks})", chunk)  # noqa: S608
        _members_insert([(r, n) for r, n in placed.items() if old.get(r) != n])
        _figures_recompute()
    return len(linked)
