"""Staff login (password, TOTP, enrolment), password change, and account management for admins."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from meldpunt.accounts.decorators import staff_required, staff_user
from meldpunt.accounts.forms import PasswordChangeForm, StaffCreateForm, StaffEditForm, StaffLoginForm
from meldpunt.accounts.keyring import keyring_clear, keyring_store
from meldpunt.accounts.models import Role, User
from meldpunt.accounts.services import (
    EnrolmentRequired,
    LoginFailed,
    staff_language_set,
    staff_login,
    staff_password_change,
    staff_reset,
    staff_update,
    staff_user_create,
)

HOME_BY_ROLE = {
    Role.HANDLER: "cases:inbox",
    Role.SUPERVISOR: "cases:overview",
    Role.ADMIN: "accounts:staff_list",
    Role.ANALYST: "accounts:password",
}


def _qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth QR code as an inline SVG image: no request leaves the page for a QR service."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = StaffLoginForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            result = staff_login(**form.cleaned_data)
        except EnrolmentRequired as enrol:
            context.update(enrol=True, qr=_qr_data_uri(enrol.device), username=enrol.user.username)
            form = StaffLoginForm(initial={"username": enrol.user.username})
            context["form"] = form
            return render(request, "accounts/login.html", context)
        except LoginFailed:
            form.add_error(None, _("Username, password or code is not right."))
        else:
            # login() rotates the session key: an id planted before login is worthless after it.
            login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, result.device)
            response = redirect(HOME_BY_ROLE[Role(result.user.role)])
            keyring_store(request, response, result.private_key)
            return response
    return render(request, "accounts/login.html", context, status=400 if form.errors else 200)


@require_http_methods(["POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    response = redirect("accounts:login")
    keyring_clear(response)
    return response


@staff_required()
def home(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    return redirect(HOME_BY_ROLE[Role(staff_user(request).role)])


@require_http_methods(["GET", "POST"])
@staff_required()
def password_view(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff_password_change(
                user=staff_user(request),
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except LoginFailed:
            form.add_error("old_password", _("This is not your current password."))
        except ValidationError as invalid:
            form.add_error("new_password", invalid)
        else:
            messages.success(request, _("Your password has been changed."))
            return redirect("accounts:password")
    return render(request, "accounts/password.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["POST"])
@staff_required()
def language_view(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    """The staff member's interface language: Dutch or English."""
    language = request.POST.get("language", "")
    if language in ("nl", "en"):
        staff_language_set(user=staff_user(request), language=language)
    return redirect("accounts:password")


@require_http_methods(["GET", "POST"])
@staff_required(Role.ADMIN)
def staff_list(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff_user_create(
                username=data["username"],
                password=data["password"],
                role=Role(data["role"]),
                default_recipient=data["default_recipient"],
                confirmed_totp=False,
                acting_user=staff_user(request),
                email=data["email"],
            )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, _("Account created. The first login sets up the authenticator."))
            return redirect("accounts:staff_list")
    users = User.objects.order_by("username")
    return render(
        request, "accounts/staff_list.html", {"form": form, "users": users}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@staff_required(Role.ADMIN)
def staff_edit(request: HttpRequest, user_id: int, *, private_key: bytes) -> HttpResponse:
    account = get_object_or_404(User, pk=user_id)
    if account == staff_user(request) and request.method == "POST":
        raise Http404  # admins change others; their own password through the password page
    form = StaffEditForm(
        request.POST or None,
        initial={
            "role": account.role,
            "default_recipient": account.default_recipient,
            "is_active": account.is_active,
            "email": account.email,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # a reset and the other changes land together or not at all
                if data["new_password"]:
                    staff_reset(user=account, new_password=data["new_password"], acting_user=staff_user(request))
                staff_update(
                    user=account,
                    acting_user=staff_user(request),
                    role=Role(data["role"]),
                    default_recipient=data["default_recipient"],
                    is_active=data["is_active"],
                    email=data["email"],
                )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, _("Account updated."))
            return redirect("accounts:staff_list")
    context = {"form": form, "account": account}
    return render(request, "accounts/staff_edit.html", context, status=400 if form.errors else 200)
