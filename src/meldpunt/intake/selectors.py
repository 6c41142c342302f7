"""Reads of a report, given its key: decrypting answers, messages and attachments for display.

Whoever calls these already holds the report key, from a receipt (reporter) or a grant (handler);
access checks live with those callers (`reporter_session_open`, `cases.selectors.access_report`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meldpunt.intake.models import Attachment, Message, Report
from meldpunt.intake.questionnaire import ReportAnswers
from meldpunt.intake.sealed import open_json, open_part


class AttachmentNotFound(Exception):
    """No such attachment in this report (another report's file is not told apart from none)."""


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True)
class MessageView:
    id: int
    author: str
    created_on: date
    text: str
    attachments: tuple[AttachmentView, ...]


@dataclass(frozen=True)
class OpenedReport:
    id: int
    status: str
    language: str
    created_on: date
    answers: ReportAnswers
    attachments: tuple[AttachmentView, ...]
    messages: tuple[MessageView, ...]
    synthetic: bool = False


def _attachment_view(key: bytes, report_id: int, row: Attachment) -> AttachmentView:
    header = open_json(key, report_id, "attachment-header", bytes(row.header))
    return AttachmentView(id=row.pk, **header)


def report_language(*, report_id: int) -> str:
    """The language a report was made in, to answer its reporter in it (kept in clear)."""
    language: str = Report.objects.values_list("language", flat=True).get(pk=report_id)
    return language


def report_open(*, report_id: int, report_key: bytes) -> OpenedReport:
    """The whole report decrypted; raises DecryptionError if anything was tampered with."""
    report = Report.objects.get(pk=report_id)
    attachments = list(Attachment.objects.filter(report=report).defer("content"))
    by_message: dict[int | None, list[AttachmentView]] = {}
    for row in attachments:
        by_message.setdefault(row.message_id, []).append(_attachment_view(report_key, report_id, row))
    messages = tuple(
        MessageView(
            id=message.pk,
            author=message.author,
            created_on=message.created_on,
            text=open_json(report_key, report_id, "message", bytes(message.body))["text"],
            attachments=tuple(by_message.get(message.pk, ())),
        )
        for message in Message.objects.filter(report=report)
    )
    return OpenedReport(
        id=report.pk,
        status=report.status,
        language=report.language,
        created_on=report.created_on,
        answers=ReportAnswers.from_json(open_part(report_key, report_id, "payload", bytes(report.payload))),
        attachments=tuple(by_message.get(None, ())),
        messages=messages,
        synthetic=report.synthetic,
    )


def attachment_open(*, report_id: int, report_key: bytes, attachment_id: int) -> tuple[AttachmentView, bytes]:
    """One attachment of this report, decrypted."""
    row = Attachment.objects.filter(pk=attachment_id, report_id=report_id).first()
    if row is None:
        raise AttachmentNotFound
    return _attachment_view(report_key, report_id, row), open_part(
        report_key, report_id, "attachment", bytes(row.content)
    )
