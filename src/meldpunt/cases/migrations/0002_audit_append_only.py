"""The audit log becomes append-only in the database itself: UPDATE and DELETE of an entry are refused,
and so is TRUNCATE on PostgreSQL while the log holds any entry (SQLite has no TRUNCATE; its DELETE
without WHERE fires the row trigger). An empty log can be "emptied", so Django's `flush` still works
on a database whose audit log was emptied first with the triggers off, as the test suite does.

Both vendors raise an integrity error with the same message, so callers and tests see one behaviour.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from meldpunt.common.vendor_sql import vendor_sql_run

MESSAGE = "audit log is append-only"

SQLITE_INSTALL = [
    f"CREATE TRIGGER cases_auditentry_no_update BEFORE UPDATE ON cases_auditentry "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER cases_auditentry_no_delete BEFORE DELETE ON cases_auditentry "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS cases_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS cases_auditentry_no_delete;",
]

POSTGRESQL_INSTALL = [
    f"""
    CREATE FUNCTION cases_auditentry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$;
    """,
    "CREATE TRIGGER cases_auditentry_append_only BEFORE UPDATE OR DELETE ON cases_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION cases_auditentry_refuse_change();",
    f"""
    CREATE FUNCTION cases_auditentry_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM cases_auditentry) THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NULL;
    END;
    $$;
    """,
    "CREATE TRIGGER cases_auditentry_no_truncate BEFORE TRUNCATE ON cases_auditentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION cases_auditentry_refuse_truncate();",
]
POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS cases_auditentry_no_truncate ON cases_auditentry;",
    "DROP FUNCTION IF EXISTS cases_auditentry_refuse_truncate();",
    "DROP TRIGGER IF EXISTS cases_auditentry_append_only ON cases_auditentry;",
    "DROP FUNCTION IF EXISTS cases_auditentry_refuse_change();",
]

STATEMENTS = {
    "sqlite": (SQLITE_INSTALL, SQLITE_REMOVE),
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_REMOVE),
}


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor_sql_run(schema_editor, STATEMENTS, install=True, what="the audit log's triggers")


def remove(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor_sql_run(schema_editor, STATEMENTS, install=False, what="the audit log's triggers")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, remove),
    ]
