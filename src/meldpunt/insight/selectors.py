"""Reads of insight: the dashboard's tables in a fixed number of queries, whatever the number of reports.

`dashboard` builds every table from `Counts`: either live (`live_counts`: report figures from the
tally, a few thousand rows read in one query; campaign sizes from one grouped query over campaign
members; knowledge figures from one query per table) or frozen in a publication of a closed period
(`published_dashboard`, what the public sees: never live, so that two visits can not be subtracted
to learn what one new report said). Live tables are protected as they are built; a publication's
tables show the disclosure control decided when it was published (`control.Replay`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, NullIf, Substr
from django.utils.translation import gettext as _

from meldpunt.correlate.models import MEMBER_CAMPAIGN, Cluster, ClusterMember
from meldpunt.insight import aggregates
from meldpunt.insight.aggregates import CrossTable, Row, Table, Trend
from meldpunt.insight.cells import rows_counted
from meldpunt.insight.control import Control, Exact, Protect, Replay
from meldpunt.insight.models import Dimension, PublishedSnapshot, Tally
from meldpunt.intake.models import Report
from meldpunt.knowledge.models import Actor, Event, Partnership
from meldpunt.knowledge.public_selectors import STATION, country_name
from meldpunt.vocab import concept

NOT_STATED = ""
_CAMPAIGN_SIZES_KEY = "insight:campaign-sizes"
_CAMPAIGN_SIZES_SECONDS = 600  # a bound on staleness should a change escape the fingerprint


@dataclass(frozen=True)
class Dashboard:
    exact: bool
    community_origin: CrossTable
    months: Table
    incident_months: Table
    provinces: Table
    tactics: Table
    origin_states: Table
    communities: Table
    campaigns: Table
    knowledge: tuple[Table, ...]
    trend: Trend | None
    synthetic: int | None  # demo reports among those counted (protected like any count)

    @property
    def report_tables(self) -> tuple[Table, ...]:
        return (
            self.months,
            self.incident_months,
            self.provinces,
            self.tactics,
            self.origin_states,
            self.communities,
            self.campaigns,
        )

    @property
    def cross_tables(self) -> tuple[CrossTable, ...]:
        return (self.community_origin,)

    def table(self, slug: str) -> Table | CrossTable | None:
        every: tuple[Table | CrossTable, ...] = (*self.report_tables, *self.cross_tables, *self.knowledge)
        return next((table for table in every if table.slug == slug), None)


@dataclass(frozen=True)
class Counts:
    """The raw counts every table is built from: live, or frozen in a published snapshot."""

    tally: dict[str, Counter[tuple[str, str]]]  # dimension → (key, month) → consenting reports
    campaign_sizes: list[int]  # consenting reports per live campaign of at least two
    knowledge: dict[str, Counter[str]]  # knowledge table slug → key → records (public facts)

    def rows(self) -> dict[str, Any]:
        """A JSON-serialisable copy (what a snapshot stores)."""
        return {
            "tally": [
                [dimension, key, month, n]
                for dimension, cells in sorted(self.tally.items())
                for (key, month), n in sorted(cells.items())
                if n
            ],
            "campaign_sizes": sorted(self.campaign_sizes),
            "knowledge": {slug: dict(sorted(counts.items())) for slug, counts in sorted(self.knowledge.items())},
        }

    @classmethod
    def from_rows(cls, stored: dict[str, Any]) -> Counts:
        tally: dict[str, Counter[tuple[str, str]]] = {d.value: Counter() for d in Dimension}
        for dimension, key, month, n in stored["tally"]:
            tally.setdefault(dimension, Counter())[(key, month)] += n
        knowledge = {slug: Counter(counts) for slug, counts in stored["knowledge"].items()}
        return cls(tally=tally, campaign_sizes=list(stored["campaign_sizes"]), knowledge=knowledge)


@dataclass(frozen=True)
class PublishedPeriod:
    label: str  # 2026Q3, 2026-07, 2026
    first_month: str
    last_month: str
    published_on: date


@dataclass(frozen=True)
class Published:
    """The public figures of one published period, with the months of every publication."""

    period: PublishedPeriod
    board: Dashboard
    periods: tuple[PublishedPeriod, ...]  # every publication, the latest period first
    series: Table  # reports per month over every published period, each month as its publication shows it
    trend: Trend | None  # the period's last month against earlier published months


def _vocab_labels(name: str) -> dict[str, str]:
    return {term.id: _(term.label) for term in concept(name).terms}


def _order(vocabulary: list[str], seen: set[str]) -> list[str]:
    """The vocabulary's order, then values outside it (sorted), then "not stated" last."""
    extra = sorted(seen - set(vocabulary) - {NOT_STATED})
    return [*vocabulary, *extra, *([NOT_STATED] if NOT_STATED in seen else [])]


