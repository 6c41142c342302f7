"""Start Meldpunt's real server (gunicorn) in a folder of its own, for crash tests and benchmarks."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(home: Path, *, fast_kdf: bool, database_url: str | None) -> dict[str, str]:
    """An environment for the server: its own MELDPUNT_HOME, and SQLite there unless given a URL."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(
        MELDPUNT_HOME=str(home),
        DJANGO_SETTINGS_MODULE="tests.settings" if fast_kdf else "meldpunt.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare(home: Path, *, fast_kdf: bool, database_url: str | None = None) -> None:
    """Migrate and load the demo handler, through the real commands."""
    env = server_env(home, fast_kdf=fast_kdf, database_url=database_url)
    for command in (["migrate", "--no-input", "-v", "0"], ["demo"]):
        subprocess.run([str(BIN / "meldpunt"), *command], env=env, check=True, capture_output=True, cwd=ROOT)


@dataclass(frozen=True)
class Server:
    base: str
    process: subprocess.Popen[bytes]

    def kill(self) -> None:
        """SIGKILL to the server's whole process group: no graceful shutdown, as in a power cut."""
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


@contextmanager
def running_server(
    home: Path,
    *,
    fast_kdf: bool,
    database_url: str | None = None,
    workers: int | None = None,
    threads: int | None = None,
) -> Iterator[Server]:
    """gunicorn on a free loopback port, in a process group of its own, killed on exit."""
    port = free_port()
    env = server_env(home, fast_kdf=fast_kdf, database_url=database_url)
    env["MELDPUNT_BIND"] = f"127.0.0.1:{port}"
    if workers is not None:
        env["MELDPUNT_WORKERS"] = str(workers)  # else gunicorn_conf's default for the database
    if threads is not None:
        env["MELDPUNT_THREADS"] = str(threads)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "meldpunt.wsgi:application", "--config", "python:meldpunt.gunicorn_conf"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {process.stderr.read().decode() if process.stderr else ''}")
            time.sleep(0.2)
        server = Server(base, process)
        yield server
    finally:
        Server(base, process).kill()
