"""Writes of the reporter path: submitting a report, opening it with a receipt, adding messages.

A submission is one transaction: the report, its key grants, its blind index rows and its attachments
are all stored or none is, and the receipt is returned only once the transaction has committed, so a
reporter is never handed a receipt for a report that is not there.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from meldpunt.accounts.escrow import escrow_public_key
from meldpunt.accounts.kdf import receipt_kdf
from meldpunt.accounts.models import Role, User
from meldpunt.cases.audit import audit_record
from meldpunt.cases.models import AuditEvent
from meldpunt.correlate.normalise import normalise
from meldpunt.crypto import (
    BlindIndex,
    MalformedReceipt,
    Receipt,
    derive_receipt_key,
    dummy_derivation,
    new_receipt_salt,
    new_report_key,
    open_with_receipt_key,
    receipt_verifier,
    seal,
    seal_with_receipt_key,
    verify_receipt_key,
)
from meldpunt.intake.attachments import CleanFile
from meldpunt.intake.models import Attachment, KeyGrant, Message, MessageAuthor, Report, ReportIdentifier
from meldpunt.intake.questionnaire import ReportAnswers
from meldpunt.intake.sealed import seal_json, seal_part

logger = logging.getLogger(__name__)


class ReceiptRejected(Exception):
    """The receipt does not open a report: never says whether the locator exists."""


@dataclass(frozen=True)
class ReporterSession:
    """What a reporter who gave a valid receipt holds: which report, and its key."""

    report_id: int
    report_key: bytes


def blind_index() -> BlindIndex:
    return BlindIndex(settings.MELDPUNT.blind_index_key)


def _store_attachments(*, report: Report, key: bytes, files: Sequence[CleanFile], message: Message | None) -> None:
    today = timezone.localdate()
    for clean in files:
        header = {
            "filename": clean.filename,
            "media_type": clean.media_type,
            "size": len(clean.data),
            "sha256": clean.sha256,
        }
        Attachment.objects.create(
            report=report,
            message=message,
            created_on=today,
            header=seal_json(key, report.pk, "attachment-header", header),
            content=seal_part(key, report.pk, "attachment", clean.data),
        )


def report_identifier_rows(report: Report, answers: ReportAnswers) -> list[ReportIdentifier]:
    index = blind_index()
    region = answers.country or "NL"
    digests = set()
    for identifier in answers.identifiers:
        try:
            canonical = normalise(identifier.kind, identifier.value, platform=identifier.platform, region=region)
        except ValueError:
            # Malformed for its kind: kept in the encrypted answers for the handler, never indexed as
            # something else (it would link reports that share nothing).
            continue
        digests.add((identifier.kind, index.digest(identifier.kind, canonical)))
    return [ReportIdentifier(report=report, kind=kind, digest=digest) for kind, digest in sorted(digests)]


def _link_after_commit(report_id: int) -> None:
    """Link the stored report into campaigns. A failure here must never cost the report: it is
    committed already, and `meldpunt correlate rebuild` recomputes every link from the index."""
    from meldpunt.correlate.linking import report_link

    try:
        report_link(report_id=report_id)
    except Exception:
        logger.exception("linking report into campaigns failed; run `meldpunt correlate rebuild`")


def report_fields_in_clear(answers: ReportAnswers) -> dict[str, Any]:
    """The only answers a report keeps unencrypted (DESIGN rule 6): routing and coarse statistics."""
    return {
        "urgency": answers.urgency,
        "language": answers.language,
        "tactics": list(answers.tactics),
        "origin_state": answers.origin_state,
        "community": answers.community,
        "incident_month": answers.incident_month,
        "consent_statistics": answers.consents.statistics,
    }


def report_submit(*, answers: ReportAnswers, attachments: Sequence[CleanFile] = ()) -> Receipt:
    """Store a new report and return its receipt, after commit; raises if nothing was stored."""
    report_key = new_report_key()
    recipients = list(User.objects.filter(default_recipient=True, is_active=True, role=Role.HANDLER))
    escrow = escrow_public_key()
    today = timezone.localdate()
    for _attempt in range(5):
        receipt = Receipt.generate()
        salt = new_receipt_salt()
        receipt_key = derive_receipt_key(receipt.secret, salt, params=receipt_kdf())
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    locator_digest=blind_index().locator_digest(receipt.locator),
                    receipt_salt=salt,
                    receipt_verifier=receipt_verifier(receipt_key),
                    receipt_sealed_key=seal_with_receipt_key(report_key, receipt_key),
                    escrow_sealed_key=seal(report_key, escrow) if escrow else None,
                    created_on=today,
                    last_activity_on=today,
                    payload=b"",
                    **report_fields_in_clear(answers),
                )
                report.payload = seal_part(report_key, report.pk, "payload", answers.to_json())
                report.save(update_fields=["payload"])
                KeyGrant.objects.bulk_create(
                    KeyGrant(
                        report=report,
                        recipient=user,
                        sealed_key=seal(report_key, bytes(user.public_key)),
                        created_on=today,
                    )
                    for user in recipients
                )
                ReportIdentifier.objects.bulk_create(report_identifier_rows(report, answers))
                _store_attachments(report=report, key=report_key, files=attachments, message=None)
                audit_record(
                    event=AuditEvent.REPORT_SUBMITTED,
                    actor=None,
                    report_id=report.pk,
                    details={"language": answers.language, "attachments": len(attachments)},
                    reporter_originated=True,
                )
        except IntegrityError:
            # Two reports drew the same locator (one in 10^8): draw a new receipt and try again.
            if Report.objects.filter(locator_digest=blind_index().locator_digest(receipt.locator)).exists():
                continue
            raise
        _link_after_commit(report.pk)
        return receipt
    raise RuntimeError("could not draw an unused receipt locator")


def reporter_session_open(*, receipt_text: str) -> ReporterSession:
    """Open a report with its receipt. Unknown locators cost the same argon2id work as known ones."""
    try:
        receipt = Receipt.parse(receipt_text)
    except MalformedReceipt as error:
        raise ReceiptRejected from error
    report = Report.objects.filter(locator_digest=blind_index().locator_digest(receipt.locator)).first()
    if report is None or report.status == "expired":
        dummy_derivation(receipt_kdf())
        raise ReceiptRejected
    receipt_key = derive_receipt_key(receipt.secret, bytes(report.receipt_salt), params=receipt_kdf())
    if not verify_receipt_key(receipt_key, bytes(report.receipt_verifier)):
        raise ReceiptRejected
    return ReporterSession(
        report_id=report.pk, report_key=open_with_receipt_key(bytes(report.receipt_sealed_key), receipt_key)
    )


def message_add(
    *,
    report_id: int,
    report_key: bytes,
    author: MessageAuthor,
    text: str,
    attachments: Sequence[CleanFile] = (),
    author_user: User | None = None,
) -> Message:
    """A message (and its files) from the reporter or a handler, in one transaction."""
    today = timezone.localdate()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        message = Message.objects.create(
            report=report,
            author=author,
            author_user=author_user,
            created_on=today,
            body=seal_json(report_key, report.pk, "message", {"text": text}),
        )
        _store_attachments(report=report, key=report_key, files=attachments, message=message)
        if author == MessageAuthor.REPORTER:
            report.last_activity_on = today
            report.save(update_fields=["last_activity_on"])
            audit_record(
                event=AuditEvent.REPORTER_MESSAGE_ADDED,
                actor=None,
                report_id=report.pk,
                details={"attachments": len(attachments)},
                reporter_originated=True,
            )
        else:
            audit_record(
                event=AuditEvent.HANDLER_MESSAGE_SENT,
                actor=author_user,
                report_id=report.pk,
                details={"attachments": len(attachments)},
            )
    return message


def reporter_message_add(*, session: ReporterSession, text: str, attachments: Sequence[CleanFile] = ()) -> Message:
    """A follow-up from the reporter who opened this session with their receipt."""
    return message_add(
        report_id=session.report_id,
        report_key=session.report_key,
        author=MessageAuthor.REPORTER,
        text=text,
        attachments=attachments,
    )
