"""The door of every staff page: logged in with password and TOTP, key opened, role allowed."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from meldpunt.accounts.keyring import keyring_open
from meldpunt.accounts.models import Role, User

StaffView = Callable[..., HttpResponse]


def staff_user(request: HttpRequest) -> User:
    """The logged-in staff member (only after `staff_required` has let the request in)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def staff_required(*roles: Role) -> Callable[[StaffView], StaffView]:
    """Let in only a verified login whose private key is open and whose role is one of `roles`."""

    def decorate(view: StaffView) -> StaffView:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            private_key = keyring_open(request)
            verified = getattr(request.user, "is_verified", lambda: False)()  # set by django_otp's middleware
            if not request.user.is_authenticated or not verified or private_key is None:
                return redirect("accounts:login")
            if roles and staff_user(request).role not in roles:
                raise PermissionDenied
            return view(request, *args, private_key=private_key, **kwargs)

        return wrapped

    return decorate
