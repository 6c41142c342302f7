"""Snapshots of knowledge records for their history: plain JSON of every field, relations by number."""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from meldpunt.accounts.models import User
from meldpunt.knowledge.models import CitedRecord, RecordAction, RecordVersion


def record_snapshot(record: CitedRecord) -> dict[str, Any]:
    """Every concrete field by attribute name (foreign keys as numbers) and many-to-many fields as sorted numbers."""
    data: dict[str, Any] = {}
    for field in record._meta.concrete_fields:
        data[field.attname] = field.value_from_object(record)
    for field in record._meta.many_to_many:
        data[field.name] = sorted((record.pk and getattr(record, field.name).values_list("pk", flat=True)) or [])
    return data


def version_add(
    record: CitedRecord, *, action: RecordAction, acting_user: User | None, note: str = ""
) -> RecordVersion:
    """Append the record's state after `action` to its history (inside the caller's transaction)."""
    versions = RecordVersion.objects.filter(record_type=record.record_type, record_id=record.pk)
    number = (versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return RecordVersion.objects.create(
        record_type=record.record_type,
        record_id=record.pk,
        number=number,
        action=action,
        snapshot=record_snapshot(record),
        note=note[:500],
        user=acting_user,
    )
