from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail

from meldpunt.cases.notifications import digests_send
from meldpunt.crypto import Receipt
from meldpunt.intake.services import reporter_message_add, reporter_session_open
from tests.conftest import Staff

pytestmark = pytest.mark.django_db


def test_digest_counts_new_items_once_and_carries_no_content(handler: Staff, submit: Callable[..., Receipt]) -> None:
    handler.user.email = "hanna@example.org"
    handler.user.language = "en"
    handler.user.save()
    receipt = submit(narrative="the secret narrative")
    submit()
    session = reporter_session_open(receipt_text=receipt.display())
    reporter_message_add(session=session, text="a secret follow-up")

    assert digests_send() == 1
    body = mail.outbox[0].body
    assert "New reports for you: 2" in body
    assert "New messages from reporters: 1" in body
    assert "secret" not in body + mail.outbox[0].subject
    assert str(session.report_id) not in mail.outbox[0].subject

    assert digests_send() == 0  # nothing new since the last digest
    reporter_message_add(session=session, text="again")
    assert digests_send() == 1
    assert "New reports for you: 0" in mail.outbox[1].body


def test_digest_speaks_the_staff_members_language(handler: Staff, submit: Callable[..., Receipt]) -> None:
    handler.user.email = "hanna@example.org"
    handler.user.language = "nl"
    handler.user.save()
    submit()
    digests_send()
    assert "New reports for you" not in mail.outbox[0].body


def test_digest_counts_alerts(handler: Staff, submit: Callable[..., Receipt]) -> None:
    from meldpunt.correlate.linking import known_identifier_add
    from meldpunt.correlate.normalise import normalise
    from meldpunt.intake.services import blind_index

    handler.user.email = "hanna@example.org"
    handler.user.language = "en"
    handler.user.save()
    submit(identifiers=[{"kind": "phone", "value": "+31 20 555 0100"}])
    digests_send()
    digest = blind_index().digest("phone", normalise("phone", "+31 20 555 0100"))
    known_identifier_add(kind="phone", digest=digest, actor_ref="knowledge.actor:9", actor_label="Station")
    assert digests_send() == 1
    assert "New alerts (known actors, campaigns): 1." in mail.outbox[-1].body
