from __future__ import annotations

from collections.abc import Callable

import pytest

from meldpunt.correlate.normalise import normalise
from meldpunt.crypto import Receipt
from meldpunt.intake.models import Attachment, KeyGrant, Message, MessageAuthor, Report, ReportIdentifier
from meldpunt.intake.selectors import report_open
from meldpunt.intake.services import (
    ReceiptRejected,
    blind_index,
    message_add,
    reporter_session_open,
)
from tests.conftest import Staff

pytestmark = pytest.mark.django_db


def test_submission_stores_report_grants_and_blind_index(
    submit: Callable[..., Receipt], handler: Staff, make_staff: Callable[..., Staff]
) -> None:
    make_staff("adam", default_recipient=False)
    receipt = submit(narrative="Ze belden elke dag.", language="nl", origin_state="CN")
    report = Report.objects.get()
    assert report.language == "nl"
    assert report.tactics == ["direct_threat"]
    assert report.origin_state == "CN"
    assert report.consent_statistics is True
    assert list(KeyGrant.objects.values_list("recipient__username", flat=True)) == ["hanna"]
    digest = blind_index().digest("phone", normalise("phone", "+31 6 1234 5678"))
    assert list(ReportIdentifier.objects.values_list("kind", "digest")) == [("phone", digest)]
    assert len(receipt.display().replace(" ", "")) == 20


def test_the_receipt_opens_the_report_and_nothing_else(submit: Callable[..., Receipt], handler: Staff) -> None:
    first = submit(narrative="first report")
    second = submit(narrative="second report")
    for receipt, text in ((first, "first report"), (second, "second report")):
        session = reporter_session_open(receipt_text=receipt.display())
        assert report_open(report_id=session.report_id, report_key=session.report_key).answers.narrative == text


@pytest.mark.parametrize("tamper", ["wrong_secret", "unknown_locator", "too_short", "letters"])
def test_wrong_receipts_are_rejected_alike(submit: Callable[..., Receipt], tamper: str) -> None:
    receipt = submit()
    digits = receipt.locator + receipt.secret
    wrong = {
        "wrong_secret": digits[:-1] + str((int(digits[-1]) + 1) % 10),
        "unknown_locator": str((int(digits[0]) + 1) % 10) + digits[1:],
        "too_short": digits[:-1],
        "letters": "abcd efgh",
    }[tamper]
    with pytest.raises(ReceiptRejected):
        reporter_session_open(receipt_text=wrong)


def test_receipt_typed_with_other_digits_and_spacing_still_opens(submit: Callable[..., Receipt]) -> None:
    receipt = submit()
    full_width = "".join(chr(0xFF10 + int(d)) if d.isdigit() else "-" for d in receipt.display())
    assert reporter_session_open(receipt_text=full_width).report_id == Report.objects.get().pk


def test_expired_report_no_longer_opens(submit: Callable[..., Receipt]) -> None:
    receipt = submit()
    Report.objects.update(status="expired")
    with pytest.raises(ReceiptRejected):
        reporter_session_open(receipt_text=receipt.display())


def test_a_failing_grant_leaves_nothing_behind(submit: Callable[..., Receipt], handler: Staff) -> None:
    # A recipient with a broken public key makes sealing fail halfway through the transaction.
    handler.user.public_key = b"\x00" * 7
    handler.user.save()
    with pytest.raises(Exception):  # noqa: B017, PT011  # whatever sealing raises, nothing may remain
        submit()
    assert Report.objects.count() == 0
    assert ReportIdentifier.objects.count() == 0
    assert KeyGrant.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_messages_are_encrypted_and_kept_in_order(submit: Callable[..., Receipt], handler: Staff) -> None:
    receipt = submit()
    session = reporter_session_open(receipt_text=receipt.display())
    for author, text in [
        (MessageAuthor.REPORTER, "one"),
        (MessageAuthor.HANDLER, "two"),
        (MessageAuthor.REPORTER, "3"),
    ]:
        message_add(report_id=session.report_id, report_key=session.report_key, author=author, text=text)
    opened = report_open(report_id=session.report_id, report_key=session.report_key)
    assert [(m.author, m.text) for m in opened.messages] == [("reporter", "one"), ("handler", "two"), ("reporter", "3")]
    assert all(b"one" not in bytes(m.body) for m in Message.objects.all())


def test_report_cannot_be_opened_with_another_reports_key(submit: Callable[..., Receipt]) -> None:
    from meldpunt.crypto import DecryptionError

    first = reporter_session_open(receipt_text=submit().display())
    second = reporter_session_open(receipt_text=submit().display())
    with pytest.raises(DecryptionError):
        report_open(report_id=first.report_id, report_key=second.report_key)
