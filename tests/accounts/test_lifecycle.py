"""Staff accounts over their life: lockout, enrolment, password change, reset and restored access."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.escrow import EscrowUnavailable, escrow_init, escrow_share
from meldpunt.accounts.models import Role, User
from meldpunt.accounts.services import (
    LOCKOUT_THRESHOLD,
    EnrolmentRequired,
    LoginFailed,
    staff_login,
    staff_password_change,
    staff_reset,
    staff_user_create,
)
from meldpunt.cases.selectors import NoAccess, access_report
from meldpunt.cases.services import grants_restore
from meldpunt.crypto import Receipt
from tests.conftest import PASSWORD, Staff

pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_lock_the_account(handler: Staff) -> None:
    for _ in range(LOCKOUT_THRESHOLD):
        with pytest.raises(LoginFailed):
            staff_login(username="hanna", password="wrong wrong wrong", otp_token=handler.code())
    handler.user.refresh_from_db()
    assert handler.user.locked_until is not None
    assert handler.user.locked_until > timezone.now()
    with pytest.raises(LoginFailed):  # even the right password, while locked
        staff_login(username="hanna", password=PASSWORD, otp_token=handler.code())


def test_first_login_enrols_the_authenticator(db: None) -> None:
    user, device = staff_user_create(username="newbie", password=PASSWORD, confirmed_totp=False)
    with pytest.raises(EnrolmentRequired):
        staff_login(username="newbie", password=PASSWORD, otp_token="")
    device.refresh_from_db()
    login = staff_login(username="newbie", password=PASSWORD, otp_token=f"{totp(device.bin_key):06d}")
    assert login.user == user
    device.refresh_from_db()
    assert device.confirmed


def test_enrolment_page_shows_a_qr_code_inline(client: Client) -> None:
    staff_user_create(username="newbie", password=PASSWORD, confirmed_totp=False)
    page = client.post("/staff/login/", {"username": "newbie", "password": PASSWORD, "otp_token": ""})
    html = page.content.decode()
    assert 'id="enrol"' in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert PASSWORD not in html


def test_password_change_keeps_the_key_pair(handler: Staff) -> None:
    before = staff_login(username="hanna", password=PASSWORD, otp_token=handler.code()).private_key
    staff_password_change(user=handler.user, old_password=PASSWORD, new_password="a whole new passphrase")
    after = staff_login(username="hanna", password="a whole new passphrase", otp_token=handler.code()).private_key
    assert after == before
    with pytest.raises(LoginFailed):
        staff_login(username="hanna", password=PASSWORD, otp_token=handler.code())


def test_reset_then_supervisor_restores_access(
    make_staff: Callable[..., Staff], submit: Callable[..., Receipt]
) -> None:
    handler = make_staff("hanna")
    supervisor = make_staff("sam", role=Role.SUPERVISOR, default_recipient=False)
    admin = make_staff("ada", role=Role.ADMIN, default_recipient=False)
    escrow_init(supervisor=supervisor.user)
    submit(narrative="kept across a lost password")
    report_id = handler.user.grants.get().report_id

    staff_reset(user=handler.user, new_password="brand new passphrase", acting_user=admin.user)
    user = User.objects.get(username="hanna")
    new_device = TOTPDevice.objects.get(user=user)
    login = staff_login(username="hanna", password="brand new passphrase", otp_token=f"{totp(new_device.bin_key):06d}")
    with pytest.raises(Exception):  # noqa: B017, PT011  # the old grant is sealed to a key that is gone
        access_report(user=user, report_id=report_id, private_key=login.private_key)

    sam_key = staff_login(username="sam", password=PASSWORD, otp_token=supervisor.code()).private_key
    assert grants_restore(handler=user, acting_user=supervisor.user, private_key=sam_key) == 1
    opened = access_report(user=user, report_id=report_id, private_key=login.private_key)
    assert opened.report.answers.narrative == "kept across a lost password"


def test_escrow_is_shared_only_with_supervisors(make_staff: Callable[..., Staff]) -> None:
    supervisor = make_staff("sam", role=Role.SUPERVISOR, default_recipient=False)
    handler = make_staff("hanna")
    with pytest.raises(EscrowUnavailable):
        escrow_init(supervisor=handler.user)
    escrow_init(supervisor=supervisor.user)
    with pytest.raises(EscrowUnavailable):
        escrow_init(supervisor=supervisor.user)
    key = staff_login(username="sam", password=PASSWORD, otp_token=supervisor.code()).private_key
    with pytest.raises(EscrowUnavailable):
        escrow_share(supervisor=supervisor.user, private_key=key, to=handler.user)


def test_only_handlers_receive_new_reports(db: None) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        staff_user_create(username="boss", password=PASSWORD, role=Role.ADMIN, default_recipient=True)


def test_analysts_and_admins_cannot_open_reports(
    make_staff: Callable[..., Staff], submit: Callable[..., Receipt]
) -> None:
    make_staff("hanna")
    analyst = make_staff("ann", role=Role.ANALYST, default_recipient=False)
    submit()
    from meldpunt.intake.models import Report

    key = staff_login(username="ann", password=PASSWORD, otp_token=analyst.code()).private_key
    with pytest.raises(NoAccess):
        access_report(user=analyst.user, report_id=Report.objects.get().pk, private_key=key)


def test_supervisor_shares_escrow_and_a_reset_supervisor_loses_the_share(
    make_staff: Callable[..., Staff], submit: Callable[..., Receipt]
) -> None:
    from meldpunt.accounts.escrow import escrow_private_key
    from meldpunt.accounts.models import EscrowShare
    from tests.conftest import logged_in

    sam = make_staff("sam", role=Role.SUPERVISOR, default_recipient=False)
    sue = make_staff("sue", role=Role.SUPERVISOR, default_recipient=False)
    admin = make_staff("ada", role=Role.ADMIN, default_recipient=False)
    escrow_init(supervisor=sam.user)
    assert logged_in(sam).post("/staff/cases/escrow/", {"supervisor": sue.user.pk}).status_code == 302
    sue_key = staff_login(username="sue", password=PASSWORD, otp_token=sue.code()).private_key
    sam_key = staff_login(username="sam", password=PASSWORD, otp_token=sam.code()).private_key
    assert escrow_private_key(supervisor=sue.user, private_key=sue_key) == escrow_private_key(
        supervisor=sam.user, private_key=sam_key
    )
    staff_reset(user=sue.user, new_password="brand new passphrase", acting_user=admin.user)
    assert not EscrowShare.objects.filter(supervisor=sue.user).exists()


def test_inbox_survives_a_reset_before_access_is_restored(
    handler: Staff, make_staff: Callable[..., Staff], submit: Callable[..., Receipt]
) -> None:
    from django_otp.oath import totp as current_code

    admin = make_staff("ada", role=Role.ADMIN, default_recipient=False)
    submit()
    staff_reset(user=handler.user, new_password="brand new passphrase", acting_user=admin.user)
    device = TOTPDevice.objects.get(user=handler.user)
    client = Client()
    client.post("/staff/login/", {"username": "hanna", "password": "brand new passphrase", "otp_token": ""})
    client.post(
        "/staff/login/",
        {"username": "hanna", "password": "brand new passphrase", "otp_token": f"{current_code(device.bin_key):06d}"},
    )
    response = client.get("/staff/cases/")
    assert response.status_code == 200
    assert "A man called me" not in response.content.decode()
