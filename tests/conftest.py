"""Shared fixtures: staff accounts made through the real services, and report submission helpers."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import settings as hypothesis_settings

from meldpunt.accounts.models import Role, User
from meldpunt.accounts.services import staff_user_create
from meldpunt.crypto import Receipt
from meldpunt.intake.attachments import CleanFile
from meldpunt.intake.questionnaire import parse_answers
from meldpunt.intake.services import report_submit
from tests.support.audit import audit_log_empty

PASSWORD = "correct horse battery staple"

# No per-example deadline: a timed assertion only measures how busy a shared machine is. CI replays
# the same examples every run, so a red run can be reproduced and is never a coin toss.
hypothesis_settings.register_profile("meldpunt", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "meldpunt")


class Staff:
    """A staff member as the tests see them: the account, its TOTP device and its password."""

    def __init__(self, user: User, device: TOTPDevice) -> None:
        self.user, self.device, self.password = user, device, PASSWORD

    def code(self) -> str:
        """The current code; a test may log in twice within one 30-second step, so the device's
        memory of the last used step is cleared (django-otp refuses a replayed code)."""
        TOTPDevice.objects.filter(pk=self.device.pk).update(last_t=-1)
        return f"{totp(self.device.bin_key):06d}"


def logged_in(staff: Staff) -> Client:
    """A test client logged in as `staff` through the real login page (password and TOTP)."""
    client = Client()
    response = client.post(
        "/staff/login/", {"username": staff.user.username, "password": staff.password, "otp_token": staff.code()}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client


@pytest.fixture
def make_staff(db: None) -> Callable[..., Staff]:
    def make(username: str = "hanna", *, role: Role = Role.HANDLER, default_recipient: bool = True) -> Staff:
        user, device = staff_user_create(
            username=username, password=PASSWORD, role=role, default_recipient=default_recipient
        )
        user.language = "en"  # tests read the English wording; the default for staff is Dutch
        user.save(update_fields=["language"])
        return Staff(user, device)

    return make


@pytest.fixture
def handler(make_staff: Callable[..., Staff]) -> Staff:
    return make_staff("hanna")


def answers_raw(**overrides: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "language": "en",
        "narrative": "A man called me every day from the same number.",
        "tactics": ["direct_threat"],
        "identifiers": [{"kind": "phone", "value": "+31 6 1234 5678"}],
        "consents": {"replies": True, "statistics": True, "police_help": False},
    }
    raw.update(overrides)
    return raw


@pytest.fixture
def submit(db: None) -> Callable[..., Receipt]:
    def do(attachments: tuple[CleanFile, ...] = (), **overrides: Any) -> Receipt:
        answers = parse_answers(answers_raw(**overrides), today=timezone.localdate())
        return report_submit(answers=answers, attachments=attachments)

    return do


@pytest.fixture(autouse=True)
def _audit_log_emptied_before_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """A transactional test ends with a flush, which the append-only audit log refuses while it holds
    entries: empty it first (triggers off), so that the flush succeeds and the next test starts at seq 1."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and bool(marker.kwargs.get("transaction"))) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # set up before this fixture, so flushed after it
    yield
    audit_log_empty()
