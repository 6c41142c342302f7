"""Correlation at scale: full rebuild, incremental linking and bulk lookup, against a self-join baseline.

Fills a fresh database (SQLite in a temp MELDPUNT_HOME unless --database-url names an empty PostgreSQL
database you own) with N seeded synthetic reports of about five identifiers each: one value shared by
1% of N reports, five by 0.1%, a hundred by 0.01%, N/20 by 2 to 5 reports, every other value unique
(at N = 1,000,000: 10,000 / 1,000 / 100 / 2-5). Report rows carry fixed placeholder bytes; identifier
digests are the real blind index (the configured key) over canonical values, so lookups by display
form find them. Rows go in by raw bulk inserts (executemany on SQLite, COPY on PostgreSQL), timed
apart as load_s and part of no target.

Measured in the same run:
- rebuild: links_rebuild() over everything, in a child process of its own, so that its peak RSS
  (VmHWM of that process, Django included) is the rebuild's and not the generator's;
- incremental: 200 new reports arriving one by one with N stored (80 unlinked, 60 join a campaign,
  40 pair with a stored report's unique value, 20 bridge two campaigns); report_link() alone is timed;
- bulk lookup: bulk_lookup() of 200 display-form values (the six largest campaigns, 20 of size 0.01%,
  50 small campaigns, 74 stored unique values, 50 absent values), worst of three calls;
- index size: ReportIdentifier's indexes plus the correlate_cluster and correlate_clustermember
  tables with their indexes, beside the raw identifier table (intake_reportidentifier alone, no index),
  as grown by the load; on PostgreSQL also after a REINDEX at the very end, for information only;
- baseline: the MISP way, a correlation table of pairs materialised by a self-join on the digest.
  Only the INSERT ... SELECT (and its commit) is timed, with no index on the pairs table and no
  components computed from it: a lower bound for what the baseline costs. Bounded by
  --baseline-timeout; if cut, the speedup is a lower bound too (baseline_timed_out in the JSON).

Targets on the 2-core machine: rebuild <= 60 s, incremental p99 <= 10 ms, speedup >= 10x,
index <= 1.5x raw, bulk lookup <= 0.5 s. The last line is one JSON object.
Run from the project folder: `python -m bench.correlate [--reports N] [--database-url URL] [--seed S]`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("phone", "email", "wechat", "telegram")
LANGUAGES = ("zh-hans", "zh-hant", "ug", "en", "nl")
SALT, VERIFIER, SEALED, PAYLOAD = bytes(16), bytes(32), bytes(72), bytes(1024)  # placeholders, never opened
INSERT_REPORT = (
    "INSERT INTO intake_report ("
    "id, locator_digest, receipt_salt, receipt_verifier, receipt_sealed_key, escrow_sealed_key, retained_until,"
    " language, status, created_on, last_activity_on, payload, tactics, origin_state, community, incident_month,"
    " province, urgency, verification, consent_statistics, synthetic)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
COPY_REPORT = (
    "COPY intake_report ("
    "id, locator_digest, receipt_salt, receipt_verifier, receipt_sealed_key, escrow_sealed_key, retained_until,"
    " language, status, created_on, last_activity_on, payload, tactics, origin_state, community, incident_month,"
    " province, urgency, verification, consent_statistics, synthetic)"
    " FROM STDIN"
)
BATCH = 50_000
ARRIVALS = 200
LOOKUPS = 200


def campaign_value(number: int) -> tuple[str, str]:
    """(kind, canonical value) of shared value `number`; never equal to a unique or absent value."""
    kind = KINDS[number % len(KINDS)]
    canonical = {
        "phone": f"+3161{number:07d}",
        "email": f"c{number}@bench-mail.nl",
        "wechat": f"cw_{number:07d}",
        "telegram": f"ct_{number:07d}",
    }[kind]
    return kind, canonical


def unique_value(number: int) -> tuple[str, str]:
    kind = KINDS[number % len(KINDS)]
    canonical = {
        "phone": f"+8613{number:09d}",
        "email": f"u{number}@bench-mail.nl",
        "wechat": f"uw_{number:09d}",
        "telegram": f"ut_{number:09d}",
    }[kind]
    return kind, canonical


def absent_value(number: int) -> tuple[str, str]:
    kind = KINDS[number % len(KINDS)]
    canonical = {
        "phone": f"+3162{number:07d}",
        "email": f"a{number}@bench-mail.nl",
        "wechat": f"aw_{number:07d}",
        "telegram": f"at_{number:07d}",
    }[kind]
    return kind, canonical


def display(kind: str, canonical: str) -> str:
    """How an analyst might paste the value: the lookup must normalise it back."""
    if kind == "phone":
        return f"{canonical[:3]} {canonical[3:6]} {canonical[6:]}"
    if kind == "telegram":
        return f"@{canonical}"
    return canonical.upper()


@dataclass
class Population:
    reports: int
    sizes: list[int]  # reports per shared value, by value number
    digests: list[tuple[str, str]]  # (kind, digest) per shared value
    held: dict[int, list[int]]  # report id -> shared values it holds
    uniques: int = 0  # unique values drawn so far (numbered from 0)
    identifiers: int = 0


def population(reports: int, rng: random.Random, index: Any) -> Population:
    scale = reports / 1_000_000
    sizes = [max(2, round(10_000 * scale))] + [max(2, round(1_000 * scale))] * 5
    sizes += [max(2, round(100 * scale))] * 100
    sizes += [rng.randint(2, 5) for _ in range(reports // 20)]
    sizes = [min(size, reports) for size in sizes]
    held: dict[int, list[int]] = {}
    for number, size in enumerate(sizes):
        for report in rng.sample(range(1, reports + 1), size):
            held.setdefault(report, []).append(number)
    digests = []
    for number in range(len(sizes)):
        kind, canonical = campaign_value(number)
        digests.append((kind, index.digest(kind, canonical)))
    return Population(reports, sizes, digests, held)


def report_row(report: int, created: date, rng: random.Random, tactics: list[str]) -> tuple[Any, ...]:
    day = created.isoformat()
    return (
        report,
        f"{report:064x}",
        SALT,
        VERIFIER,
        SEALED,
        None,
        None,
        rng.choice(LANGUAGES),
        "new",
        day,
        day,
        PAYLOAD,
        json.dumps(rng.sample(tactics, rng.randint(1, 3))),
        "",
        "",
        day[:7],
        "",
        "",
        "unverified",
        rng.random() < 0.7,
        True,  # synthetic, as the demo's generated reports are labelled
    )


def batches(
    pop: Population, rng: random.Random, index: Any, today: date, tactics: list[str]
) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Report rows and identifier rows, BATCH reports at a time: 4 to 6 identifiers per report."""
    for first in range(1, pop.reports + 1, BATCH):
        reports, identifiers = [], []
        for report in range(first, min(pop.reports, first + BATCH - 1) + 1):
            reports.append(report_row(report, today - timedelta(days=rng.randrange(730)), rng, tactics))
            shared = pop.held.get(report, [])
            identifiers.extend((report, *pop.digests[number]) for number in shared)
            for _ in range(rng.randint(4, 6) - len(shared)):
                kind, canonical = unique_value(pop.uniques)
                pop.uniques += 1
                identifiers.append((report, kind, index.digest(kind, canonical)))
        pop.identifiers += len(identifiers)
        yield reports, identifiers


