"""Staff reads of reports. `access_report` is the one door: every staff read of a report goes
through it, and it opens nothing without a key grant for the acting user (STYLE 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet

from meldpunt.accounts.models import User
from meldpunt.crypto import DecryptionError, unseal
from meldpunt.intake.models import KeyGrant, Report
from meldpunt.intake.selectors import AttachmentView, OpenedReport, attachment_open, report_open


class NoAccess(Exception):
    """The user holds no grant for this report (or it does not exist: the two are not told apart)."""


@dataclass(frozen=True)
class AccessedReport:
    report: OpenedReport
    report_key: bytes


def reports_granted_to(*, user: User) -> QuerySet[Report]:
    return Report.objects.filter(grants__recipient=user).order_by("-pk")


def report_key_for(*, user: User, report_id: int, private_key: bytes) -> bytes:
    """The report key, opened with the user's own grant; NoAccess without one."""
    grant = KeyGrant.objects.filter(report_id=report_id, recipient=user, recipient__is_active=True).first()
    if grant is None or not user.can_read_reports:
        raise NoAccess
    try:
        return unseal(bytes(grant.sealed_key), private_key)
    except DecryptionError as error:
        # A grant sealed to a key pair the user no longer has (after a reset, before restoration).
        raise NoAccess from error


def access_report(*, user: User, report_id: int, private_key: bytes) -> AccessedReport:
    report_key = report_key_for(user=user, report_id=report_id, private_key=private_key)
    return AccessedReport(report=report_open(report_id=report_id, report_key=report_key), report_key=report_key)


def access_attachment(
    *, user: User, report_id: int, attachment_id: int, private_key: bytes
) -> tuple[AttachmentView, bytes]:
    report_key = report_key_for(user=user, report_id=report_id, private_key=private_key)
    return attachment_open(report_id=report_id, report_key=report_key, attachment_id=attachment_id)


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""
    tactic: str = ""
    language: str = ""
    month: str = ""  # YYYY-MM of receipt
    community: str = ""
    query: str = ""


@dataclass(frozen=True)
class InboxRow:
    report: OpenedReport
    unread: bool


INBOX_LIMIT = 200


def _matches(report: OpenedReport, query: str) -> bool:
    needle = query.casefold()
    answers = report.answers
    haystack = [answers.narrative, answers.municipality, *(m.text for m in report.messages)]
    haystack += [i.value for i in answers.identifiers]
    haystack += [a.filename for a in report.attachments]
    return any(needle in text.casefold() for text in haystack)


def inbox_for(*, user: User, private_key: bytes, filters: InboxFilters) -> list[InboxRow]:
    """The user's granted reports, filtered on clear metadata in SQL and, for a search, on content
    decrypted here in memory: there is no plaintext index to search, by design."""
    from meldpunt.cases.models import ReadMarker

    reports = reports_granted_to(user=user)
    if filters.status:
        reports = reports.filter(status=filters.status)
    if filters.language:
        reports = reports.filter(language=filters.language)
    if filters.community:
        reports = reports.filter(community=filters.community)
    if filters.month:
        year, _, month = filters.month.partition("-")
        if year.isdigit() and month.isdigit():
            reports = reports.filter(created_on__year=int(year), created_on__month=int(month))
    rows = []
    markers = dict(ReadMarker.objects.filter(user=user).values_list("report_id", "last_message_id"))
    for report in reports[: INBOX_LIMIT * 5 if filters.query else INBOX_LIMIT]:
        # Tactics are stored as a JSON list; matching in Python keeps one code path for both databases.
        if filters.tactic and filters.tactic not in report.tactics:
            continue
        try:
            opened = access_report(user=user, report_id=report.pk, private_key=private_key).report
        except NoAccess:
            continue  # sealed to an old key pair: shown again once a supervisor restores access
        if filters.query and not _matches(opened, filters.query):
            continue
        newest = max((m.id for m in opened.messages), default=0)
        unread = report.pk not in markers or newest > markers[report.pk]
        rows.append(InboxRow(report=opened, unread=unread))
        if len(rows) >= INBOX_LIMIT:
            break
    return rows


@dataclass(frozen=True)
class OverviewRow:
    """What a supervisor sees of a report: its metadata and who holds it, never its content."""

    id: int
    status: str
    language: str
    created_on: date
    last_activity_on: date
    deletes_after: date
    recipients: tuple[str, ...]
    synthetic: bool = False


def reports_overview(*, status: str = "") -> list[OverviewRow]:
    from meldpunt.cases.services import retention_deadline

    reports = Report.objects.order_by("-pk").prefetch_related("grants__recipient")
    if status:
        reports = reports.filter(status=status)
    return [
        OverviewRow(
            id=r.pk,
            status=r.status,
            language=r.language,
            created_on=r.created_on,
            last_activity_on=r.last_activity_on,
            deletes_after=retention_deadline(r),
            recipients=tuple(sorted(g.recipient.username for g in r.grants.all())),
            synthetic=r.synthetic,
        )
        for r in reports[:500]
    ]


@dataclass(frozen=True)
class NoteView:
    id: int
    author: str
    created_at: datetime
    text: str


def notes_for(*, user: User, report_id: int, private_key: bytes) -> list[NoteView]:
    from meldpunt.cases.models import Note
    from meldpunt.intake.sealed import open_json

    key = report_key_for(user=user, report_id=report_id, private_key=private_key)
    return [
        NoteView(
            id=note.pk,
            author=note.author.username if note.author else "—",
            created_at=note.created_at,
            text=open_json(key, report_id, "note", bytes(note.body))["text"],
        )
        for note in Note.objects.filter(report_id=report_id).select_related("author")
    ]


def audit_entries(*, report_id: int | None = None, actor: str = "", limit: int = 200) -> list[Any]:
    """The newest audit entries, optionally for one report or one staff member (supervisors only)."""
    from meldpunt.cases.models import AuditEntry

    # Each chain in its own order; never by primary key or across chains (see models/audit.py).
    entries = AuditEntry.objects.order_by("-chain", "-seq")  # staff first, newest first
    if report_id is not None:
        entries = entries.filter(report_id=report_id)
    if actor:
        entries = entries.filter(actor_username=actor)
    return list(entries[:limit])


CLASSIFICATION_FIELDS = ("tactics", "origin_state", "community", "province", "urgency", "verification")


def report_classification(*, report_id: int) -> dict[str, Any]:
    """A report's triage fields, which are kept in clear (the statistical metadata)."""
    classification: dict[str, Any] = Report.objects.values(*CLASSIFICATION_FIELDS).get(pk=report_id)
    return classification
