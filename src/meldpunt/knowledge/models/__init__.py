"""The knowledge base's tables, one module per family (STYLE 1)."""

from meldpunt.knowledge.models.history import RecordAction, RecordVersion
from meldpunt.knowledge.models.records import (
    RECORD_MODELS,
    Actor,
    ActorAlias,
    ActorIdentifier,
    CitedRecord,
    Event,
    Partnership,
    Place,
    Statement,
)
from meldpunt.knowledge.models.review import CandidateFact, CandidateKind, CandidateStatus
from meldpunt.knowledge.models.sources import Citation, Passage, Source

__all__ = [
    "RECORD_MODELS",
    "Actor",
    "ActorAlias",
    "ActorIdentifier",
    "CandidateFact",
    "CandidateKind",
    "CandidateStatus",
    "Citation",
    "CitedRecord",
    "Event",
    "Partnership",
    "Passage",
    "Place",
    "RecordAction",
    "RecordVersion",
    "Source",
    "Statement",
]
