"""The handler's minimal view: reports granted to them, decrypted, with a reply form."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from meldpunt.accounts.keyring import keyring_open
from meldpunt.accounts.models import User
from meldpunt.cases.selectors import NoAccess, access_attachment, access_report, reports_granted_to
from meldpunt.intake.messages import problem_message
from meldpunt.intake.models import MessageAuthor
from meldpunt.intake.questionnaire import InvalidAnswers, parse_message
from meldpunt.intake.selectors import AttachmentNotFound
from meldpunt.intake.services import message_add
from meldpunt.intake.views import file_response

StaffView = Callable[..., HttpResponse]


def staff_required(view: StaffView) -> StaffView:
    """Logged in with password and TOTP, and the private key opened in this login."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        private_key = keyring_open(request)
        verified = getattr(request.user, "is_verified", lambda: False)()  # set by django_otp's middleware
        if not request.user.is_authenticated or not verified or private_key is None:
            return redirect("accounts:login")
        return view(request, *args, private_key=private_key, **kwargs)

    return wrapped


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101  # staff_required has checked authentication
    return request.user


@staff_required
def inbox(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    user = _user(request)
    reports = [
        access_report(user=user, report_id=report.pk, private_key=private_key).report
        for report in reports_granted_to(user=user)[:200]
    ]
    return render(request, "cases/inbox.html", {"reports": reports})


@staff_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    user = _user(request)
    try:
        accessed = access_report(user=user, report_id=report_id, private_key=private_key)
    except NoAccess as denied:
        raise Http404 from denied
    error: str | Promise | None = None
    if request.method == "POST" and not accessed.report.answers.consents.replies:
        error = _("The reporter did not agree to receive replies.")
    elif request.method == "POST":
        try:
            text = parse_message(request.POST.get("text", ""))
        except InvalidAnswers as invalid:
            error = problem_message(invalid.problems[0].code)
        else:
            message_add(
                report_id=report_id,
                report_key=accessed.report_key,
                author=MessageAuthor.HANDLER,
                text=text,
                author_user=user,
            )
            return HttpResponseRedirect(reverse("cases:report", args=[report_id]))
    return render(
        request, "cases/report.html", {"report": accessed.report, "error": error}, status=400 if error else 200
    )


@staff_required
def attachment(request: HttpRequest, report_id: int, attachment_id: int, *, private_key: bytes) -> HttpResponse:
    try:
        header, data = access_attachment(
            user=_user(request), report_id=report_id, attachment_id=attachment_id, private_key=private_key
        )
    except (NoAccess, AttachmentNotFound) as denied:
        raise Http404 from denied
    return file_response(data, header.media_type, header.filename)
