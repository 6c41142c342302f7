"""Reads of correlation: a report's links, campaigns, and bulk lookups. No identifier value leaves
here unless the reader already holds grants on every report it would reveal it for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from meldpunt.accounts.models import User
from meldpunt.correlate.extract import Found, find_identifiers
from meldpunt.correlate.models import MEMBER_CAMPAIGN, Alert, Cluster, ClusterMember, DuplicateMark, KnownIdentifier
from meldpunt.correlate.normalise import normalise
from meldpunt.intake.models import KeyGrant, Report, ReportIdentifier
from meldpunt.intake.selectors import OpenedReport
from meldpunt.intake.services import blind_index

LINK_DISPLAY_CAP = 50


@dataclass(frozen=True)
class Link:
    kind: str
    other_report: int
    value: str | None  # only when the reader holds a grant on the other report too


@dataclass(frozen=True)
class ReportLinks:
    links: tuple[Link, ...]
    hidden: int  # links beyond the display cap, per value
    known_actors: tuple[str, ...]
    cluster: int | None


@dataclass(frozen=True)
class KnownValue:
    kind: str
    value: str
    platform: str = ""


def added_identifiers(*, report_id: int, report_key: bytes) -> list[KnownValue]:
    """Identifiers handlers confirmed from the report's text, decrypted."""
    from meldpunt.correlate.models import AddedIdentifier
    from meldpunt.intake.sealed import open_json

    return [
        KnownValue(**open_json(report_key, report_id, "added-identifier", bytes(row.body)))
        for row in AddedIdentifier.objects.filter(report_id=report_id).order_by("pk")
    ]


def _digest_values(report: OpenedReport, added: list[KnownValue]) -> dict[str, tuple[str, str]]:
    index = blind_index()
    found = {}
    region = report.answers.country or "NL"
    values = [KnownValue(i.kind, i.value, i.platform) for i in report.answers.identifiers] + added
    for identifier in values:
        try:
            canonical = normalise(identifier.kind, identifier.value, platform=identifier.platform, region=region)
        except ValueError:
            continue  # never indexed, so never linked
        found[index.digest(identifier.kind, canonical)] = (identifier.kind, identifier.value)
    return found


def identifier_proposals(report: OpenedReport, added: list[KnownValue]) -> list[Found]:
    """Identifiers found in the narrative and the reporter's messages that are not indexed yet."""
    region = report.answers.country or "NL"
    have = set(_digest_values(report, added))
    index = blind_index()
    texts = [report.answers.narrative, *(m.text for m in report.messages if m.author == "reporter")]
    proposals: dict[str, Found] = {}
    for text in texts:
        for found in find_identifiers(text, region=region):
            digest = index.digest(found.kind, found.canonical)
            if digest not in have:
                proposals.setdefault(digest, found)
    return list(proposals.values())


def report_links(*, user: User, report: OpenedReport, added: list[KnownValue]) -> ReportLinks:
    """Links of a report the user is reading (so already holds a grant on)."""
    values = _digest_values(report, added)
    granted = set(KeyGrant.objects.filter(recipient=user).values_list("report_id", flat=True))
    links: list[Link] = []
    hidden = 0
    for digest, (kind, value) in values.items():
        others = ReportIdentifier.objects.filter(digest=digest).exclude(report_id=report.id).order_by("report_id")
        total = others.count()
        hidden += max(0, total - LINK_DISPLAY_CAP)
        for other in others.values_list("report_id", flat=True)[:LINK_DISPLAY_CAP]:
            links.append(Link(kind=kind, other_report=other, value=value if other in granted else None))
    known = KnownIdentifier.objects.filter(digest__in=list(values)).values_list("actor_label", flat=True)
    number = (
        ClusterMember.objects.filter(report_id=report.id)
        .annotate(campaign=MEMBER_CAMPAIGN)
        .values_list("campaign", flat=True)
        .first()
    )
    return ReportLinks(tuple(links), hidden, tuple(sorted(set(known))), number)


@dataclass(frozen=True)
class CampaignRow:
    number: int
    size: int
    independent_sources: int
    first_seen: date | None
    last_seen: date | None
    growth_30_days: int


