"""Writes for staff accounts: creation with a key pair and a TOTP device, and login."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.kdf import staff_kdf
from meldpunt.accounts.models import Role, User
from meldpunt.crypto import HandlerKeyPair, WrongPassword, unwrap_private_key, wrap_private_key


class LoginFailed(Exception):
    """Wrong username, password or code; which one is never said."""


@dataclass(frozen=True)
class StaffLogin:
    user: User
    device: TOTPDevice
    private_key: bytes


def staff_user_create(
    *,
    username: str,
    password: str,
    role: Role = Role.HANDLER,
    default_recipient: bool = False,
    totp_key_hex: str | None = None,
) -> tuple[User, TOTPDevice]:
    """A staff account with its key pair wrapped under the password and a confirmed TOTP device."""
    pair = HandlerKeyPair.generate()
    with transaction.atomic():
        user = User(username=username, role=role, default_recipient=default_recipient)
        validate_password(password, user)
        user.set_password(password)
        user.public_key = pair.public_key
        user.wrapped_private_key = wrap_private_key(pair.private_key, password, params=staff_kdf())
        user.save()
        device = TOTPDevice(user=user, name="default", confirmed=True)
        if totp_key_hex:
            device.key = totp_key_hex
        device.save()
    return user, device


def staff_login(*, username: str, password: str, otp_token: str) -> StaffLogin:
    """Check password and TOTP, then open the private key; any failure is one LoginFailed."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        User().set_password(password)  # the same hashing work, so timing does not reveal usernames
        raise LoginFailed
    if not user.check_password(password):
        raise LoginFailed
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not device.verify_token(otp_token.strip()):
        raise LoginFailed
    try:
        private_key = unwrap_private_key(bytes(user.wrapped_private_key), password)
    except WrongPassword as error:
        raise LoginFailed from error
    return StaffLogin(user=user, device=device, private_key=private_key)
