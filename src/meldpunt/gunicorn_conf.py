"""gunicorn settings for `make serve` and production: no access log, ever.

An access log would record every reporter's address and the time of the visit; gunicorn writes one
only when asked, and this file never asks. Errors still go to standard error.

Workers: on SQLite one process with threads. argon2id, the bulk of a submission's cost, releases
the GIL, so threads use every core; several processes would fight over SQLite's single write lock,
whose busy handler sleeps (bench/intake.py measured about half the throughput with two processes).
On PostgreSQL one process per core.
"""

import os

bind = os.environ.get("MELDPUNT_BIND", "127.0.0.1:8000")
_default_workers = (os.cpu_count() or 1) if os.environ.get("DATABASE_URL") else 1
workers = int(os.environ.get("MELDPUNT_WORKERS", str(_default_workers)))
worker_class = "gthread"
# Two request threads per core: more only queue for the GIL between argon2id runs (bench/intake.py).
threads = int(os.environ.get("MELDPUNT_THREADS", str(2 * (os.cpu_count() or 1))))
accesslog = None
errorlog = "-"
loglevel = "warning"
timeout = 60
graceful_timeout = 30
