from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from meldpunt.accounts.services import LoginFailed, staff_login, staff_user_create
from meldpunt.crypto import unwrap_private_key
from tests.conftest import Staff

pytestmark = pytest.mark.django_db


def test_weak_passwords_are_refused(db: None) -> None:
    with pytest.raises(ValidationError):
        staff_user_create(username="weak", password="password")


def test_login_opens_the_private_key_of_the_public_key(handler: Staff) -> None:
    from nacl.public import PrivateKey

    login = staff_login(username="hanna", password=handler.password, otp_token=handler.code())
    assert bytes(PrivateKey(login.private_key).public_key) == bytes(handler.user.public_key)
    assert unwrap_private_key(bytes(handler.user.wrapped_private_key), handler.password) == login.private_key


@pytest.mark.parametrize("username", ["hanna", "nobody"])
def test_any_wrong_part_is_one_failure(handler: Staff, username: str) -> None:
    with pytest.raises(LoginFailed):
        staff_login(username=username, password="wrong password!", otp_token=handler.code())


def test_admin_is_not_a_default_recipient_unless_made_one(make_staff: Callable[..., Staff]) -> None:
    from meldpunt.accounts.models import Role

    admin = make_staff("root", role=Role.ADMIN, default_recipient=False)
    assert admin.user.default_recipient is False
