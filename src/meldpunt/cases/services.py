"""Writes of case handling: triage, status, notes, replies, grants, retention.

Each one checks who may do it, changes state and writes its audit entry in one transaction. Reading a
report's content needs the acting handler's grant (cases.selectors.report_key_for); supervisors
assign and restore access through the escrow key without being shown content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from meldpunt.accounts.escrow import escrow_private_key
from meldpunt.accounts.models import Role, User
from meldpunt.cases.audit import audit_record
from meldpunt.cases.models import AuditEvent, Note, ReadMarker
from meldpunt.cases.referral import CustodyEntry
from meldpunt.cases.selectors import NoAccess, report_key_for
from meldpunt.crypto import seal, unseal
from meldpunt.intake.attachments import CleanFile
from meldpunt.intake.countries import is_country
from meldpunt.intake.models import KeyGrant, Message, MessageAuthor, Report
from meldpunt.intake.sealed import seal_json
from meldpunt.intake.services import message_add
from meldpunt.vocab import concept


def _require_role(user: User, *roles: Role) -> None:
    if user.role not in roles:
        raise PermissionDenied


def _require_grant(user: User, report_id: int) -> Report:
    report = Report.objects.filter(pk=report_id, grants__recipient=user).first()
    if report is None or not user.can_read_reports:
        raise NoAccess
    return report


@dataclass(frozen=True)
class Triage:
    """The classification a handler gives a report: the statistical metadata of DESIGN rule 6."""

    tactics: tuple[str, ...]
    origin_state: str
    community: str
    province: str
    urgency: str
    verification: str

    def problems(self) -> list[str]:
        found = []
        if any(t not in concept("tactics") for t in self.tactics):
            found.append("tactics")
        if self.origin_state and not is_country(self.origin_state):
            found.append("origin_state")
        for name, vocabulary in (
            ("community", "communities"),
            ("province", "provinces"),
            ("urgency", "urgency"),
            ("verification", "verification"),
        ):
            value = getattr(self, name)
            if value and value not in concept(vocabulary):
                found.append(name)
        return found


def triage_update(*, user: User, report_id: int, triage: Triage) -> None:
    problems = triage.problems()
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        report = _require_grant(user, report_id)
        before = {name: getattr(report, name) for name in ("origin_state", "community", "province", "urgency")}
        report.tactics = [t for t in concept("tactics").ids() if t in triage.tactics]
        report.origin_state, report.community, report.province = (
            triage.origin_state,
            triage.community,
            triage.province,
        )
        report.urgency, report.verification = triage.urgency, triage.verification or "unverified"
        if report.status == "new":
            report.status = "in_triage"
        report.save()
        changed = sorted(name for name, value in before.items() if getattr(report, name) != value)
        audit_record(
            event=AuditEvent.TRIAGE_UPDATED,
            actor=user,
            report_id=report_id,
            details={"changed": ",".join(changed), "tactics": ",".join(report.tactics)},
        )


def allowed_statuses(current: str) -> tuple[str, ...]:
    """Where a report may go from `current`, as the vocabulary declares (case_statuses.yaml)."""
    return tuple(concept("case_statuses").get(current).extra.get("next", ()))


def status_change(*, user: User, report_id: int, to: str) -> None:
    with transaction.atomic():
        report = _require_grant(user, report_id)
        if to not in allowed_statuses(report.status):
            raise ValidationError(f"a report cannot go from {report.status} to {to}")
        old, report.status = report.status, to
        report.save(update_fields=["status"])
        audit_record(event=AuditEvent.STATUS_CHANGED, actor=user, report_id=report_id, details={"from": old, "to": to})


def note_add(*, user: User, report_id: int, private_key: bytes, text: str) -> Note:
    key = report_key_for(user=user, report_id=report_id, private_key=private_key)
    with transaction.atomic():
        report = _require_grant(user, report_id)
        note = Note.objects.create(
            report=report,
            author=user,
            created_at=timezone.now(),
            body=seal_json(key, report_id, "note", {"text": text}),
        )
        audit_record(event=AuditEvent.NOTE_ADDED, actor=user, report_id=report_id)
    return note


def reply_send(
    *, user: User, report_id: int, private_key: bytes, text: str, attachments: Sequence[CleanFile] = ()
) -> Message:
    """A handler's message to the reporter; refused when the reporter did not agree to replies."""
    from meldpunt.intake.selectors import report_open

    key = report_key_for(user=user, report_id=report_id, private_key=private_key)
    if not report_open(report_id=report_id, report_key=key).answers.consents.replies:
        raise PermissionDenied("the reporter did not agree to receive replies")
    return message_add(
        report_id=report_id,
        report_key=key,
        author=MessageAuthor.HANDLER,
        text=text,
        attachments=attachments,
        author_user=user,
    )


