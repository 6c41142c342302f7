"""gunicorn settings for `make serve` and production: no access log, ever.

An access log would record every reporter's address and the time of the visit; gunicorn writes one
only when asked, and this file never asks. Errors still go to standard error.
"""

import os

bind = os.environ.get("MELDPUNT_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("MELDPUNT_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("MELDPUNT_THREADS", "8"))
accesslog = None
errorlog = "-"
loglevel = "warning"
timeout = 60
graceful_timeout = 30
