from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from meldpunt.accounts.keyring import KEY_COOKIE
from meldpunt.crypto import Receipt
from meldpunt.intake.models import Report
from tests.conftest import Staff

pytestmark = pytest.mark.django_db


def log_in(client: Client, staff: Staff, *, code: str | None = None, password: str | None = None) -> int:
    response = client.post(
        "/staff/login/",
        {"username": staff.user.username, "password": password or staff.password, "otp_token": code or staff.code()},
    )
    return response.status_code


def test_login_needs_password_and_code(client: Client, handler: Staff) -> None:
    assert log_in(client, handler, password="not the password") == 400
    assert client.get("/staff/cases/").status_code == 302
    assert log_in(client, handler) == 302
    assert client.get("/staff/cases/").status_code == 200


def test_wrong_code_fails_and_slows_further_tries(client: Client, handler: Staff) -> None:
    wrong = "000000" if handler.code() != "000000" else "111111"
    assert log_in(client, handler, code=wrong) == 400
    assert log_in(client, handler) == 400  # django-otp's throttle: a pause after each failure
    assert client.get("/staff/cases/").status_code == 302


def test_handler_reads_granted_reports_decrypted(
    client: Client, handler: Staff, submit: Callable[..., Receipt]
) -> None:
    submit(narrative="Bedreigd via WeChat door iemand van het 'servicestation'.", language="nl")
    log_in(client, handler)
    inbox = client.get("/staff/cases/").content.decode()
    assert "Bedreigd via WeChat" in inbox
    report_id = Report.objects.get().pk
    page = client.get(f"/staff/cases/reports/{report_id}/").content.decode()
    assert "Bedreigd via WeChat door iemand van het &#x27;servicestation&#x27;." in page
    assert "+31 6 1234 5678" in page  # the identifier, decrypted for the grant holder


def test_handler_without_grant_cannot_read(
    client: Client, handler: Staff, make_staff: Callable[..., Staff], submit: Callable[..., Receipt]
) -> None:
    submit()
    outsider = make_staff("olga", default_recipient=False)
    log_in(client, outsider)
    assert "A man called me" not in client.get("/staff/cases/").content.decode()
    assert client.get(f"/staff/cases/reports/{Report.objects.get().pk}/").status_code == 404


def test_session_without_the_key_cookie_opens_nothing(
    client: Client, handler: Staff, submit: Callable[..., Receipt]
) -> None:
    submit()
    log_in(client, handler)
    del client.cookies[KEY_COOKIE]
    assert client.get("/staff/cases/").status_code == 302


def test_reply_reaches_the_reporter(client: Client, handler: Staff, submit: Callable[..., Receipt]) -> None:
    receipt = submit()
    log_in(client, handler)
    report_id = Report.objects.get().pk
    assert (
        client.post(f"/staff/cases/reports/{report_id}/reply/", {"text": "We have read your report."}).status_code
        == 302
    )
    reporter = Client()
    reporter.get("/en/return/")
    reporter.post("/en/return/", {"receipt": receipt.display()})
    assert "We have read your report." in reporter.get("/en/report/").content.decode()


def test_report_text_is_shown_inert(client: Client, handler: Staff, submit: Callable[..., Receipt]) -> None:
    submit(narrative='<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>')
    log_in(client, handler)
    page = client.get(f"/staff/cases/reports/{Report.objects.get().pk}/").content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_no_reply_when_the_reporter_did_not_agree(
    client: Client, handler: Staff, submit: Callable[..., Receipt]
) -> None:
    from meldpunt.intake.models import Message

    submit(consents={"replies": False, "statistics": True})
    log_in(client, handler)
    report_id = Report.objects.get().pk
    assert 'id="reply"' not in client.get(f"/staff/cases/reports/{report_id}/").content.decode()
    assert client.post(f"/staff/cases/reports/{report_id}/reply/", {"text": "hello"}).status_code == 400
    assert Message.objects.count() == 0


def test_files_added_later_arrive_clean_for_reporter_and_handler(
    client: Client, handler: Staff, submit: Callable[..., Receipt]
) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tests.intake.test_nothing_in_clear import jpeg_with_exif

    receipt = submit()
    reporter = Client()
    reporter.get("/en/return/")
    reporter.post("/en/return/", {"receipt": receipt.display()})
    photo = SimpleUploadedFile("../../home/me/IMG_0001.jpg", jpeg_with_exif("CAMERA-SERIAL-1"), "image/jpeg")
    assert reporter.post("/en/report/", {"text": "", "attachments": photo}).status_code == 302
    page = reporter.get("/en/report/").content.decode()
    assert "IMG_0001.jpg" in page
    assert "../" not in page.split("IMG_0001.jpg")[0][-40:]

    from meldpunt.intake.models import Attachment

    attachment = Attachment.objects.get()
    mine = reporter.get(f"/en/report/files/{attachment.pk}/")
    log_in(client, handler)
    theirs = client.get(f"/staff/cases/reports/{Report.objects.get().pk}/files/{attachment.pk}/")
    for response in (mine, theirs):
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        data = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"CAMERA-SERIAL-1" not in data
        image = Image.open(io.BytesIO(data))
        assert image.format == "JPEG"
        assert not image.getexif()


def test_staff_text_with_direction_overrides_is_refused(
    client: Client, handler: Staff, submit: Callable[..., Receipt]
) -> None:
    from meldpunt.cases.models import Note

    submit()
    log_in(client, handler)
    report_id = Report.objects.get().pk
    for path in ("reply", "notes"):
        response = client.post(f"/staff/cases/reports/{report_id}/{path}/", {"text": "call \u202e5551 back"})
        assert response.status_code == 400
    assert Note.objects.count() == 0
