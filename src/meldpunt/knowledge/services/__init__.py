"""Writes to the knowledge base (STYLE 2): sources and passages, cited records, their history."""

from meldpunt.knowledge.services.records import (
    actor_alias_add,
    actor_identifier_add,
    record_cite,
    record_create,
    record_merge,
    record_restore,
    record_retire,
    record_update,
)
from meldpunt.knowledge.services.sources import citation_create, passage_create, source_create, source_text_hash

__all__ = [
    "actor_alias_add",
    "actor_identifier_add",
    "citation_create",
    "passage_create",
    "record_cite",
    "record_create",
    "record_merge",
    "record_restore",
    "record_retire",
    "record_update",
    "source_create",
    "source_text_hash",
]
