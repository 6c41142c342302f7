"""Knowledge exchange: exports to FollowTheMoney, STIX 2.1, CSV and JSON, and the FtM import.

All exports are written from one snapshot of the records that are not retired (snapshot.py), so
the formats agree with each other and with the public pages.
"""

from __future__ import annotations

from meldpunt.knowledge.exchange.ftm import ftm_import, ftm_lines
from meldpunt.knowledge.exchange.snapshot import knowledge_snapshot
from meldpunt.knowledge.exchange.stix import stix_json
from meldpunt.knowledge.exchange.tabular import csv_zip, json_document

FORMATS = ("ftm", "stix", "csv", "json")


def knowledge_export(*, format: str) -> bytes:
    """The whole export in `format`, as bytes ready for a file or standard output."""
    snapshot = knowledge_snapshot()
    if format == "ftm":
        return "".join(f"{line}\n" for line in ftm_lines(snapshot)).encode("utf-8")
    if format == "stix":
        return (stix_json(snapshot) + "\n").encode("utf-8")
    if format == "csv":
        return csv_zip(snapshot)
    if format == "json":
        return (json_document(snapshot) + "\n").encode("utf-8")
    raise ValueError(f"unknown export format {format!r}; one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "ftm_import", "knowledge_export"]
