"""Killing the server in the middle of submissions loses nothing that was acknowledged.

Real gunicorn workers take concurrent submissions; the whole process group gets SIGKILL while
requests are in flight; a fresh server must open every receipt that was handed out.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.support.server import prepare, running_server

pytestmark = pytest.mark.slow

ACKNOWLEDGED_BEFORE_KILL = 40


def test_kill_during_submissions_loses_no_acknowledged_report(tmp_path: Path) -> None:
    prepare(tmp_path, fast_kdf=True)
    acknowledged: dict[str, str] = {}
    lock = threading.Lock()
    enough = threading.Event()

    def client(worker: int) -> None:
        with httpx.Client(timeout=10) as http:
            for n in range(1000):
                narrative = f"report {worker}-{n}"
                body = {"language": "en", "narrative": narrative, "tactics": ["direct_threat"]}
                try:
                    response = http.post(f"{base}/api/v1/intake/reports", json=body)
                except httpx.TransportError:
                    return  # the server is gone: this submission was never acknowledged
                if response.status_code == 201:
                    with lock:
                        acknowledged[response.json()["receipt"]] = narrative
                        if len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL:
                            enough.set()

    with running_server(tmp_path, fast_kdf=True) as server, ThreadPoolExecutor(8) as pool:
        base = server.base
        futures = [pool.submit(client, worker) for worker in range(8)]
        assert enough.wait(120), "the server acknowledged too few submissions"
        server.kill()
        for future in futures:
            future.result()
    with lock:
        receipts = dict(acknowledged)
    assert len(receipts) >= ACKNOWLEDGED_BEFORE_KILL

    with running_server(tmp_path, fast_kdf=True) as server, httpx.Client(timeout=10) as http:
        base = server.base
        for receipt, narrative in receipts.items():
            session = http.post(f"{base}/api/v1/intake/session", json={"receipt": receipt})
            assert session.status_code == 200, receipt
            token = session.json()["token"]
            report = http.get(f"{base}/api/v1/intake/report", headers={"Authorization": f"Bearer {token}"})
            assert report.json()["answers"]["narrative"] == narrative