def _tally(months: tuple[str, str] | None) -> dict[str, Counter[tuple[str, str]]]:
    """(key, month) → count for each dimension, in one query; only (first, last) months if given."""
    by_dimension: dict[str, Counter[tuple[str, str]]] = {d.value: Counter() for d in Dimension}
    cells = Tally.objects.filter(count__gt=0)
    if months is not None:
        cells = cells.filter(month__gte=months[0], month__lte=months[1])
    for dimension, key, month, count in cells.values_list("dimension", "key", "month", "count"):
        by_dimension[dimension][(key, month)] += count
    return by_dimension


def _collapse(cells: Counter[tuple[str, str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for (key, _month), count in cells.items():
        total[key] += count
    return total


def _received_in(months: tuple[str, str]) -> dict[str, date]:
    """Report filter arguments for "received in these months" (first, last: YYYY-MM, both included)."""
    first, last = months
    following = aggregates.previous_month(last, back=-1)
    return {
        "created_on__gte": date(int(first[:4]), int(first[5:7]), 1),
        "created_on__lt": date(int(following[:4]), int(following[5:7]), 1),
    }


def _campaign_sizes_counted(months: tuple[str, str] | None = None, *, synthetic: bool = True) -> list[int]:
    """Consenting reports per campaign of at least two, counting only reports received in `months`
    (and real ones only, unless `synthetic`)."""
    members = ClusterMember.objects.filter(report__consent_statistics=True)
    if months is not None:
        members = members.filter(**{f"report__{name}": day for name, day in _received_in(months).items()})
    if not synthetic:
        members = members.filter(report__synthetic=False)
    return list(
        members.annotate(campaign=MEMBER_CAMPAIGN)
        .values("campaign")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .values_list("n", flat=True)
        .order_by()
    )


def _campaign_sizes(*, consenting: int) -> list[int]:
    """How many consenting reports each live campaign holds (those with at least two).

    Counting them joins campaign members to the reports' consent: half a second at a million
    reports on SQLite. So the answer is kept in the cache under a fingerprint that any change moves:
    the live campaigns' number, their summed size and newest number (linking, merging, deleting),
    and the number of consenting reports (a consent given or withdrawn).
    """
    live = Cluster.objects.filter(merged_into__isnull=True).aggregate(n=Count("pk"), size=Sum("size"), last=Max("pk"))
    fingerprint = (consenting, live["n"], live["size"], live["last"])
    kept = cache.get(_CAMPAIGN_SIZES_KEY)
    if kept is not None and kept[0] == fingerprint:
        return list(kept[1])
    sizes = _campaign_sizes_counted()
    cache.set(_CAMPAIGN_SIZES_KEY, (fingerprint, sizes), timeout=_CAMPAIGN_SIZES_SECONDS)
    return sizes


def _grouped(rows: QuerySet[Any], key: str) -> Counter[str]:
    """How many rows share each value of `key` (one GROUP BY)."""
    return Counter(dict(rows.values(key).annotate(n=Count("pk")).values_list(key, "n").order_by()))


def _knowledge_counts() -> dict[str, Counter[str]]:
    stations = Actor.objects.filter(kind=STATION, retired=False).annotate(
        where=Coalesce(NullIf("country", Value("")), "place__country", Value(""))
    )
    severed = Partnership.objects.filter(retired=False, status="severed").annotate(year=Substr("end", 1, 4))
    return {
        "stations_per_country": _grouped(stations, "where"),
        "partnerships_severed_per_year": _grouped(severed, "year"),
        "events_per_kind": _grouped(Event.objects.filter(retired=False), "kind"),
    }


def _knowledge_tables(counts: dict[str, Counter[str]]) -> tuple[Table, ...]:
    stations = counts.get("stations_per_country", Counter())
    severed = counts.get("partnerships_severed_per_year", Counter())
    events = counts.get("events_per_kind", Counter())
    country_order = sorted((iso for iso in stations if iso), key=country_name)
    country_labels = {iso: country_name(iso) for iso in stations} | {NOT_STATED: _("Country unknown")}
    event_kinds = [kind for kind in concept("knowledge_event_kinds").ids() if events[kind]]
    return (
        aggregates.public_table(
            slug="stations_per_country",
            title=_("Police service stations per country"),
            heading=_("Country"),
            unit=_("stations"),
            counts=stations,
            labels=country_labels,
            order=country_order + ([NOT_STATED] if stations[NOT_STATED] else []),
        ),
        aggregates.public_table(
            slug="partnerships_severed_per_year",
            title=_("Partnerships severed per year"),
            heading=_("Year"),
            unit=_("partnerships"),
            counts=severed,
            labels={NOT_STATED: _("Year unknown")},
            order=sorted(year for year in severed if year) + ([NOT_STATED] if severed[NOT_STATED] else []),
        ),
        aggregates.public_table(
            slug="events_per_kind",
            title=_("Documented events per kind"),
            heading=_("Kind of event"),
            unit=_("events"),
            counts=events,
            labels=_vocab_labels("knowledge_event_kinds"),
            order=event_kinds,
        ),
    )


def _bucket_label(key: str) -> str:
    if key.endswith("+"):
        return _("%(count)s or more") % {"count": key[:-1]}
    return key.replace("-", "–")


def _community_origin(cells: Counter[tuple[str, str]], *, control: Control) -> CrossTable:
    """Community × origin state as one protected table: a community names its origin state, so two
    separate tables would let a suppressed community be worked out from its state's count."""
    counts: Counter[tuple[str, str]] = Counter()
    for (key, _month), n in cells.items():
        community, _slash, origin = key.partition("/")
        counts[(community, origin)] += n
    communities = {community for community, _origin in counts}
    origins = {origin for _community, origin in counts}
    community_labels = _vocab_labels("communities") | {NOT_STATED: _("Not stated")}
    origin_order = sorted((iso for iso in origins if iso), key=country_name) + [NOT_STATED] * (NOT_STATED in origins)
    return aggregates.two_way_table(
        slug="community_origin",
        title=_("Reports per community and origin state"),
        row_heading=_("Community"),
        unit=_("reports"),
        counts=counts,
        rows=[
            (key, community_labels.get(key, key))
            for key in _order(list(concept("communities").ids()), communities)
            if key in communities
        ],
        columns=[(iso, country_name(iso) if iso else _("Not stated")) for iso in origin_order],
        control=control,
        total_shared=True,
    )


def live_counts(*, months: tuple[str, str] | None = None, cached: bool = True) -> Counts:
    """The counts as they stand now; `months` (first, last) limits report figures and campaign sizes to
    the reports received in those months. `cached=False` recounts campaign sizes."""
    tally = _tally(months)
    if months is not None:
        sizes = _campaign_sizes_counted(months)
    elif cached:
        sizes = _campaign_sizes(consenting=sum(tally[Dimension.ALL].values()))
    else:
        sizes = _campaign_sizes_counted()
    return Counts(tally=tally, campaign_sizes=sizes, knowledge=_knowledge_counts())


def consenting_received(months: tuple[str, str]) -> tuple[int, int]:
    """How many consenting reports were received in `months`: (real ones, synthetic ones)."""
    reports = Report.objects.filter(consent_statistics=True, **_received_in(months)).order_by()
    counted = dict(reports.values_list("synthetic").annotate(n=Count("pk")).values_list("synthetic", "n"))
    return counted.get(False, 0), counted.get(True, 0)


def recounted(*, months: tuple[str, str], synthetic: bool = True) -> Counts:
    """The counts of the reports received in `months`, counted from the report rows themselves rather
    than the tally (which bulk writes can leave behind): what a publication freezes for good.
    Without `synthetic`, demonstration reports are left out."""
    reports = Report.objects.filter(**_received_in(months))
    if not synthetic:
        reports = reports.filter(synthetic=False)
    cells, _counted = rows_counted(reports)
    tally: dict[str, Counter[tuple[str, str]]] = {d.value: Counter() for d in Dimension}
    for (dimension, key, month), n in cells.items():
        tally[dimension][(key, month)] += n
    return Counts(
        tally=tally,
        campaign_sizes=_campaign_sizes_counted(months, synthetic=synthetic),
        knowledge=_knowledge_counts(),
    )


def _period(snapshot: PublishedSnapshot) -> PublishedPeriod:
    return PublishedPeriod(snapshot.period, snapshot.first_month, snapshot.last_month, snapshot.published_on)


def published_periods() -> list[PublishedPeriod]:
    """Every published period, the latest first."""
    fields = ("period", "first_month", "last_month", "published_on")
    rows = PublishedSnapshot.objects.order_by("-last_month").values_list(*fields)
    return [PublishedPeriod(*row) for row in rows]


def published_snapshot(period: str | None = None) -> PublishedSnapshot | None:
    """The publication of `period` (as written, 2026Q3), or the one of the latest period."""
    snapshots = PublishedSnapshot.objects.order_by("-last_month")
    if period is not None:
        snapshots = snapshots.filter(period=period.strip().upper())
    return snapshots.first()


def publication_board(snapshot: PublishedSnapshot) -> Dashboard:
    """A publication's tables, showing the disclosure control decided when it was published."""
    stored = snapshot.counts
    months = (snapshot.first_month, snapshot.last_month)
    return dashboard(months=months, counts=Counts.from_rows(stored), control=Replay(stored.get("control", {})))


def _published_series() -> Table:
    """Reports per month across every publication, each month's count as its publication decided it:
    read from the stored control, so nothing is protected anew and nothing new can be subtracted."""
    counts: dict[str, int | None] = {}
    decisions = PublishedSnapshot.objects.values_list("first_month", "last_month", "counts__control__months")
    for first, last, decided in decisions:  # only the month table's decision is read, not whole publications
        shown = dict(map(tuple, decided["cells"])) if isinstance(decided, dict) else {}
        for month in aggregates.month_range(first, last):
            counts[month] = shown.get(month)
    order = sorted(counts)
    rows = tuple(Row(month, month, counts[month]) for month in order)
    known = list(counts.values())
    total = None if None in known else sum(count for count in known if count is not None)
    return Table(
        "months_published",
        _("Reports received per month, every published period"),
        _("Month"),
        rows,
        total,
        additive=True,
        controlled=True,
        unit=_("reports"),
    )


def published_dashboard(period: str | None = None) -> Published | None:
    """The public figures of `period` (the latest when None); None when it has not been published."""
    snapshot = published_snapshot(period)
    if snapshot is None:
        return None
    series = _published_series()
    by_month = {row.key: row for row in series.rows}
    upto = tuple(by_month[m] for m in sorted(by_month) if m <= snapshot.last_month)
    return Published(
        period=_period(snapshot),
        board=publication_board(snapshot),
        periods=tuple(published_periods()),
        series=series,
        trend=aggregates.trend(
            Table(series.slug, series.title, series.heading, upto, None, True, True, series.unit), missing=None
        ),
    )


def dashboard(
    *,
    exact: bool = False,
    months: tuple[str, str] | None = None,
    counts: Counts | None = None,
    control: Control | None = None,
) -> Dashboard:
    """Every table of the dashboards; disclosure-controlled unless `exact` (supervisors only).

    Built from `counts` (a publication's) or, when not given, the live counts. `months` (first,
    last) limits live report figures to the reports received in them, each month shown. `control`
    decides what each table shows: by default exact counts or disclosure control as of now.
    """
    if control is None:
        control = Exact() if exact else Protect()
    exact = control.exact
    if counts is None:
        counts = live_counts(months=months)
    tally = counts.tally
    seen = sorted({month for _key, month in tally[Dimension.ALL]})
    if months is not None:
        seen = list(months)
    months_shown = aggregates.month_range(seen[0], seen[-1]) if seen else []
    province_counts = _collapse(tally[Dimension.PROVINCE])
    province_order = _order(list(concept("provinces").ids()), set(province_counts))
    province_labels = _vocab_labels("provinces") | {NOT_STATED: _("Not stated")}
    month_counts: Counter[str] = Counter()
    for (_key, month), n in tally[Dimension.ALL].items():
        month_counts[month] += n
    total = sum(month_counts.values())
    month_table = aggregates.one_way_table(
        slug="months",
        title=_("Reports received per month"),
        heading=_("Month received"),
        unit=_("reports"),
        counts=month_counts,
        labels={},
        order=months_shown,
        control=control,
        total_shared=True,
    )
    province_table = aggregates.one_way_table(
        slug="provinces",
        title=_("Reports per province"),
        heading=_("Province"),
        unit=_("reports"),
        counts=province_counts,
        labels=province_labels,
        order=province_order,
        control=control,
        total_shared=True,
    )
    tactic_counts = _collapse(tally[Dimension.TACTIC])
    community_origin = _community_origin(tally[Dimension.COMMUNITY_ORIGIN], control=control)
    incident_counts = _collapse(tally[Dimension.INCIDENT_MONTH])
    campaign_counts = aggregates.campaign_buckets(counts.campaign_sizes)
    synthetic_total = sum(tally[Dimension.SYNTHETIC].values())
    return Dashboard(
        exact=exact,
        months=month_table,
        incident_months=aggregates.one_way_table(
            slug="incident_months",
            title=_("Reports per month of the incident"),
            heading=_("Month of the incident"),
            unit=_("reports"),
            counts=incident_counts,
            labels={NOT_STATED: _("Not given")},
            order=sorted(key for key in incident_counts if key) + [NOT_STATED] * (NOT_STATED in incident_counts),
            control=control,
            total_shared=True,
        ),
        provinces=province_table,
        tactics=aggregates.overlapping_table(
            slug="tactics",
            title=_("Reports naming each tactic"),
            heading=_("Tactic"),
            unit=_("reports"),
            counts=tactic_counts,
            labels=_vocab_labels("tactics"),
            order=_order(list(concept("tactics").ids()), set(tactic_counts) - {NOT_STATED}),
            control=control,
        ),
        community_origin=community_origin,
        origin_states=aggregates.margin(
            community_origin,
            by_row=False,
            slug="origin_states",
            title=_("Reports per origin state"),
            heading=_("Origin state"),
        ),
        communities=aggregates.margin(
            community_origin,
            by_row=True,
            slug="communities",
            title=_("Reports per community"),
            heading=_("Community"),
        ),
        campaigns=aggregates.one_way_table(
            slug="campaigns",
            title=_("Campaigns by number of reports"),
            heading=_("Reports in the campaign"),
            unit=_("campaigns"),
            counts=campaign_counts,
            labels={key: _bucket_label(key) for key in campaign_counts},
            order=list(campaign_counts),
            control=control,
        ),
        knowledge=_knowledge_tables(counts.knowledge),
        trend=aggregates.trend(month_table),
        synthetic=aggregates.part_count("synthetic", synthetic_total, total, control=control),
    )
