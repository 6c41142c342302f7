from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from pypdf import PdfReader

from meldpunt.cases.models import AuditEntry, AuditEvent
from meldpunt.crypto import Receipt
from meldpunt.intake.attachments import clean_attachments
from meldpunt.intake.models import Report
from tests.conftest import Staff, logged_in
from tests.intake.test_nothing_in_clear import jpeg_with_exif

pytestmark = pytest.mark.django_db


def test_handler_downloads_the_package_when_the_reporter_asked(handler: Staff, submit: Callable[..., Receipt]) -> None:
    photo = tuple(clean_attachments([("threat.jpg", jpeg_with_exif("x"))]))
    submit(
        narrative="Hij belde elke dag vanaf hetzelfde nummer.",
        language="nl",
        consents={"replies": True, "statistics": True, "police_help": True},
        attachments=photo,
    )
    report_id = Report.objects.get().pk
    response = logged_in(handler).post(f"/staff/cases/reports/{report_id}/referral/", {"language": "nl"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert "referral.pdf" in names
    assert any(name.startswith("attachments/") and name.endswith(".jpg") for name in names)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read("referral.pdf"))).pages)
    assert "Hij belde elke dag" in text
    assert photo[0].sha256 in text.replace("\n", "")
    assert AuditEntry.objects.filter(event=AuditEvent.REFERRAL_PACKAGE_CREATED, report_id=report_id).exists()


def test_no_package_without_the_reporters_request(handler: Staff, submit: Callable[..., Receipt]) -> None:
    submit(consents={"replies": True, "statistics": True, "police_help": False})
    report_id = Report.objects.get().pk
    response = logged_in(handler).post(f"/staff/cases/reports/{report_id}/referral/", {"language": "en"})
    assert response.status_code == 400
    assert not AuditEntry.objects.filter(event=AuditEvent.REFERRAL_PACKAGE_CREATED).exists()
