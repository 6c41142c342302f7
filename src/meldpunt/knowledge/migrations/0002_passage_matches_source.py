"""The database itself refuses a passage whose quote is not the source's text at its offsets, and a
change to a source's text once passages quote it. Offsets count characters (code points), as Python's
`str` slicing, SQLite's `substr` on text and PostgreSQL's `substr` on UTF-8 all do.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from meldpunt.common.vendor_sql import vendor_sql_run

MISMATCH = "passage quote does not match its source"
FROZEN = "source text is quoted by passages"
_SLICE = 'substr(s.text, NEW.start + 1, NEW."end" - NEW.start)'

SQLITE_INSTALL = [
    f"""CREATE TRIGGER knowledge_passage_matches_{event.lower()} BEFORE {event} ON knowledge_passage
    WHEN NOT EXISTS (SELECT 1 FROM knowledge_source s WHERE s.id = NEW.source_id AND {_SLICE} = NEW.quote)
    BEGIN SELECT RAISE(ABORT, '{MISMATCH}'); END;"""
    for event in ("INSERT", "UPDATE")
] + [
    f"""CREATE TRIGGER knowledge_source_text_frozen BEFORE UPDATE OF text ON knowledge_source
    WHEN NEW.text IS NOT OLD.text AND EXISTS (SELECT 1 FROM knowledge_passage p WHERE p.source_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END;"""
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS knowledge_passage_matches_insert;",
    "DROP TRIGGER IF EXISTS knowledge_passage_matches_update;",
    "DROP TRIGGER IF EXISTS knowledge_source_text_frozen;",
]

POSTGRESQL_INSTALL = [
    f"""
    CREATE FUNCTION knowledge_passage_check() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM knowledge_source s WHERE s.id = NEW.source_id AND {_SLICE} = NEW.quote) THEN
            RAISE EXCEPTION '{MISMATCH}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$;
    """,
    "CREATE TRIGGER knowledge_passage_matches BEFORE INSERT OR UPDATE ON knowledge_passage "
    "FOR EACH ROW EXECUTE FUNCTION knowledge_passage_check();",
    f"""
    CREATE FUNCTION knowledge_source_text_check() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.text IS DISTINCT FROM OLD.text
           AND EXISTS (SELECT 1 FROM knowledge_passage p WHERE p.source_id = OLD.id) THEN
            RAISE EXCEPTION '{FROZEN}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$;
    """,
    "CREATE TRIGGER knowledge_source_text_frozen BEFORE UPDATE ON knowledge_source "
    "FOR EACH ROW EXECUTE FUNCTION knowledge_source_text_check();",
]
POSTGRESQL_REMOVE = [
    "DROP TRIGGER IF EXISTS knowledge_source_text_frozen ON knowledge_source;",
    "DROP FUNCTION IF EXISTS knowledge_source_text_check();",
    "DROP TRIGGER IF EXISTS knowledge_passage_matches ON knowledge_passage;",
    "DROP FUNCTION IF EXISTS knowledge_passage_check();",
]

STATEMENTS = {"sqlite": (SQLITE_INSTALL, SQLITE_REMOVE), "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_REMOVE)}


def install(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor_sql_run(schema_editor, STATEMENTS, install=True, what="the passage triggers")


def remove(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor_sql_run(schema_editor, STATEMENTS, install=False, what="the passage triggers")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
