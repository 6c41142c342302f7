"""Writes for staff accounts: creation, login with lockout, TOTP enrolment, password change, reset.

A staff member's private key is wrapped under their password, so every change of password re-wraps
it, and a reset (lost password) makes a new key pair whose grants a supervisor restores from escrow.
Every change writes its audit entry in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.kdf import staff_kdf
from meldpunt.accounts.models import EscrowShare, Role, User
from meldpunt.cases.audit import audit_record
from meldpunt.cases.models import AuditEvent
from meldpunt.crypto import HandlerKeyPair, WrongPassword, unwrap_private_key, wrap_private_key

LOCKOUT_THRESHOLD = 5
LOCKOUT_DURATION = timedelta(minutes=15)


class LoginFailed(Exception):
    """Wrong username, password or code, or a locked account; which one is never said."""


@dataclass(frozen=True)
class EnrolmentRequired(Exception):
    """Password right, but no confirmed authenticator yet: the login page shows the QR code."""

    user: User
    device: TOTPDevice


@dataclass(frozen=True)
class StaffLogin:
    user: User
    device: TOTPDevice
    private_key: bytes


def _new_device(user: User, *, confirmed: bool, key_hex: str | None = None) -> TOTPDevice:
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice(user=user, name="default", confirmed=confirmed)
    if key_hex:
        device.key = key_hex
    device.save()
    return device


def _set_key_pair(user: User, password: str) -> None:
    pair = HandlerKeyPair.generate()
    user.public_key = pair.public_key
    user.wrapped_private_key = wrap_private_key(pair.private_key, password, params=staff_kdf())


def staff_user_create(
    *,
    username: str,
    password: str,
    role: Role = Role.HANDLER,
    default_recipient: bool = False,
    totp_key_hex: str | None = None,
    confirmed_totp: bool = True,
    acting_user: User | None = None,
    email: str = "",
) -> tuple[User, TOTPDevice]:
    """A staff account with its key pair wrapped under the password and a TOTP device.

    An unconfirmed device makes the first login an enrolment: the new staff member scans the QR code.
    """
    if default_recipient and role != Role.HANDLER:
        raise ValidationError("only handlers can be default recipients of new reports")
    with transaction.atomic():
        user = User(username=username, role=role, default_recipient=default_recipient, email=email)
        validate_password(password, user)
        user.set_password(password)
        _set_key_pair(user, password)
        user.save()
        device = _new_device(user, confirmed=confirmed_totp, key_hex=totp_key_hex)
        audit_record(
            event=AuditEvent.ACCOUNT_CREATED,
            actor=acting_user,
            report_id=None,
            details={"username": username, "role": str(role)},
        )
    return user, device


def _fail(user: User) -> None:
    """Count a failed password; lock the account for a while after too many in a row."""
    with transaction.atomic():
        user.failed_logins += 1
        locked = user.failed_logins >= LOCKOUT_THRESHOLD
        if locked:
            user.locked_until = timezone.now() + LOCKOUT_DURATION
            user.failed_logins = 0
        user.save(update_fields=["failed_logins", "locked_until"])
        event = AuditEvent.ACCOUNT_LOCKED if locked else AuditEvent.STAFF_LOGIN_FAILED
        audit_record(event=event, actor=user, report_id=None)


def staff_login(*, username: str, password: str, otp_token: str) -> StaffLogin:
    """Check lockout, password and TOTP, then open the private key; any failure is one LoginFailed."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        User().set_password(password)  # the same hashing work, so timing does not reveal usernames
        raise LoginFailed
    if user.locked_until and user.locked_until > timezone.now():
        raise LoginFailed
    if not user.check_password(password):
        _fail(user)
        raise LoginFailed
    try:
        private_key = unwrap_private_key(bytes(user.wrapped_private_key), password)
    except WrongPassword as error:
        raise LoginFailed from error
    device = TOTPDevice.objects.filter(user=user).first()
    if device is None:
        raise LoginFailed
    if not device.confirmed:
        if not otp_token.strip() or not device.verify_token(otp_token.strip()):
            raise EnrolmentRequired(user, device)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    elif not device.verify_token(otp_token.strip()):
        _fail(user)
        raise LoginFailed
    with transaction.atomic():
        user.failed_logins = 0
        user.last_login = timezone.now()
        user.save(update_fields=["failed_logins", "last_login"])
        audit_record(event=AuditEvent.STAFF_LOGIN, actor=user, report_id=None)
    return StaffLogin(user=user, device=device, private_key=private_key)


def staff_password_change(*, user: User, old_password: str, new_password: str) -> None:
    """A new password, with the private key re-wrapped under it (the key pair stays the same)."""
    if not user.check_password(old_password):
        raise LoginFailed
    private_key = unwrap_private_key(bytes(user.wrapped_private_key), old_password)
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.wrapped_private_key = wrap_private_key(private_key, new_password, params=staff_kdf())
        user.save(update_fields=["password", "wrapped_private_key"])
        audit_record(event=AuditEvent.PASSWORD_CHANGED, actor=user, report_id=None)


def staff_reset(*, user: User, new_password: str, acting_user: User) -> TOTPDevice:
    """After a lost password: a new password, a new key pair and a new authenticator to enrol.

    The old private key is gone with the old password, so the account can read nothing until a
    supervisor restores its grants from escrow (cases.services.grants_restore).
    """
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        _set_key_pair(user, new_password)
        user.failed_logins, user.locked_until = 0, None
        user.save()
        # An escrow share sealed to the old key pair opens nothing now; another supervisor shares anew.
        EscrowShare.objects.filter(supervisor=user).delete()
        device = _new_device(user, confirmed=False)
        audit_record(
            event=AuditEvent.ACCOUNT_UPDATED,
            actor=acting_user,
            report_id=None,
            details={"username": user.username, "change": "reset"},
        )
    return device


def staff_update(
    *, user: User, acting_user: User, role: Role, default_recipient: bool, is_active: bool, email: str
) -> None:
    if default_recipient and role != Role.HANDLER:
        raise ValidationError("only handlers can be default recipients of new reports")
    with transaction.atomic():
        user.role, user.default_recipient, user.is_active, user.email = role, default_recipient, is_active, email
        user.save(update_fields=["role", "default_recipient", "is_active", "email"])
        audit_record(
            event=AuditEvent.ACCOUNT_UPDATED,
            actor=acting_user,
            report_id=None,
            details={"username": user.username, "role": str(role), "active": is_active},
        )


def staff_language_set(*, user: User, language: str) -> None:
    if language not in ("nl", "en"):
        raise ValidationError("the staff interface speaks Dutch or English")
    user.language = language
    user.save(update_fields=["language"])
