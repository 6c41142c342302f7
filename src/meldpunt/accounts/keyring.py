"""A handler's private key for the length of a login, split in two halves.

The session row (in the database) holds the key encrypted; the browser holds the key that opens it,
in an HttpOnly cookie scoped to the staff site. A copy of the database, or a stolen cookie alone,
opens nothing; logging out or the session timing out ends both.
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from meldpunt.crypto import CryptoError, decrypt, encrypt, new_report_key

KEY_COOKIE = "mp_staff_key"
_SESSION_FIELD = "mp_wrapped_private_key"


def keyring_store(request: HttpRequest, response: HttpResponse, private_key: bytes) -> None:
    cookie_key = new_report_key()
    request.session[_SESSION_FIELD] = base64.b64encode(encrypt(cookie_key, private_key)).decode()
    response.set_cookie(
        KEY_COOKIE,
        base64.urlsafe_b64encode(cookie_key).decode(),
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
        path=settings.SESSION_COOKIE_PATH,
    )


def keyring_open(request: HttpRequest) -> bytes | None:
    """The private key, or None when either half is missing or they do not belong together."""
    wrapped = request.session.get(_SESSION_FIELD)
    cookie = request.COOKIES.get(KEY_COOKIE)
    if not wrapped or not cookie:
        return None
    try:
        return decrypt(base64.urlsafe_b64decode(cookie), base64.b64decode(wrapped))
    except (CryptoError, ValueError):
        return None


def keyring_clear(response: HttpResponse) -> None:
    response.delete_cookie(KEY_COOKIE, path=settings.SESSION_COOKIE_PATH, samesite="Strict")