def load(pop: Population, rng: random.Random, index: Any, tactics: list[str]) -> float:
    """Raw bulk inserts of the whole population; returns seconds, analysis and checkpoint included."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from meldpunt.intake.models import Report, ReportIdentifier

    today = timezone.localdate()
    connection.ensure_connection()
    raw = connection.connection
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        insert_identifier = "INSERT INTO intake_reportidentifier (report_id, kind, digest) VALUES (?, ?, ?)"
        with transaction.atomic():
            for reports, identifiers in batches(pop, rng, index, today, tactics):
                raw.executemany(INSERT_REPORT, reports)
                raw.executemany(insert_identifier, identifiers)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    else:
        for reports, identifiers in batches(pop, rng, index, today, tactics):
            with transaction.atomic(), raw.cursor() as cursor:
                with cursor.copy(COPY_REPORT) as copy:
                    for row in reports:
                        copy.write_row(row)
                with cursor.copy("COPY intake_reportidentifier (report_id, kind, digest) FROM STDIN") as copy:
                    for row in identifiers:
                        copy.write_row(row)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Report, ReportIdentifier]):
                cursor.execute(statement)
            # What autovacuum would have done by the time anyone links: statistics and visibility map.
            cursor.execute("VACUUM ANALYZE intake_report")
            cursor.execute("VACUUM ANALYZE intake_reportidentifier")
    return time.perf_counter() - started


def peak_rss_mib() -> float:
    """This process's peak resident set: VmHWM, the high-water mark of its own memory map.

    Not getrusage()'s ru_maxrss alone: Linux carries the parent's peak into a child across fork and
    exec, so in the rebuild's process ru_maxrss would show the generator's memory, not the rebuild's.
    """
    with contextlib.suppress(OSError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def rebuild_child() -> None:
    """In a process of its own: links_rebuild() timed, with this process's peak RSS."""
    from django.db import connection

    from meldpunt.correlate.linking import links_rebuild

    connection.ensure_connection()
    before = peak_rss_mib()
    started = time.perf_counter()
    clusters = links_rebuild()
    seconds = time.perf_counter() - started
    peak = peak_rss_mib()
    print(json.dumps({"seconds": seconds, "clusters": clusters, "rss_before_mib": before, "rss_peak_mib": peak}))


