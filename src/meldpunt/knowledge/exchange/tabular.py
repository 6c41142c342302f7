"""The knowledge base as JSON (one document, every kind) and CSV (a zip archive of one table per kind).

Columns are the snapshot's fields. In CSV, list fields (a place's aliases, an actor's aliases, an
event's actors) and the `citations` column hold JSON, so a spreadsheet shows them and a script reads
them back without a second table. Each citation names its source by key (`sources.csv`), the
locator, and for a passage its offsets and exact quote.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from meldpunt.knowledge.exchange.snapshot import COLUMNS, KINDS, Snapshot

FORMAT = "meldpunt-knowledge"
VERSION = 1
# zip entries carry this fixed time so the same knowledge gives the same archive, byte for byte
_ZIP_TIME = (2022, 1, 1, 0, 0, 0)


def json_document(snapshot: Snapshot) -> str:
    document = {"format": FORMAT, "version": VERSION, **snapshot.rows}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _cell(value: object) -> object:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def csv_tables(snapshot: Snapshot) -> dict[str, str]:
    """`<kind>.csv` → its text; the header is written even for an empty table."""
    tables = {}
    for kind in KINDS:
        rows = snapshot.rows[kind]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        columns = COLUMNS[kind]
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[column]) for column in columns])
        tables[f"{kind}.csv"] = buffer.getvalue()
    return tables


def csv_zip(snapshot: Snapshot) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in csv_tables(snapshot).items():
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, text.encode("utf-8"))
    return buffer.getvalue()
