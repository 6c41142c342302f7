"""Intake throughput against its floor: the argon2id derivation every submission must pay.

Drives the real server (gunicorn, production settings and argon2id parameters, SQLite in a fresh
MELDPUNT_HOME unless --database-url is given) with concurrent clients posting reports to the JSON
API, and measures in the same run the derivation alone on as many threads as the machine has cores.
ratio = floor rate / intake rate: 1.0 would mean intake costs nothing beyond the derivation.
Target: ratio <= 1.5 and no error with 50 concurrent clients. The last line is one JSON object.
Run from the project folder: `python -m bench.intake` (`make bench`).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.support.server import prepare, running_server

from meldpunt.crypto import RECEIPT_KDF, derive_receipt_key, new_receipt_salt

BODY = {
    "language": "zh-hans",
    "narrative": "他们每天从同一个号码给我打电话。" * 20,
    "tactics": ["direct_threat", "pressure_to_return"],
    "identifiers": [{"kind": "phone", "value": "+86 10 5555 0100"}, {"kind": "wechat", "value": "officer_88"}],
    "consents": {"replies": True, "statistics": True, "police_help": False},
}


def floor_rate(count: int, threads: int) -> float:
    """Derivations per second with `threads` threads (argon2-cffi releases the GIL)."""
    salt = new_receipt_salt()
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda _: derive_receipt_key("123456789012", salt, params=RECEIPT_KDF), range(count)))
    return count / (time.perf_counter() - started)


def drive(base: str, clients: int, total: int) -> tuple[list[float], int, float]:
    """`clients` keep-alive connections posting reports until `total` have been sent.

    The standard library's http.client keeps the load generator's own CPU cost low: it shares the
    machine's cores with the server, and every cycle it spends is counted against intake.
    """
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = iter(range(total))
    host, port = base.removeprefix("http://").split(":")
    body = json.dumps(BODY).encode()
    headers = {"Content-Type": "application/json"}

    def client() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        while True:
            with lock:
                if next(remaining, None) is None:
                    break
            started = time.perf_counter()
            try:
                connection.request("POST", "/api/v1/intake/reports", body, headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 201
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=60)
                ok = False
            with lock:
                latencies.append(time.perf_counter() - started)
                errors += 0 if ok else 1
        connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    return latencies, errors, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn processes (default: gunicorn_conf's)")
    parser.add_argument("--threads", type=int, default=None, help="threads per process (default: gunicorn_conf's)")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL; default SQLite in a temp folder")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    floor_before = floor_rate(args.submissions // 2, cores)
    with tempfile.TemporaryDirectory(prefix="meldpunt-bench-") as home:
        prepare(Path(home), fast_kdf=False, database_url=args.database_url)
        with running_server(
            Path(home), fast_kdf=False, database_url=args.database_url, workers=args.workers, threads=args.threads
        ) as server:
            drive(server.base, clients=4, total=20)  # warm up connections and caches
            latencies, errors, elapsed = drive(server.base, args.clients, args.submissions)
    # The faster of two floor runs, one each side of the load: a noisy neighbour then flatters no one.
    floor = max(floor_before, floor_rate(args.submissions // 2, cores))
    rate = len(latencies) / elapsed
    quantiles = statistics.quantiles(latencies, n=100)
    result = {
        "benchmark": "intake",
        "database": "postgresql" if args.database_url else "sqlite",
        "clients": args.clients,
        "submissions": len(latencies),
        "errors": errors,
        "submissions_per_second": round(rate, 1),
        "p50_ms": round(quantiles[49] * 1000, 1),
        "p99_ms": round(quantiles[98] * 1000, 1),
        "baseline": f"argon2id alone (t={RECEIPT_KDF.time_cost}, m={RECEIPT_KDF.memory_kib} KiB), {cores} threads",
        "baseline_per_second": round(floor, 1),
        "ratio_floor_to_intake": round(floor / rate, 2),
    }
    print(f"intake: {rate:.1f} submissions/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, {errors} errors")
    print(f"floor:  {floor:.1f} derivations/s ({result['baseline']})")
    print(f"ratio:  {result['ratio_floor_to_intake']} (target <= 1.5)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
