"""Insight at scale: each dashboard query and the whole public dashboard page, beside a plain GROUP BY.

Fills a fresh database (SQLite in a temp MELDPUNT_HOME unless --database-url names an empty PostgreSQL
database you own) with N synthetic reports whose statistical columns come from the demo's own seeded
generator (intake/synthetic.py: communities and their origin states, one to four tactics, months over
the last 24, provinces, 85% consenting), drawn in chunks of 10,000 with a seed each. Encrypted fields
hold fixed placeholder bytes, as in bench/correlate.py, whose raw bulk inserts (executemany on SQLite,
COPY on PostgreSQL) this reuses. One report in ten joins one of N/200 campaigns of skewed sizes
(cluster rows inserted directly). The insight tally is then recounted once with tally_refresh(), as
`meldpunt insight refresh` does after a bulk import, and every ended quarter is published as
`meldpunt insight publish` does; load_s, tally_refresh_s and publish_s are part of no target.

Measured in the same run, after three warm-up calls each, --repeat calls (default 50; p99 of 50 is
close to the maximum):
- every function of insight.selectors that takes no argument (the dashboard's own queries: the tally
  read, campaign sizes, knowledge tables, and dashboard() itself, public), and dashboard(exact=True)
  as supervisors see it;
- the whole public page: Django's test Client GET /en/insight/ (URL resolution, middleware, selectors,
  disclosure control, server-drawn SVG charts, template), no network; warm, and cold (the cache
  cleared before each call, as after a report changes what the selectors keep cached), at most 20 calls;
- baseline: the plain way, a GROUP BY month received and province over the raw report table of
  consenting reports (the public page's main table, without disclosure control), --repeat calls at most 20.

Target on the 2-core machine: the public page under 200 ms p99, on SQLite and on PostgreSQL. The
ratio line (and baseline_over_page_p99) divides the baseline's p99 by the page's, both from this run,
so a noisy machine moves both sides. The last line is one JSON object.
Run from the project folder: `python -m bench.insight [--reports N] [--database-url URL] [--seed S]`.
"""

from __future__ import annotations

import argparse
import inspect
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from bench.correlate import COPY_REPORT, INSERT_REPORT, PAYLOAD, SALT, SEALED, VERIFIER, configure

CHUNK = 10_000
CAMPAIGN_SHARE = 10  # one report in this many joins a campaign
PAGE = "/en/insight/"
MONTH_RECEIVED = {"sqlite": "substr(created_on, 1, 7)", "postgresql": "to_char(created_on, 'YYYY-MM')"}
BASELINE = "SELECT province, {month}, COUNT(*) FROM intake_report WHERE consent_statistics GROUP BY province, {month}"


def rows(reports: int, seed: int, today: date) -> Iterator[list[tuple[Any, ...]]]:
    """Report rows, CHUNK at a time, from the demo generator (a seed per chunk keeps memory flat)."""
    from meldpunt.intake.synthetic import synthetic_reports

    for first in range(0, reports, CHUNK):
        drawn = synthetic_reports(count=min(CHUNK, reports - first), seed=seed * 100_003 + first, today=today)
        yield [
            (
                first + offset + 1,
                f"{first + offset + 1:064x}",
                SALT,
                VERIFIER,
                SEALED,
                None,
                None,
                report.raw["language"],
                "new",
                report.created_on.isoformat(),
                today.isoformat(),
                PAYLOAD,
                json.dumps(report.raw["tactics"]),
                report.raw["origin_state"],
                report.raw["community"],
                report.raw["incident_month"],
                report.province,
                report.raw["urgency"],
                "unverified",
                report.raw["consents"]["statistics"],
                True,
            )
            for offset, report in enumerate(drawn)
        ]


def load(reports: int, seed: int) -> float:
    """Raw bulk inserts of the reports, then campaigns; returns seconds, analysis included."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from meldpunt.correlate.models import Cluster, ClusterMember
    from meldpunt.intake.models import Report

    today = timezone.localdate()
    connection.ensure_connection()
    raw = connection.connection
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        with transaction.atomic():
            for chunk in rows(reports, seed, today):
                raw.executemany(INSERT_REPORT, chunk)
    else:
        for chunk in rows(reports, seed, today):
            with transaction.atomic(), raw.cursor() as cursor, cursor.copy(COPY_REPORT) as copy:
                for row in chunk:
                    copy.write_row(row)
    rng = random.Random(f"campaigns-{seed}")
    members = rng.sample(range(1, reports + 1), reports // CAMPAIGN_SHARE)
    campaigns = max(1, reports // 200)
    with transaction.atomic():
        Cluster.objects.bulk_create(
            (Cluster(pk=number, size=0) for number in range(1, campaigns + 1)), batch_size=5_000
        )
        ClusterMember.objects.bulk_create(
            (
                ClusterMember(report_id=report, cluster_id=min(int(rng.paretovariate(0.8)), campaigns))
                for report in members
            ),
            batch_size=5_000,
        )
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Report, Cluster, ClusterMember]):
                cursor.execute(statement)
            for table in ("intake_report", "correlate_cluster", "correlate_clustermember"):
                cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    for _ in range(3):
        call()
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return seconds


def quantiles_ms(seconds: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(seconds, n=100)
    return {"p50_ms": round(cuts[49] * 1000, 2), "p99_ms": round(cuts[98] * 1000, 2)}


def dashboard_queries() -> dict[str, Callable[[], object]]:
    """Every function of insight.selectors callable without arguments, and the supervisors' view."""
    from meldpunt.insight import selectors

    found: dict[str, Callable[[], object]] = {}
    for name, function in sorted(vars(selectors).items()):
        if not inspect.isfunction(function) or function.__module__ != selectors.__name__:
            continue
        parameters = inspect.signature(function).parameters.values()
        if all(parameter.default is not inspect.Parameter.empty for parameter in parameters):
            found[f"{name}()"] = function
    if "exact" in inspect.signature(selectors.dashboard).parameters:
        found["dashboard(exact=True)"] = lambda: selectors.dashboard(exact=True)
    return found