def mark_read(*, user: User, report_id: int) -> None:
    newest = Message.objects.filter(report_id=report_id).order_by("-id").values_list("id", flat=True).first() or 0
    ReadMarker.objects.update_or_create(report_id=report_id, user=user, defaults={"last_message_id": newest})


def grant_create(*, report_id: int, handler: User, acting_user: User, private_key: bytes) -> None:
    """A supervisor assigns a report: its key re-sealed from escrow to the handler's public key."""
    _require_role(acting_user, Role.SUPERVISOR)
    if not handler.can_read_reports or not handler.is_active:
        raise ValidationError("reports can be granted only to active handlers")
    escrow = escrow_private_key(supervisor=acting_user, private_key=private_key)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.escrow_sealed_key is None:
            raise ValidationError("this report was made before the escrow key existed")
        report_key = unseal(bytes(report.escrow_sealed_key), escrow)
        KeyGrant.objects.update_or_create(
            report=report,
            recipient=handler,
            defaults={"sealed_key": seal(report_key, bytes(handler.public_key)), "created_on": timezone.localdate()},
        )
        audit_record(
            event=AuditEvent.GRANT_CREATED,
            actor=acting_user,
            report_id=report_id,
            details={"recipient": handler.username},
        )


def grant_revoke(*, report_id: int, handler: User, acting_user: User) -> None:
    _require_role(acting_user, Role.SUPERVISOR)
    with transaction.atomic():
        deleted, _kinds = KeyGrant.objects.filter(report_id=report_id, recipient=handler).delete()
        if deleted:
            audit_record(
                event=AuditEvent.GRANT_REVOKED,
                actor=acting_user,
                report_id=report_id,
                details={"recipient": handler.username},
            )


def grants_restore(*, handler: User, acting_user: User, private_key: bytes) -> int:
    """After a reset: every grant the handler held re-sealed to their new key. Returns how many."""
    _require_role(acting_user, Role.SUPERVISOR)
    escrow = escrow_private_key(supervisor=acting_user, private_key=private_key)
    restored = 0
    with transaction.atomic():
        for grant in KeyGrant.objects.filter(recipient=handler).select_related("report"):
            if grant.report.escrow_sealed_key is None:
                continue
            report_key = unseal(bytes(grant.report.escrow_sealed_key), escrow)
            grant.sealed_key = seal(report_key, bytes(handler.public_key))
            grant.save(update_fields=["sealed_key"])
            restored += 1
        audit_record(
            event=AuditEvent.RECOVERY_REGRANT,
            actor=acting_user,
            report_id=None,
            details={"recipient": handler.username, "reports": restored},
        )
    return restored


def retention_deadline(report: Report) -> date:
    """The day after which a report expires: its last activity plus the period, or a later extension."""
    period = report.last_activity_on + timedelta(days=settings.MELDPUNT.retention_days)
    return max(period, report.retained_until) if report.retained_until else period


def retention_extend(*, report_id: int, until: date, acting_user: User) -> None:
    _require_role(acting_user, Role.SUPERVISOR)
    if until <= timezone.localdate():
        raise ValidationError("an extension must end in the future")
    with transaction.atomic():
        if not Report.objects.filter(pk=report_id).update(retained_until=until):
            raise ValidationError("no such report")
        audit_record(
            event=AuditEvent.RETENTION_EXTENDED,
            actor=acting_user,
            report_id=report_id,
            details={"until": until.isoformat()},
        )


def retention_end(*, report_id: int, acting_user: User) -> None:
    """A supervisor ends a report's retention now: it is deleted like an expired one."""
    _require_role(acting_user, Role.SUPERVISOR)
    with transaction.atomic():
        _delete(Report.objects.select_for_update().get(pk=report_id), actor=acting_user, reason="ended")


