"""The audit log's append-only triggers, switched off the way an attacker with schema rights would.

Only tests do this: the tamper tests to play the attacker, and the suite to empty the log before the
flush that ends a transactional test (the log refuses DELETE and TRUNCATE while it holds entries).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from meldpunt.cases.models import AuditEntry

TRIGGERS = importlib.import_module("meldpunt.cases.migrations.0002_audit_append_only")


def execute(statement: str, params: tuple[Any, ...] = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@contextmanager
def audit_triggers_off() -> Iterator[None]:
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        execute("ALTER TABLE cases_auditentry DISABLE TRIGGER USER")
    else:
        for statement in TRIGGERS.SQLITE_REMOVE:
            execute(statement)
    try:
        yield
    finally:
        if postgresql:
            execute("ALTER TABLE cases_auditentry ENABLE TRIGGER USER")
        else:
            for statement in TRIGGERS.SQLITE_INSTALL:
                execute(statement)


def audit_log_empty() -> None:
    with audit_triggers_off():
        AuditEntry.objects.all().delete()