def rebuild() -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.correlate", "--rebuild-child"],
        cwd=ROOT,
        env=os.environ.copy(),
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"the rebuild failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def arrivals(pop: Population, rng: random.Random, tactics: list[str]) -> list[tuple[str, float]]:
    """ARRIVALS new reports stored one by one; only report_link() is timed. Returns (what, seconds) each."""
    from django.utils import timezone

    from meldpunt.correlate.linking import report_link
    from meldpunt.intake.models import Report, ReportIdentifier
    from meldpunt.intake.services import blind_index

    index = blind_index()
    today = timezone.localdate()
    plan = ["none"] * 80 + ["campaign"] * 60 + ["pair"] * 40 + ["bridge"] * 20
    rng.shuffle(plan)
    numbers = range(len(pop.sizes))
    latencies = []
    for what in plan:
        digests = []
        if what in ("campaign", "bridge"):
            chosen: set[int] = set()
            while len(chosen) < (2 if what == "bridge" else 1):
                chosen.add(rng.choices(numbers, weights=pop.sizes)[0])
            digests += [pop.digests[number] for number in sorted(chosen)]
        if what == "pair":
            kind, canonical = unique_value(rng.randrange(pop.uniques))
            digests.append((kind, index.digest(kind, canonical)))
        while len(digests) < 5:
            kind, canonical = unique_value(pop.uniques)
            pop.uniques += 1
            digests.append((kind, index.digest(kind, canonical)))
        report = Report.objects.create(
            locator_digest=f"{pop.reports + len(latencies) + 1:064x}",
            receipt_salt=SALT,
            receipt_verifier=VERIFIER,
            receipt_sealed_key=SEALED,
            language=rng.choice(LANGUAGES),
            created_on=today,
            last_activity_on=today,
            payload=PAYLOAD,
            tactics=rng.sample(tactics, 2),
            synthetic=True,
        )
        ReportIdentifier.objects.bulk_create(ReportIdentifier(report=report, kind=k, digest=d) for k, d in digests)
        started = time.perf_counter()
        report_link(report_id=report.pk)
        latencies.append((what, time.perf_counter() - started))
    return latencies


def lookup(pop: Population, rng: random.Random) -> tuple[list[float], int]:
    """bulk_lookup() of LOOKUPS display-form values, three times; returns the times and reports found."""
    from meldpunt.correlate.normalise import normalise
    from meldpunt.correlate.selectors import bulk_lookup

    small = rng.sample(range(106, len(pop.sizes)), 50)
    stored = rng.sample(range(pop.uniques), 74)
    lines: list[tuple[tuple[str, str], int]] = []  # (kind, canonical), least reports expected
    lines += [(campaign_value(n), pop.sizes[n]) for n in [*range(6), *range(6, 26), *small]]
    lines += [(unique_value(n), 1) for n in stored]
    lines += [(absent_value(n), 0) for n in range(LOOKUPS - len(lines))]
    pasted = []
    for (kind, canonical), _ in lines:
        value = display(kind, canonical)
        if normalise(kind, value) != canonical:
            raise RuntimeError(f"bench bug: {kind} {value!r} does not normalise to {canonical!r}")
        pasted.append((kind, value))
    times, found = [], 0
    for _ in range(3):
        started = time.perf_counter()
        results = bulk_lookup(pasted)
        times.append(time.perf_counter() - started)
        found = sum(result.reports for result in results)
        for result, (_, least) in zip(results, lines, strict=True):
            if result.reports < least or (least == 0 and result.reports):
                raise RuntimeError(f"lookup of {result.line!r} found {result.reports} reports, expected {least}")
    return times, found


