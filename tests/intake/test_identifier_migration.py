"""Migration 0005 rebuilds ReportIdentifier around a composite primary key: both ways, rows kept."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("intake", "0004_report_synthetic")
AFTER = ("intake", "0005_reportidentifier_composite_pk")
ROWS = [("phone", "a" * 64), ("email", "b" * 64), ("phone", "c" * 64)]


def migrate_to(target: tuple[str, str]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return MigrationExecutor(connection)


def identifier_rows(executor: MigrationExecutor, target: tuple[str, str]) -> list[tuple[int, str, str]]:
    model = executor.loader.project_state(target).apps.get_model("intake", "ReportIdentifier")
    return sorted(model.objects.values_list("report_id", "kind", "digest"))


@pytest.mark.django_db(transaction=True)
def test_rows_survive_the_composite_key_and_the_way_back() -> None:
    executor = migrate_to(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        report_model, identifier_model = (
            apps.get_model("intake", "Report"),
            apps.get_model("intake", "ReportIdentifier"),
        )
        reports = [
            report_model.objects.create(
                locator_digest=f"{n:064d}",
                receipt_salt=bytes(16),
                receipt_verifier=bytes(32),
                receipt_sealed_key=b"k",
                language="nl",
                created_on=date(2026, 1, 1),
                last_activity_on=date(2026, 1, 1),
                payload=b"p",
            )
            for n in range(2)
        ]
        identifier_model.objects.bulk_create(
            identifier_model(report=report, kind=kind, digest=digest) for report in reports for kind, digest in ROWS
        )
        expected = sorted((report.pk, kind, digest) for report in reports for kind, digest in ROWS)

        executor = migrate_to(AFTER)
        assert identifier_rows(executor, AFTER) == expected
        with connection.cursor() as cursor:
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, "intake_reportidentifier")
            }
            constraints = connection.introspection.get_constraints(cursor, "intake_reportidentifier")
        assert columns == {"report_id", "kind", "digest"}
        primary = [c for c in constraints.values() if c["primary_key"]]
        assert [sorted(c["columns"]) for c in primary] == [["digest", "kind", "report_id"]]
        if connection.vendor == "postgresql":  # SQLite's introspection lists them in table order
            assert primary[0]["columns"] == ["digest", "kind", "report_id"]
        assert any(c["index"] and c["columns"] == ["report_id"] for c in constraints.values())

        executor = migrate_to(BEFORE)
        assert identifier_rows(executor, BEFORE) == expected
        assert identifier_model.objects.filter(pk__isnull=False).count() == len(expected)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
