from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.models import Role, User
from tests.conftest import PASSWORD, Staff, logged_in

pytestmark = pytest.mark.django_db


def test_admin_creates_an_account_whose_first_login_enrols(make_staff: Callable[..., Staff]) -> None:
    admin = make_staff("ada", role=Role.ADMIN, default_recipient=False)
    client = logged_in(admin)
    response = client.post(
        "/staff/accounts/",
        {
            "username": "nina",
            "password": "temporary passphrase 1",
            "role": "handler",
            "default_recipient": "on",
            "email": "nina@example.org",
        },
    )
    assert response.status_code == 302
    nina = User.objects.get(username="nina")
    assert (nina.role, nina.default_recipient, nina.email) == ("handler", True, "nina@example.org")
    assert not TOTPDevice.objects.get(user=nina).confirmed
    page = Client().post("/staff/login/", {"username": "nina", "password": "temporary passphrase 1"})
    assert 'id="enrol"' in page.content.decode()


def test_admin_cannot_make_an_admin_a_recipient(make_staff: Callable[..., Staff]) -> None:
    admin = make_staff("ada", role=Role.ADMIN, default_recipient=False)
    response = logged_in(admin).post(
        "/staff/accounts/",
        {"username": "boss", "password": "temporary passphrase 1", "role": "admin", "default_recipient": "on"},
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="boss").exists()


def test_password_page_changes_the_password(handler: Staff) -> None:
    client = logged_in(handler)
    response = client.post("/staff/password/", {"old_password": PASSWORD, "new_password": "another long passphrase"})
    assert response.status_code == 302
    handler.user.refresh_from_db()
    assert handler.user.check_password("another long passphrase")


def test_login_rotates_the_session_key(handler: Staff) -> None:
    client = Client()
    client.get("/staff/login/")
    client.cookies["mp_staff"] = "planted-session-id"
    client.post("/staff/login/", {"username": "hanna", "password": PASSWORD, "otp_token": handler.code()})
    assert client.cookies["mp_staff"].value not in ("", "planted-session-id")


def test_staff_forms_need_the_csrf_token(handler: Staff) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/staff/login/", {"username": "hanna", "password": PASSWORD, "otp_token": handler.code()})
    assert response.status_code == 403


def test_staff_pages_follow_the_staff_members_language(handler: Staff) -> None:
    client = logged_in(handler)
    client.post("/staff/language/", {"language": "en"})
    english = client.get("/staff/cases/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Reports you have access to" in english
    client.post("/staff/language/", {"language": "nl"})
    dutch = client.get("/staff/cases/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Reports you have access to" not in dutch
    assert '<html lang="nl"' in dutch


def test_every_post_form_carries_a_csrf_token() -> None:
    import re
    from pathlib import Path

    import meldpunt

    missing = []
    for template in Path(meldpunt.__file__).parent.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>.*?</form>", text, flags=re.S | re.I):
            if "{% csrf_token %}" not in form:
                missing.append(template.name)
    assert missing == []


def test_staff_pages_send_the_security_headers(handler: Staff) -> None:
    response = logged_in(handler).get("/staff/cases/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"


def test_staff_cookies_are_strict_httponly_and_scoped_to_the_staff_site(handler: Staff) -> None:
    login = Client().post("/staff/login/", {"username": "hanna", "password": PASSWORD, "otp_token": handler.code()})
    for name in ("mp_staff", "mp_staff_key"):
        cookie = login.cookies[name]
        assert (cookie["samesite"], cookie["httponly"], cookie["path"]) == ("Strict", True, "/staff/"), name
