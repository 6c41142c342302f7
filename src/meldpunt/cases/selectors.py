"""Staff reads of reports. `access_report` is the one door: every staff read of a report goes
through it, and it opens nothing without a key grant for the acting user (STYLE 3)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from meldpunt.accounts.models import User
from meldpunt.crypto import unseal
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


def _report_key(*, user: User, report_id: int, private_key: bytes) -> bytes:
    grant = KeyGrant.objects.filter(report_id=report_id, recipient=user).first()
    if grant is None:
        raise NoAccess
    return unseal(bytes(grant.sealed_key), private_key)


def access_report(*, user: User, report_id: int, private_key: bytes) -> AccessedReport:
    report_key = _report_key(user=user, report_id=report_id, private_key=private_key)
    return AccessedReport(report=report_open(report_id=report_id, report_key=report_key), report_key=report_key)


def access_attachment(
    *, user: User, report_id: int, attachment_id: int, private_key: bytes
) -> tuple[AttachmentView, bytes]:
    report_key = _report_key(user=user, report_id=report_id, private_key=private_key)
    return attachment_open(report_id=report_id, report_key=report_key, attachment_id=attachment_id)