def page_get(*, cold: bool = False) -> Callable[[], object]:
    from django.core.cache import cache
    from django.test import Client

    client = Client(HTTP_HOST="localhost")

    def get() -> object:
        if cold:
            cache.clear()
        response = client.get(PAGE)
        if response.status_code != 200:
            raise SystemExit(f"GET {PAGE} answered {response.status_code}")
        return response

    return get


def baseline() -> Callable[[], object]:
    from django.db import connection

    query = BASELINE.format(month=MONTH_RECEIVED[connection.vendor])

    def group_by() -> object:
        with connection.cursor() as cursor:
            cursor.execute(query)
            return cursor.fetchall()

    return group_by


def run(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection

    from meldpunt.correlate.models import Cluster
    from meldpunt.insight.services import periods_due, snapshot_publish, tally_refresh
    from meldpunt.intake.models import Report

    if Report.objects.exists() or Cluster.objects.exists():
        raise SystemExit("the database must be empty: give --database-url a fresh database of your own")
    database = connection.vendor
    try:
        load_s = load(args.reports, args.seed)
        started = time.perf_counter()
        counted = tally_refresh()
        refresh_s = time.perf_counter() - started
        started = time.perf_counter()
        published = [snapshot_publish(period=period) for period in periods_due().periods]  # the public page's figures
        publish_s = time.perf_counter() - started
        print(
            f"load:     {args.reports:,} reports ({counted:,} consenting) in {load_s:.1f} s,"
            f" tally recounted in {refresh_s:.1f} s, {len(published)} ended quarters published"
            f" in {publish_s:.1f} s [{database}]"
        )
        queries = {}
        for name, call in dashboard_queries().items():
            queries[name] = quantiles_ms(timed(call, args.repeat))
            print(f"query:    {name:<24} p50 {queries[name]['p50_ms']:8.2f} ms, p99 {queries[name]['p99_ms']:8.2f} ms")
        page = quantiles_ms(timed(page_get(), args.repeat))
        print(
            f"page:     GET {PAGE:<20} p50 {page['p50_ms']:8.2f} ms, p99 {page['p99_ms']:8.2f} ms (target p99 < 200 ms)"
        )
        cold = quantiles_ms(timed(page_get(cold=True), min(args.repeat, 20)))
        print(f"page:     {'cold, cache cleared':<24} p50 {cold['p50_ms']:8.2f} ms, p99 {cold['p99_ms']:8.2f} ms")
        plain = quantiles_ms(timed(baseline(), min(args.repeat, 20)))
        print(
            f"baseline: GROUP BY province, month   p50 {plain['p50_ms']:8.2f} ms, p99 {plain['p99_ms']:8.2f} ms"
            " (raw report table, no disclosure control, no page)"
        )
        print(f"ratio:    baseline p99 / page p99 = {ratio(plain, page):.1f}x (above 1: the page is faster)")
    finally:
        if database == "postgresql":  # leave the caller's database as empty as it was given
            with connection.cursor() as cursor:
                cursor.execute(
                    "TRUNCATE intake_report, correlate_cluster, correlate_clustermember, insight_tally,"
                    " insight_publishedmonth, insight_publishedsnapshot CASCADE"
                )
    return {
        "benchmark": "insight",
        "database": database,
        "seed": args.seed,
        "reports": args.reports,
        "consenting": counted,
        "repeat": args.repeat,
        "load_s": round(load_s, 1),
        "tally_refresh_s": round(refresh_s, 1),
        "quarters_published": len(published),
        "publish_s": round(publish_s, 1),
        "queries": queries,
        "page_p50_ms": page["p50_ms"],
        "page_p99_ms": page["p99_ms"],
        "page_target_p99_ms": 200,
        "page_within_target": page["p99_ms"] < 200,
        "page_cold_p50_ms": cold["p50_ms"],
        "page_cold_p99_ms": cold["p99_ms"],
        "baseline": "GROUP BY province, month received over intake_report (consenting)",
        "baseline_p50_ms": plain["p50_ms"],
        "baseline_p99_ms": plain["p99_ms"],
        "baseline_over_page_p99": round(ratio(plain, page), 1),
    }


def ratio(baseline: dict[str, float], measured: dict[str, float]) -> float:
    """How many times the plain GROUP BY's p99 holds the page's p99 (the figure compared across machines)."""
    return baseline["p99_ms"] / measured["p99_ms"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url", default=None, help="an empty PostgreSQL database; default SQLite in a temp folder"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=50, help="timed calls per query and of the page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="meldpunt-bench-") as home:
        configure(Path(home), args.database_url, args.seed)
        (Path(home) / "static").mkdir()  # the page's static files middleware expects the folder
        result = run(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
