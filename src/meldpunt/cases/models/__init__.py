"""Models of case handling, one module per model family (STYLE 1); import them from here."""

from meldpunt.cases.models.audit import REPORTER_EVENTS, AuditEntry, AuditEvent
from meldpunt.cases.models.case import DigestWatermark, Note, ReadMarker

__all__ = ["REPORTER_EVENTS", "AuditEntry", "AuditEvent", "DigestWatermark", "Note", "ReadMarker"]
