"""Writes of correlation that staff make: marking two reports as duplicates of one incident."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from meldpunt.accounts.models import User
from meldpunt.cases.audit import audit_record
from meldpunt.cases.models import AuditEvent
from meldpunt.correlate.models import DuplicateMark
from meldpunt.intake.models import KeyGrant


def _holds_grants(user: User, *report_ids: int) -> bool:
    held = KeyGrant.objects.filter(recipient=user, report_id__in=report_ids).values("report_id").distinct().count()
    return user.can_read_reports and held == len(set(report_ids))


def duplicate_mark(*, user: User, report_id: int, duplicate_of: int) -> None:
    """Two reports about one incident: counted as one source. Needs grants on both."""
    if report_id == duplicate_of or not _holds_grants(user, report_id, duplicate_of):
        raise ValidationError("mark duplicates only between two different reports you have access to")
    with transaction.atomic():
        DuplicateMark.objects.get_or_create(
            report_id=report_id, duplicate_of_id=duplicate_of, defaults={"marked_by": user}
        )
        audit_record(
            event=AuditEvent.TRIAGE_UPDATED,
            actor=user,
            report_id=report_id,
            details={"duplicate_of": duplicate_of},
        )


def identifier_confirm(
    *, user: User, report_id: int, private_key: bytes, kind: str, value: str, platform: str = "", region: str = "NL"
) -> None:
    """A handler confirms an identifier found in the report's text: stored encrypted, indexed, linked."""
    from meldpunt.cases.selectors import report_key_for
    from meldpunt.correlate.linking import report_link
    from meldpunt.correlate.models import AddedIdentifier
    from meldpunt.correlate.normalise import normalise
    from meldpunt.intake.models import ReportIdentifier
    from meldpunt.intake.sealed import seal_json
    from meldpunt.intake.services import blind_index

    key = report_key_for(user=user, report_id=report_id, private_key=private_key)
    try:
        canonical = normalise(kind, value, platform=platform, region=region)
    except ValueError as invalid:
        raise ValidationError(str(invalid)) from invalid
    with transaction.atomic():
        ReportIdentifier.objects.get_or_create(
            report_id=report_id, kind=kind, digest=blind_index().digest(kind, canonical)
        )
        AddedIdentifier.objects.create(
            report_id=report_id,
            added_by=user,
            body=seal_json(key, report_id, "added-identifier", {"kind": kind, "value": value, "platform": platform}),
        )
        audit_record(event=AuditEvent.TRIAGE_UPDATED, actor=user, report_id=report_id, details={"identifier": kind})
    report_link(report_id=report_id)