def _independent(report_ids: list[int]) -> int:
    """Reports minus those a handler marked as duplicates of another report in the same set."""
    parent = {r: r for r in report_ids}

    def find(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    for a, b in DuplicateMark.objects.filter(report_id__in=report_ids, duplicate_of_id__in=report_ids).values_list(
        "report_id", "duplicate_of_id"
    ):
        parent[find(a)] = find(b)
    return len({find(r) for r in report_ids})


def _campaign_row(cluster: Cluster, since: date) -> CampaignRow:
    members = ClusterMember.objects.of_campaign(cluster.pk).values_list("report_id", "report__created_on")
    report_ids, recent = [], 0
    for report_id, created_on in members:
        report_ids.append(report_id)
        recent += created_on >= since
    return CampaignRow(
        number=cluster.pk,
        size=cluster.size,
        independent_sources=_independent(report_ids),
        first_seen=cluster.first_seen,
        last_seen=cluster.last_seen,
        growth_30_days=recent,
    )


_LIVE = Q(merged_into__isnull=True, size__gte=2)


def campaigns(*, limit: int = 200) -> list[CampaignRow]:
    """Live campaigns by size, with how many of their reports arrived in the last 30 days."""
    since = timezone.localdate() - timedelta(days=30)
    return [_campaign_row(cluster, since) for cluster in Cluster.objects.filter(_LIVE).order_by("-size", "pk")[:limit]]


@dataclass(frozen=True)
class CampaignMember:
    report: int
    created_on: date
    status: str
    tactics: tuple[str, ...]
    digests: tuple[tuple[str, str], ...]  # (kind, digest) of identifiers shared within the campaign


@dataclass(frozen=True)
class Campaign:
    number: int
    row: CampaignRow
    members: tuple[CampaignMember, ...]
    tactic_mix: dict[str, int]
    by_month: dict[str, int]


def campaign_resolve(number: int) -> int:
    """The live number of a campaign: a merged number points to its survivor."""
    cluster = Cluster.objects.filter(pk=number).values_list("merged_into_id", flat=True).first()
    return cluster or number


def campaign(*, number: int) -> Campaign | None:
    """A live campaign with its members; None for a merged or unknown number (see campaign_resolve)."""
    cluster = Cluster.objects.filter(_LIVE, pk=number).first()
    if cluster is None:
        return None
    row = _campaign_row(cluster, timezone.localdate() - timedelta(days=30))
    in_campaign = ClusterMember.objects.of_campaign(number).values("report_id")
    reports = Report.objects.filter(pk__in=in_campaign).order_by("created_on", "pk")
    ids = [r.pk for r in reports]
    shared = (
        ReportIdentifier.objects.filter(report_id__in=ids)
        .values("digest")
        .annotate(n=Count("report_id"))
        .filter(n__gte=2)
        .values_list("digest", flat=True)
    )
    shared_rows: dict[int, list[tuple[str, str]]] = {}
    for report_id, kind, digest in ReportIdentifier.objects.filter(report_id__in=ids, digest__in=shared).values_list(
        "report_id", "kind", "digest"
    ):
        shared_rows.setdefault(report_id, []).append((kind, digest))
    members = tuple(
        CampaignMember(r.pk, r.created_on, r.status, tuple(r.tactics), tuple(sorted(shared_rows.get(r.pk, []))))
        for r in reports
    )
    mix: dict[str, int] = {}
    months: dict[str, int] = {}
    for member in members:
        for tactic in member.tactics:
            mix[tactic] = mix.get(tactic, 0) + 1
        month = member.created_on.strftime("%Y-%m")
        months[month] = months.get(month, 0) + 1
    return Campaign(number, row, members, dict(sorted(mix.items(), key=lambda kv: -kv[1])), months)


@dataclass(frozen=True)
class LookupResult:
    line: str
    kind: str
    problem: str | None
    reports: int
    campaigns: tuple[int, ...]
    known_actors: tuple[str, ...]


MAX_LOOKUP = 200


def bulk_lookup(lines: list[tuple[str, str]]) -> list[LookupResult]:
    """Up to 200 (kind, value) pairs → how many reports hold each, their campaigns, known actors.

    Counts and campaign numbers only: an analyst never sees report contents (DESIGN "Who uses it").
    """
    index = blind_index()
    wanted: list[tuple[str, str, str | None, str]] = []  # (line, kind, digest, problem)
    for kind, value in lines[:MAX_LOOKUP]:
        try:
            wanted.append((value, kind, index.digest(kind, normalise(kind, value)), ""))
        except (ValueError, KeyError) as problem:
            wanted.append((value, kind, None, str(problem) or "invalid"))
    digests = {digest for _, _, digest, _ in wanted if digest is not None}
    # Three statements for all the lines together, whatever their number.
    holding = ReportIdentifier.objects.filter(digest__in=digests)
    reports = dict(holding.values("digest").annotate(n=Count("report_id", distinct=True)).values_list("digest", "n"))
    numbers: dict[str, set[int]] = {}
    cluster = "report__cluster_membership__cluster"
    in_campaigns = holding.filter(report__cluster_membership__isnull=False).annotate(
        campaign=Coalesce(f"{cluster}__merged_into_id", f"{cluster}_id")
    )
    for digest, number in in_campaigns.values_list("digest", "campaign").distinct():
        numbers.setdefault(digest, set()).add(number)
    known: dict[str, set[str]] = {}
    for digest, label in KnownIdentifier.objects.filter(digest__in=digests).values_list("digest", "actor_label"):
        known.setdefault(digest, set()).add(label)
    return [
        LookupResult(
            line=line,
            kind=kind,
            problem=problem or None,
            reports=reports.get(digest, 0) if digest else 0,
            campaigns=tuple(sorted(numbers.get(digest, ()))) if digest else (),
            known_actors=tuple(sorted(known.get(digest, ()))) if digest else (),
        )
        for line, kind, digest, problem in wanted
    ]


def alerts_for(*, user: User) -> list[Alert]:
    return list(
        Alert.objects.filter(report__grants__recipient=user, seen=False).select_related("cluster").order_by("-pk")[:100]
    )