def relation_sizes() -> dict[str, dict[str, int]]:
    """Bytes per table of interest: {"table": {"": table alone, index name: index, ...}}."""
    from django.db import connection

    tables = ("intake_reportidentifier", "correlate_cluster", "correlate_clustermember", "bench_pairs")
    sizes: dict[str, dict[str, int]] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")
            owner = dict(cursor.fetchall())
            cursor.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
            for name, size in cursor.fetchall():
                table = owner.get(name)
                if table in tables:
                    sizes.setdefault(table, {})["" if name == table else name] = size
        else:
            for table in tables:
                cursor.execute("SELECT to_regclass(%s)", [table])
                if cursor.fetchone()[0] is None:
                    continue
                cursor.execute("SELECT pg_table_size(%s::regclass)", [table])
                sizes[table] = {"": cursor.fetchone()[0]}
                cursor.execute(
                    "SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index"
                    " WHERE indrelid = %s::regclass",
                    [table],
                )
                sizes[table].update(cursor.fetchall())
    return sizes


def index_sizes() -> tuple[int, dict[str, int]]:
    """The raw identifier table's bytes, and the bytes of each part of the correlation index."""
    sizes = relation_sizes()
    identifier = sizes["intake_reportidentifier"]
    added = {f"intake_reportidentifier index {n}": s for n, s in identifier.items() if n}
    for table in ("correlate_cluster", "correlate_clustermember"):
        added.update({f"{table} {n or 'table'}": s for n, s in sizes.get(table, {"": 0}).items()})
    return identifier[""], added


def self_join(timeout: float) -> tuple[float, bool, int]:
    """The MISP-style correlation table: every pair of reports sharing a digest, materialised.

    Returns (seconds, timed out, pairs). Times the INSERT ... SELECT and its commit, nothing else.
    """
    from django.db import OperationalError, connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_pairs")
        cursor.execute(
            "CREATE TABLE bench_pairs (report_a bigint NOT NULL, report_b bigint NOT NULL, digest varchar(64) NOT NULL)"
        )
    timer = None
    started = time.perf_counter()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                timer = threading.Timer(timeout, connection.connection.interrupt)
                timer.start()
            else:
                cursor.execute(f"SET LOCAL statement_timeout = {int(timeout * 1000)}")
            cursor.execute(
                "INSERT INTO bench_pairs (report_a, report_b, digest)"
                " SELECT a.report_id, b.report_id, a.digest FROM intake_reportidentifier a"
                " JOIN intake_reportidentifier b ON a.digest = b.digest AND a.report_id < b.report_id"
            )
            pairs = cursor.rowcount
        return time.perf_counter() - started, False, pairs
    except OperationalError:  # interrupted (SQLite) or statement timeout (PostgreSQL)
        return timeout, True, -1
    finally:
        if timer is not None:
            timer.cancel()


def mib(size: float) -> str:
    return f"{size / 2**20:,.1f} MiB"