def _delete(report: Report, *, actor: User | None, reason: str) -> None:
    """Crypto-shredding: the sealed keys go with the rows, so no copy of the key survives here."""
    report_id = report.pk
    report.delete()  # grants, messages, attachments, identifiers and notes cascade
    audit_record(event=AuditEvent.REPORT_DELETED, actor=actor, report_id=report_id, details={"reason": reason})


def retention_run(*, today: date | None = None) -> int:
    """Delete every report past its retention deadline; safe to run again (cron). Returns how many."""
    today = today or timezone.localdate()
    deleted = 0
    candidates = Report.objects.filter(last_activity_on__lt=today - timedelta(days=settings.MELDPUNT.retention_days))
    for report_id in candidates.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            report = Report.objects.select_for_update().filter(pk=report_id).first()
            if report is not None and retention_deadline(report) < today:
                _delete(report, actor=None, reason="expired")
                deleted += 1
    return deleted


def report_viewed(*, user: User, report_id: int) -> None:
    """Reading is an access to personal data: it is written to the audit log like a change."""
    with transaction.atomic():
        audit_record(event=AuditEvent.REPORT_VIEWED, actor=user, report_id=report_id)


def attachment_downloaded(*, user: User, report_id: int, attachment_id: int) -> None:
    with transaction.atomic():
        audit_record(
            event=AuditEvent.ATTACHMENT_DOWNLOADED,
            actor=user,
            report_id=report_id,
            details={"attachment": attachment_id},
        )


def _custody(report_id: int) -> list[CustodyEntry]:
    """The report's audit entries: the reporter's own (day only) first, then staff actions in order.

    The two chains are not interleaved: placing a reporter's entry between timed staff entries would
    reveal more of when they acted than the day the log keeps (DESIGN rule 3).
    """
    from meldpunt.cases.models import AuditEntry

    entries = AuditEntry.objects.filter(report_id=report_id).order_by("chain", "seq")  # "reporter" sorts before "staff"
    return [
        CustodyEntry(
            seq=entry.seq,
            when=(entry.occurred_at or entry.occurred_on).isoformat(),
            actor=entry.actor_username or ("reporter" if entry.chain == "reporter" else "system"),
            event=str(AuditEvent(entry.event).label),
            details=", ".join(f"{name}={value}" for name, value in sorted(entry.details.items())),
        )
        for entry in entries
    ]


def referral_package_create(*, user: User, report_id: int, private_key: bytes, language: str) -> bytes:
    """The police referral package (ZIP with PDF and attachments), only with the reporter's consent."""
    from django.utils import translation

    from meldpunt.cases.referral import (
        ReferralFile,
        ReferralInput,
        build_referral_pdf,
        build_referral_zip,
        vocabulary_labels,
    )
    from meldpunt.cases.selectors import access_attachment, access_report

    if language not in ("nl", "en"):
        raise ValidationError("a referral package is made in Dutch or English")
    report = access_report(user=user, report_id=report_id, private_key=private_key).report
    if not report.answers.consents.police_help:
        raise PermissionDenied("the reporter did not ask for help with a police complaint")
    views = [*report.attachments, *(a for m in report.messages for a in m.attachments)]
    files = []
    for view in views:
        header, data = access_attachment(user=user, report_id=report_id, attachment_id=view.id, private_key=private_key)
        files.append(
            ReferralFile(
                filename=header.filename,
                media_type=header.media_type,
                sha256=header.sha256,
                size=header.size,
                data=data,
            )
        )
    with transaction.atomic():
        audit_record(
            event=AuditEvent.REFERRAL_PACKAGE_CREATED,
            actor=user,
            report_id=report_id,
            details={"language": language, "files": len(files)},
        )
    with translation.override(language):
        package = ReferralInput(
            report_number=report_id,
            language=language,  # type: ignore[arg-type]  # checked above
            reporter_language=report.language,
            received_on=report.created_on,
            status=report.status,
            answers=report.answers,
            messages=report.messages,
            files=files,
            custody=_custody(report_id),
            prepared_by=user.get_username(),
            prepared_on=timezone.localdate(),
            labels=vocabulary_labels(translation.gettext),
        )
    return build_referral_zip(package, build_referral_pdf(package))
