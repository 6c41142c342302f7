"""The reporter's pages. They work without JavaScript and never read who the visitor is.

No view here looks at addresses, agents or referrers; the only cookies are Django's CSRF token and,
after a valid receipt, the sealed reporter token (see tokens.py).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST

from meldpunt.intake import throttle
from meldpunt.intake.attachments import AttachmentRejected, CleanFile, clean_attachments
from meldpunt.intake.forms import form_context, raw_answers
from meldpunt.intake.messages import attachment_message, problem_message
from meldpunt.intake.questionnaire import InvalidAnswers, parse_answers, parse_message
from meldpunt.intake.selectors import AttachmentNotFound, attachment_open, report_open
from meldpunt.intake.services import (
    ReceiptRejected,
    ReporterSession,
    report_submit,
    reporter_message_add,
    reporter_session_open,
)
from meldpunt.intake.tokens import REPORTER_COOKIE, session_from, token_for
from meldpunt.intake.uploads import upload_problems


class UploadRefused(Exception):
    def __init__(self, code: str) -> None:
        self.code = code


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _uploaded_files(request: HttpRequest) -> list[CleanFile]:
    """Cleaned attachments of this request, or UploadRefused naming the first problem."""
    refused = upload_problems(request)
    if refused:
        raise UploadRefused(refused[0])
    files = [(upload.name or "", upload.read()) for upload in request.FILES.getlist("attachments")]
    try:
        return clean_attachments(files)
    except AttachmentRejected as rejection:
        raise UploadRefused(rejection.code) from rejection


def _post(request: HttpRequest) -> Any:
    """request.POST, or None when the multipart body is malformed (the caller answers 400)."""
    try:
        return request.POST
    except MultiPartParserError:
        return None


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/landing.html")


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    post = _post(request) if request.method == "POST" else None
    context: dict[str, Any] = {"errors": {}, "form_error": None}
    if request.method == "POST" and post is None:
        context.update(form_context(None, language=_language(), today=today))
        context["form_error"] = problem_message("malformed_upload")
        return render(request, "intake/report_form.html", context, status=400)
    if post is not None and "more_rows" not in post:
        try:
            answers = parse_answers(raw_answers(post, language=_language()), today=today)
            files = _uploaded_files(request)
        except InvalidAnswers as invalid:
            context["errors"] = {p.field: problem_message(p.code) for p in invalid.problems}
        except UploadRefused as refused:
            context["errors"] = {"attachments": attachment_message(refused.code)}
        else:
            receipt = report_submit(answers=answers, attachments=files)
            return render(
                request,
                "intake/receipt.html",
                {"receipt": receipt.display(), "urgent": answers.urgency == "immediate"},
            )
    context.update(form_context(post, language=_language(), today=today, errors=context["errors"]))
    status = 400 if context["errors"] else 200
    return render(request, "intake/report_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def receipt_return(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "intake/return.html")
    scopes = [throttle.GLOBAL, throttle.session_scope(request.COOKIES.get(settings.CSRF_COOKIE_NAME))]
    wait = throttle.retry_after(scopes)
    if wait is not None:
        response = render(request, "intake/return.html", {"throttled": True}, status=429)
        response["Retry-After"] = str(wait)
        return response
    try:
        session = reporter_session_open(receipt_text=request.POST.get("receipt", "")[:100])
    except ReceiptRejected:
        throttle.record_failure(scopes)
        return render(request, "intake/return.html", {"rejected": True}, status=400)
    response = HttpResponseRedirect(reverse("intake:report"))
    response.set_cookie(
        REPORTER_COOKIE,
        token_for(session),
        max_age=settings.MELDPUNT.reporter_session_seconds,
        httponly=True,
        samesite="Strict",
        secure=settings.CSRF_COOKIE_SECURE,
    )
    return response


def _reporter(request: HttpRequest) -> ReporterSession | None:
    return session_from(request.COOKIES.get(REPORTER_COOKIE))


@require_http_methods(["GET", "POST"])
def report_view(request: HttpRequest) -> HttpResponse:
    session = _reporter(request)
    if session is None:
        return HttpResponseRedirect(reverse("intake:return"))
    context: dict[str, Any] = {"errors": {}}
    if request.method == "POST":
        post = _post(request)
        try:
            if post is None:
                raise UploadRefused("damaged")
            files = _uploaded_files(request)
            text = parse_message(post.get("text", ""), required=not files)
        except InvalidAnswers as invalid:
            context["errors"] = {"text": problem_message(invalid.problems[0].code)}
        except UploadRefused as refused:
            context["errors"] = {"attachments": attachment_message(refused.code)}
        else:
            reporter_message_add(session=session, text=text, attachments=files)
            return HttpResponseRedirect(reverse("intake:report") + "?sent=1")
    context["report"] = report_open(report_id=session.report_id, report_key=session.report_key)
    context["sent"] = request.GET.get("sent") == "1"
    return render(request, "intake/report_view.html", context, status=400 if context["errors"] else 200)


def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    session = _reporter(request)
    if session is None:
        return HttpResponseRedirect(reverse("intake:return"))
    try:
        header, data = attachment_open(
            report_id=session.report_id, report_key=session.report_key, attachment_id=attachment_id
        )
    except AttachmentNotFound as missing:
        raise Http404 from missing
    return file_response(data, header.media_type, header.filename)


def file_response(data: bytes, media_type: str, filename: str) -> HttpResponse:
    """A decrypted file sent as a download that the browser will not run or render in the page."""
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename, safe='')}"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    response = HttpResponseRedirect(reverse("intake:landing"))
    response.delete_cookie(REPORTER_COOKIE, samesite="Strict")
    return response
