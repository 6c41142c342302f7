"""Staff login with password and TOTP; a login also opens the handler's private key."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from meldpunt.accounts.forms import StaffLoginForm
from meldpunt.accounts.keyring import keyring_clear, keyring_store
from meldpunt.accounts.services import LoginFailed, staff_login


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = StaffLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = staff_login(**form.cleaned_data)
        except LoginFailed:
            form.add_error(None, _("Username, password or code is not right."))
        else:
            login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, result.device)
            response = redirect("cases:inbox")
            keyring_store(request, response, result.private_key)
            return response
    return render(request, "accounts/login.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    response = redirect("accounts:login")
    keyring_clear(response)
    return response