def configure(home: Path, database_url: str | None, seed: int) -> None:
    """Environment first (settings read it on import), then Django, then the schema."""
    os.environ["MELDPUNT_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "meldpunt.settings"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    # A seeded blind-index key, so that a seed gives the same digests (and rebuild order) every run.
    secrets = home / "secrets"
    secrets.mkdir(mode=0o700)
    key = secrets / "blind_index.key"
    key.write_bytes(random.Random(f"key-{seed}").randbytes(32))
    key.chmod(0o600)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection

    from meldpunt.correlate.models import Cluster
    from meldpunt.intake.models import Report
    from meldpunt.intake.services import blind_index
    from meldpunt.vocab import concept

    if Report.objects.exists() or Cluster.objects.exists():
        raise SystemExit("the database must be empty: give --database-url a fresh database of your own")
    database = connection.vendor
    rng = random.Random(args.seed)
    index = blind_index()
    tactics = [term.id for term in concept("tactics").terms]
    try:
        pop = population(args.reports, rng, index)
        load_s = load(pop, rng, index, tactics)
        shared = sum(pop.sizes)
        print(
            f"load:        {pop.reports:,} reports, {pop.identifiers:,} identifiers ({len(pop.sizes):,} shared values"
            f" held {shared:,} times, largest {max(pop.sizes):,}) in {load_s:.1f} s [{database}]"
        )

        built = rebuild()
        print(
            f"rebuild:     {built['clusters']:,} campaigns in {built['seconds']:.1f} s (target <= 60 s);"
            f" peak RSS {built['rss_peak_mib']:.0f} MiB (VmHWM of the rebuild's own process, which held"
            f" {built['rss_before_mib']:.0f} MiB with Django loaded before it)"
        )

        if database == "postgresql":  # what autovacuum does within a minute of the rebuild's commit
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE correlate_cluster")
                cursor.execute("ANALYZE correlate_clustermember")
        timed = arrivals(pop, rng, tactics)
        latencies = [seconds for _, seconds in timed]
        quantiles = statistics.quantiles(latencies, n=100)
        p50, p99 = quantiles[49] * 1000, quantiles[98] * 1000
        print(
            f"incremental: {len(latencies)} arrivals with {pop.reports:,} stored: report_link p50 {p50:.1f} ms,"
            f" p99 {p99:.1f} ms, max {max(latencies) * 1000:.1f} ms (target p99 <= 10 ms)"
        )
        for what in ("none", "campaign", "pair", "bridge"):
            some = sorted(seconds * 1000 for kind, seconds in timed if kind == what)
            print(
                f"             {what:>8}: {len(some)} arrivals, median {statistics.median(some):.1f} ms,"
                f" max {some[-1]:.1f} ms"
            )

        lookup_times, found = lookup(pop, rng)
        print(
            f"bulk lookup: {LOOKUPS} values in {', '.join(f'{t:.3f}' for t in lookup_times)} s"
            f" ({found:,} report hits; target <= 0.5 s)"
        )

        raw, added = index_sizes()
        index_bytes = sum(added.values())
        print(f"index size:  raw identifier table (intake_reportidentifier alone) {mib(raw)}")
        for name, size in added.items():
            print(f"             + {name}: {mib(size)}")
        print(f"             correlation index {mib(index_bytes)} = {index_bytes / raw:.2f}x raw (target <= 1.5x)")

        baseline_s, timed_out, pairs = self_join(args.baseline_timeout)
        pairs_bytes = sum(relation_sizes().get("bench_pairs", {}).values())
        speedup = baseline_s / built["seconds"]
        bound = ">" if timed_out else ""
        print(
            f"self-join:   {'stopped after ' if timed_out else ''}{baseline_s:.1f} s to materialise"
            f" {pairs:,} pairs ({mib(pairs_bytes)}); links_rebuild is {bound}{speedup:.1f}x faster (target >= 10x;"
            " pairs alone, no index on them and no components: a lower bound for the baseline)"
        )
        reindexed = None
        if database == "postgresql":
            # The ratio above is of B-trees grown by inserts in random digest order (about 70% full),
            # as a live system's are; a restore or REINDEX builds them packed. Shown beside, not instead.
            with connection.cursor() as cursor:
                cursor.execute("DROP TABLE IF EXISTS bench_pairs")
                cursor.execute("REINDEX TABLE intake_reportidentifier")
            raw_after, added_after = index_sizes()
            reindexed = sum(added_after.values()) / raw_after
            print(f"index size:  after REINDEX TABLE intake_reportidentifier, {reindexed:.2f}x raw (for information)")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_pairs")
            if database == "postgresql":  # leave the caller's database as empty as it was given
                cursor.execute("TRUNCATE intake_report, correlate_cluster, correlate_clustermember CASCADE")
    return {
        "benchmark": "correlate",
        "database": database,
        "seed": args.seed,
        "reports": pop.reports,
        "identifiers": pop.identifiers,
        "load_s": round(load_s, 1),
        "rebuild_s": round(built["seconds"], 2),
        "rebuild_campaigns": built["clusters"],
        "rebuild_peak_rss_mib": round(built["rss_peak_mib"]),
        "incremental_p50_ms": round(p50, 2),
        "incremental_p99_ms": round(p99, 2),
        "bulk_lookup_s": round(max(lookup_times), 3),
        "raw_bytes": raw,
        "index_bytes": index_bytes,
        "index_to_raw_ratio": round(index_bytes / raw, 2),
        "index_to_raw_ratio_after_reindex": None if reindexed is None else round(reindexed, 2),
        "baseline": "self-join pairs materialised (lower bound)",
        "baseline_s": round(baseline_s, 1),
        "baseline_timed_out": timed_out,
        "pairs": pairs,
        "pairs_bytes": pairs_bytes,
        "speedup_vs_self_join": round(speedup, 1),
        "speedup_is_lower_bound": timed_out,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url", default=None, help="an empty PostgreSQL database; default SQLite in a temp folder"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline-timeout", type=float, default=900, help="seconds the self-join may take")
    parser.add_argument("--rebuild-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rebuild_child:  # started by rebuild(), with the environment already set
        import django

        django.setup()
        rebuild_child()
        return
    with tempfile.TemporaryDirectory(prefix="meldpunt-bench-") as home:
        configure(Path(home), args.database_url, args.seed)
        result = run(args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
