from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from meldpunt.accounts.escrow import escrow_init
from meldpunt.accounts.models import Role
from meldpunt.accounts.services import staff_login
from meldpunt.cases import services
from meldpunt.cases.models import AuditEntry, AuditEvent
from meldpunt.cases.selectors import NoAccess, access_report, notes_for
from meldpunt.crypto import Receipt
from meldpunt.intake.models import KeyGrant, Report
from meldpunt.intake.services import ReceiptRejected, reporter_session_open
from tests.conftest import PASSWORD, Staff

pytestmark = pytest.mark.django_db


def key_of(staff: Staff) -> bytes:
    return staff_login(username=staff.user.username, password=PASSWORD, otp_token=staff.code()).private_key


def test_triage_sets_the_statistical_metadata_and_is_audited(handler: Staff, submit: Callable[..., Receipt]) -> None:
    submit()
    report = Report.objects.get()
    triage = services.Triage(
        tactics=("pressure_to_return", "direct_threat"),
        origin_state="CN",
        community="uyghur",
        province="utrecht",
        urgency="within_a_week",
        verification="corroborated",
    )
    services.triage_update(user=handler.user, report_id=report.pk, triage=triage)
    report.refresh_from_db()
    assert (report.tactics, report.origin_state, report.province, report.status) == (
        ["direct_threat", "pressure_to_return"],
        "CN",
        "utrecht",
        "in_triage",
    )
    entry = AuditEntry.objects.filter(event=AuditEvent.TRIAGE_UPDATED).get()
    assert entry.report_id == report.pk
    assert entry.actor_username == "hanna"


def test_triage_refuses_unknown_terms(handler: Staff, submit: Callable[..., Receipt]) -> None:
    submit()
    bad = services.Triage(("telepathy",), "XX", "", "atlantis", "", "")
    with pytest.raises(ValidationError):
        services.triage_update(user=handler.user, report_id=Report.objects.get().pk, triage=bad)


def test_status_follows_the_declared_workflow(handler: Staff, submit: Callable[..., Receipt]) -> None:
    submit()
    report_id = Report.objects.get().pk
    with pytest.raises(ValidationError):
        services.status_change(user=handler.user, report_id=report_id, to="referred_to_police")
    for step in ("in_triage", "open", "waiting_for_reporter", "referred_to_police", "closed"):
        services.status_change(user=handler.user, report_id=report_id, to=step)
    assert Report.objects.get().status == "closed"
    with pytest.raises(ValidationError):
        services.status_change(user=handler.user, report_id=report_id, to="expired")


def test_handlers_without_a_grant_change_nothing(
    make_staff: Callable[..., Staff], submit: Callable[..., Receipt]
) -> None:
    make_staff("hanna")
    other = make_staff("otto", default_recipient=False)
    submit()
    report_id = Report.objects.get().pk
    with pytest.raises(NoAccess):
        services.status_change(user=other.user, report_id=report_id, to="in_triage")
    with pytest.raises(NoAccess):
        services.note_add(user=other.user, report_id=report_id, private_key=key_of(other), text="x")


def test_notes_are_encrypted_and_read_back(handler: Staff, submit: Callable[..., Receipt]) -> None:
    submit()
    report_id = Report.objects.get().pk
    key = key_of(handler)
    note = services.note_add(user=handler.user, report_id=report_id, private_key=key, text="call back Tuesday")
    assert b"Tuesday" not in bytes(note.body)
    assert [n.text for n in notes_for(user=handler.user, report_id=report_id, private_key=key)] == ["call back Tuesday"]


def test_reply_needs_the_reporters_consent(handler: Staff, submit: Callable[..., Receipt]) -> None:
    submit(consents={"replies": False})
    with pytest.raises(PermissionDenied):
        services.reply_send(
            user=handler.user, report_id=Report.objects.get().pk, private_key=key_of(handler), text="hi"
        )


def test_supervisor_grants_and_revokes_through_escrow(
    make_staff: Callable[..., Staff], submit: Callable[..., Receipt]
) -> None:
    make_staff("hanna")
    other = make_staff("otto", default_recipient=False)
    supervisor = make_staff("sam", role=Role.SUPERVISOR, default_recipient=False)
    escrow_init(supervisor=supervisor.user)
    submit(narrative="to be assigned")
    report_id = Report.objects.get().pk
    with pytest.raises(PermissionDenied):
        services.grant_create(
            report_id=report_id, handler=other.user, acting_user=other.user, private_key=key_of(other)
        )
    services.grant_create(
        report_id=report_id, handler=other.user, acting_user=supervisor.user, private_key=key_of(supervisor)
    )
    assert access_report(user=other.user, report_id=report_id, private_key=key_of(other)).report.answers.narrative == (
        "to be assigned"
    )
    services.grant_revoke(report_id=report_id, handler=other.user, acting_user=supervisor.user)
    with pytest.raises(NoAccess):
        access_report(user=other.user, report_id=report_id, private_key=key_of(other))
    events = list(AuditEntry.objects.filter(report_id=report_id).values_list("event", flat=True))
    assert AuditEvent.GRANT_CREATED in events
    assert AuditEvent.GRANT_REVOKED in events


def test_retention_deletes_inactive_reports_and_their_receipts_stop_working(
    handler: Staff, make_staff: Callable[..., Staff], submit: Callable[..., Receipt], settings: object
) -> None:
    supervisor = make_staff("sam", role=Role.SUPERVISOR, default_recipient=False)
    old, kept, fresh = submit(narrative="old"), submit(narrative="kept"), submit(narrative="fresh")
    long_ago = timezone.localdate() - timedelta(days=400)
    Report.objects.exclude(pk=Report.objects.order_by("-pk").first().pk).update(last_activity_on=long_ago)  # type: ignore[union-attr]
    kept_id = reporter_session_open(receipt_text=kept.display()).report_id
    services.retention_extend(
        report_id=kept_id, until=timezone.localdate() + timedelta(days=30), acting_user=supervisor.user
    )
    assert services.retention_run() == 1
    assert services.retention_run() == 0  # safe to run again
    with pytest.raises(ReceiptRejected):
        reporter_session_open(receipt_text=old.display())
    assert reporter_session_open(receipt_text=kept.display()).report_id == kept_id
    assert reporter_session_open(receipt_text=fresh.display())
    assert Report.objects.count() == 2
    assert KeyGrant.objects.count() == 2
    deleted = AuditEntry.objects.get(event=AuditEvent.REPORT_DELETED)
    assert deleted.details == {"reason": "expired"}


def test_retention_command_runs_from_cron(submit: Callable[..., Receipt]) -> None:
    from io import StringIO

    from django.core.management import call_command

    submit()
    Report.objects.update(last_activity_on=timezone.localdate() - timedelta(days=1000))
    out = StringIO()
    call_command("retention", "run", stdout=out)
    assert "1 expired report(s) deleted" in out.getvalue()
    assert Report.objects.count() == 0
