"""Run hand-written SQL (triggers that make the database itself refuse a change) for the vendor in use.

Migrations that install such triggers keep their statements per vendor; this runs the right list and
refuses a database it has no statements for, rather than leaving the guarantee silently missing.
"""

from __future__ import annotations

from django.db.backends.base.schema import BaseDatabaseSchemaEditor

Statements = dict[str, tuple[list[str], list[str]]]  # vendor -> (install, remove)


def vendor_sql_run(
    schema_editor: BaseDatabaseSchemaEditor, statements: Statements, *, install: bool, what: str
) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in statements:
        raise RuntimeError(f"{what} exist for PostgreSQL and SQLite, not {vendor}")
    for statement in statements[vendor][0 if install else 1]:
        schema_editor.execute(statement)
