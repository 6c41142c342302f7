"""The reporter's pages through Django's test client (the browser tests drive a real chromium)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pytest
from django.test import Client
from django.test.utils import override_settings
from pytest_django.fixtures import Settings as SettingsWrapper

from meldpunt.crypto import Receipt
from meldpunt.intake.models import Message, Report
from tests.conftest import Staff

pytestmark = pytest.mark.django_db

LANGS = [("nl", "ltr"), ("en", "ltr"), ("zh-hans", "ltr"), ("zh-hant", "ltr"), ("ug", "rtl")]


def form_post(client: Client, lang: str = "en", **fields: object) -> object:
    page = client.get(f"/{lang}/report/new/")
    assert page.status_code == 200
    data = {"narrative": "They called me.", "identifier_rows": "3", "consent_statistics": "on", **fields}
    return client.post(f"/{lang}/report/new/", data)


def receipt_from(html: str) -> str:
    match = re.search(r'id="receipt"[^>]*>([\d ]+)<', html)
    assert match, "no receipt on the page"
    return match.group(1)


@pytest.mark.parametrize(("lang", "direction"), LANGS)
@pytest.mark.parametrize("path", ["", "report/new/", "return/"])
def test_every_page_declares_language_and_direction(client: Client, lang: str, direction: str, path: str) -> None:
    html = client.get(f"/{lang}/{path}").content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert 'id="quick-exit"' in html


def test_pages_are_translated(client: Client) -> None:
    english = client.get("/en/").content.decode()
    for lang in ("nl", "zh-hans", "zh-hant", "ug"):
        html = client.get(f"/{lang}/").content.decode()
        assert "Report intimidation by a foreign state" in english
        assert "Report intimidation by a foreign state" not in html, lang


def test_no_cookie_but_csrf_before_submission(client: Client) -> None:
    assert not client.get("/en/").cookies
    assert set(client.get("/en/report/new/").cookies) == {"mp_csrf"}
    assert set(client.get("/en/return/").cookies) == {"mp_csrf"}


def test_security_headers(client: Client) -> None:
    response = client.get("/en/report/new/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"


def test_no_third_party_resources(client: Client) -> None:
    for path in ("/en/", "/en/report/new/", "/ug/return/"):
        html = client.get(path).content.decode()
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        external = [s for s in sources if s.startswith(("http:", "https:", "//")) and "weeronline" not in s]
        assert external == [], path


def test_submit_shows_receipt_once_and_it_opens_the_report(client: Client, handler: Staff) -> None:
    response = form_post(client, "zh-hans", narrative="他们每天给我打电话。", tactics=["direct_threat"])
    assert response.status_code == 200
    receipt = receipt_from(response.content.decode())
    assert Report.objects.get().language == "zh-hans"
    back = client.post("/zh-hans/return/", {"receipt": receipt})
    assert back.status_code == 302
    assert "他们每天给我打电话。" in client.get("/zh-hans/report/").content.decode()


def test_more_rows_keeps_answers_and_stores_nothing(client: Client) -> None:
    response = form_post(client, narrative="keep me", more_rows="1", **{"identifier-0-value": "+31 6 1"})
    html = response.content.decode()
    assert "keep me" in html
    assert 'name="identifier-5-value"' in html
    assert "+31 6 1" in html
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"narrative": ""}, "Please fill this in."),
        ({"narrative": "x" * 20_001}, "This text is too long."),
        ({"narrative": "abc\u202edef"}, "direction-changing characters"),
        ({"country": "ZZ"}, "Please choose a country from the list."),
        ({"identifier-0-kind": "", "identifier-0-value": "+31"}, "Please fill this in."),
    ],
)
def test_bad_input_gets_a_clear_error_and_stores_nothing(client: Client, fields: dict[str, str], message: str) -> None:
    response = form_post(client, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Report.objects.count() == 0


def test_errors_are_translated(client: Client) -> None:
    response = form_post(client, "nl", narrative="")
    assert response.status_code == 400
    assert "Please fill this in." not in response.content.decode()


def test_missing_csrf_token_is_refused_with_a_translated_page(handler: Staff) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/nl/report/new/", {"narrative": "x"})
    assert response.status_code == 403
    assert "Nothing was saved" not in response.content.decode()  # Dutch, not English
    response = client.post("/en/report/new/", {"narrative": "x"})
    assert "Nothing was saved" in response.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.parametrize("content_type", ["multipart/form-data", 'multipart/form-data; boundary="a b\\c"\x7f'])
def test_malformed_multipart_is_refused_and_stores_nothing(client: Client, content_type: str) -> None:
    client.get("/en/report/new/")
    body = b'--xyz\r\nContent-Disposition: form-data; name="narrative"\r\n\r\nhello\r\n--xyz--\r\n'
    response = client.generic("POST", "/en/report/new/", body, content_type=content_type)
    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert Report.objects.count() == 0


def test_unknown_file_type_is_refused_with_the_answers_kept(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 this is an executable", content_type="image/jpeg")
    response = form_post(client, narrative="with a file", attachments=upload)
    assert response.status_code == 400
    assert "not of an accepted type" in response.content.decode()
    assert "with a file" in response.content.decode()
    assert Report.objects.count() == 0


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1)
def test_oversize_file_is_refused(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from meldpunt.intake.uploads import POLICY

    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * POLICY.max_file_bytes, content_type="application/pdf")
    response = form_post(client, attachments=upload)
    assert response.status_code == 400
    assert "larger than allowed" in response.content.decode()
    assert Report.objects.count() == 0


def test_wrong_receipt_answer_does_not_depend_on_existence(client: Client, submit: Callable[..., Receipt]) -> None:
    receipt = submit()
    wrong_secret = receipt.locator + "0" * 12 if receipt.secret != "0" * 12 else receipt.locator + "1" * 12
    unknown = "9" * 20 if receipt.locator != "9" * 8 else "1" * 20
    answers = [client.post("/en/return/", {"receipt": r}) for r in (wrong_secret, unknown)]
    assert [a.status_code for a in answers] == [400, 400]
    unmasked = [re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", a.content.decode()) for a in answers]
    assert unmasked[0] == unmasked[1]
    assert not answers[0].cookies.get("mp_reporter")


def test_wrong_receipts_are_rate_limited_per_session(client: Client) -> None:
    client.get("/en/return/")
    codes = [client.post("/en/return/", {"receipt": "1" * 20}).status_code for _ in range(7)]
    assert codes[:4] == [400] * 4
    assert codes[-1] == 429
    other = Client()
    other.get("/en/return/")
    assert other.post("/en/return/", {"receipt": "1" * 20}).status_code == 400  # another session goes on


def test_global_limit_stops_clients_that_drop_cookies(client: Client, settings: SettingsWrapper) -> None:
    settings.MELDPUNT = replace(settings.MELDPUNT, throttle_global_failures=8)
    codes = []
    for _ in range(10):
        fresh = Client()
        fresh.get("/en/return/")
        codes.append(fresh.post("/en/return/", {"receipt": "1" * 20}).status_code)
    assert codes[:7] == [400] * 7
    assert codes[-1] == 429


def test_reporter_adds_message_and_reads_handler_reply(
    client: Client, handler: Staff, submit: Callable[..., Receipt]
) -> None:
    from meldpunt.intake.models import MessageAuthor
    from meldpunt.intake.services import message_add, reporter_session_open

    receipt = submit()
    session = reporter_session_open(receipt_text=receipt.display())
    message_add(
        report_id=session.report_id,
        report_key=session.report_key,
        author=MessageAuthor.HANDLER,
        text="Thank you, we read it.",
    )
    client.get("/en/return/")
    client.post("/en/return/", {"receipt": receipt.display()})
    page = client.get("/en/report/").content.decode()
    assert "Thank you, we read it." in page
    response = client.post("/en/report/", {"text": "They called again."})
    assert response.status_code == 302
    assert Message.objects.filter(author="reporter").count() == 1
    assert "They called again." in client.get("/en/report/").content.decode()


def test_report_page_without_session_goes_to_receipt_form(client: Client) -> None:
    assert client.get("/en/report/")["Location"] == "/en/return/"


def test_quiet_throttle_buckets_are_removed(client: Client) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from meldpunt.intake import throttle
    from meldpunt.intake.models import ThrottleBucket

    long_ago = timezone.now() - timedelta(days=2)
    throttle.record_failure(["session:old"], now=long_ago)
    throttle.record_failure(["session:new"])
    assert set(ThrottleBucket.objects.values_list("scope", flat=True)) == {"session:new"}


def test_back_off_grows_with_each_block(settings: SettingsWrapper) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from meldpunt.intake import throttle

    settings.MELDPUNT = replace(settings.MELDPUNT, throttle_session_failures=2, throttle_session_window_seconds=10)
    now = timezone.now()
    waits = []
    for _block in range(3):
        throttle.record_failure(["session:x"], now=now)
        throttle.record_failure(["session:x"], now=now)
        waits.append(throttle.retry_after(["session:x"], now=now))
        now += timedelta(seconds=waits[-1] or 0)
    assert waits == [10, 20, 40]


@pytest.mark.parametrize(
    ("sample", "filename", "message"),
    [
        ("pdf_open_action_javascript", "letter.pdf", "contains scripts, actions or embedded files"),
        ("png_bomb", "screenshot.png", "expands to an unreasonable size"),
        ("zip_archive", "evidence.zip", "not of an accepted type"),
    ],
)
def test_hostile_files_are_refused_in_the_reporters_language(
    client: Client, sample: str, filename: str, message: str
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.intake.attachments import samples

    data = getattr(samples, sample)()
    english = form_post(client, "en", attachments=SimpleUploadedFile(filename, data))
    assert english.status_code == 400
    assert message in english.content.decode()
    dutch = form_post(client, "nl", attachments=SimpleUploadedFile(filename, data))
    assert dutch.status_code == 400
    assert message not in dutch.content.decode()
    assert Report.objects.count() == 0
