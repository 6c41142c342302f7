"""Staff pages for case handling. Thin: each reads through a selector or calls one service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meldpunt.accounts.decorators import staff_required, staff_user
from meldpunt.accounts.escrow import EscrowUnavailable, escrow_share
from meldpunt.accounts.models import Role, User
from meldpunt.cases import services
from meldpunt.cases.forms import GrantForm, RetentionForm, TextForm, TriageForm
from meldpunt.cases.selectors import (
    InboxFilters,
    NoAccess,
    access_attachment,
    access_report,
    inbox_for,
    notes_for,
    report_classification,
    reports_overview,
)
from meldpunt.correlate.selectors import added_identifiers, alerts_for, identifier_proposals, report_links
from meldpunt.intake.attachments import AttachmentRejected, clean_attachments
from meldpunt.intake.messages import attachment_message
from meldpunt.intake.selectors import AttachmentNotFound
from meldpunt.intake.uploads import upload_problems
from meldpunt.intake.views import file_response
from meldpunt.vocab import concept


def _report_url(report_id: int) -> str:
    return reverse("cases:report", args=[report_id])


@staff_required(Role.HANDLER)
def inbox(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    get = request.GET
    filters = InboxFilters(
        status=get.get("status", ""),
        tactic=get.get("tactic", ""),
        language=get.get("language", ""),
        month=get.get("month", ""),
        community=get.get("community", ""),
        query=get.get("q", "")[:200],
    )
    context = {
        "rows": inbox_for(user=staff_user(request), private_key=private_key, filters=filters),
        "filters": filters,
        "statuses": concept("case_statuses").terms,
        "tactics": concept("tactics").terms,
        "communities": concept("communities").terms,
        "alerts": alerts_for(user=staff_user(request)),
    }
    return render(request, "cases/inbox.html", context)


def _detail_context(request: HttpRequest, report_id: int, private_key: bytes, **extra: Any) -> dict[str, Any]:
    user = staff_user(request)
    try:
        accessed = access_report(user=user, report_id=report_id, private_key=private_key)
    except NoAccess as denied:
        raise Http404 from denied
    report = accessed.report
    added = added_identifiers(report_id=report_id, report_key=accessed.report_key)
    classification = report_classification(report_id=report_id)
    urgency = classification["urgency"] or report.answers.urgency
    triage = TriageForm(initial={**classification, "urgency": urgency}, language=request.LANGUAGE_CODE)
    return {
        "report": report,
        "triage": triage,
        "next_statuses": services.allowed_statuses(report.status),
        "notes": notes_for(user=user, report_id=report_id, private_key=private_key),
        "urgent": urgency == "immediate",
        "links": report_links(user=user, report=report, added=added),
        "added_identifiers": added,
        "proposals": identifier_proposals(report, added),
        "reply_form": TextForm(),
        "note_form": TextForm(),
        **extra,
    }


@staff_required(Role.HANDLER)
def report_detail(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    context = _detail_context(request, report_id, private_key)
    services.mark_read(user=staff_user(request), report_id=report_id)
    services.report_viewed(user=staff_user(request), report_id=report_id)
    return render(request, "cases/report.html", context)


def _bad_request(request: HttpRequest, report_id: int, private_key: bytes, error: object) -> HttpResponse:
    context = _detail_context(request, report_id, private_key, error=error)
    return render(request, "cases/report.html", context, status=400)


@require_POST
@staff_required(Role.HANDLER)
def triage(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    form = TriageForm(request.POST, language=request.LANGUAGE_CODE)
    if not form.is_valid():
        return _bad_request(request, report_id, private_key, _("Please check the classification."))
    data = form.cleaned_data
    try:
        services.triage_update(
            user=staff_user(request),
            report_id=report_id,
            triage=services.Triage(
                tactics=tuple(data["tactics"]),
                origin_state=data["origin_state"],
                community=data["community"],
                province=data["province"],
                urgency=data["urgency"],
                verification=data["verification"],
            ),
        )
    except NoAccess as denied:
        raise Http404 from denied
    messages.success(request, _("Classification saved."))
    return HttpResponseRedirect(_report_url(report_id))


@require_POST
@staff_required(Role.HANDLER)
def status(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    try:
        services.status_change(user=staff_user(request), report_id=report_id, to=request.POST.get("to", ""))
    except NoAccess as denied:
        raise Http404 from denied
    except ValidationError:
        return _bad_request(request, report_id, private_key, _("That status change is not allowed."))
    return HttpResponseRedirect(_report_url(report_id))


@require_POST
@staff_required(Role.HANDLER)
def reply(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    form = TextForm(request.POST)
    refused = upload_problems(request)
    if refused:
        return _bad_request(request, report_id, private_key, attachment_message(refused[0]))
    if not form.is_valid():
        return _bad_request(request, report_id, private_key, _("Please write a message."))
    try:
        files = clean_attachments([(f.name or "", f.read()) for f in request.FILES.getlist("attachments")])
        services.reply_send(
            user=staff_user(request),
            report_id=report_id,
            private_key=private_key,
            text=form.cleaned_data["text"],
            attachments=files,
        )
    except AttachmentRejected as rejected:
        return _bad_request(request, report_id, private_key, attachment_message(rejected.code))
    except NoAccess as denied:
        raise Http404 from denied
    except PermissionDenied:
        return _bad_request(request, report_id, private_key, _("The reporter did not agree to receive replies."))
    return HttpResponseRedirect(_report_url(report_id))


@require_POST
@staff_required(Role.HANDLER)
def note(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    form = TextForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, report_id, private_key, _("Please write a note."))
    try:
        services.note_add(
            user=staff_user(request), report_id=report_id, private_key=private_key, text=form.cleaned_data["text"]
        )
    except NoAccess as denied:
        raise Http404 from denied
    return HttpResponseRedirect(_report_url(report_id))


@staff_required(Role.HANDLER)
def attachment(request: HttpRequest, report_id: int, attachment_id: int, *, private_key: bytes) -> HttpResponse:
    user = staff_user(request)
    try:
        header, data = access_attachment(
            user=user, report_id=report_id, attachment_id=attachment_id, private_key=private_key
        )
    except (NoAccess, AttachmentNotFound) as denied:
        raise Http404 from denied
    services.attachment_downloaded(user=user, report_id=report_id, attachment_id=attachment_id)
    return file_response(data, header.media_type, header.filename)


@staff_required(Role.SUPERVISOR)
def overview(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    rows = reports_overview(status=request.GET.get("status", ""))
    supervisors = User.objects.filter(role=Role.SUPERVISOR, is_active=True).exclude(pk=staff_user(request).pk)
    context = {
        "rows": rows,
        "statuses": concept("case_statuses").terms,
        "restore_form": GrantForm(),
        "supervisors": supervisors,
    }
    return render(request, "cases/overview.html", context)


@require_http_methods(["GET", "POST"])
@staff_required(Role.SUPERVISOR)
def supervise(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    """Assign, revoke, extend or end retention: a supervisor's actions, without the content."""
    user = staff_user(request)
    rows = [row for row in reports_overview() if row.id == report_id]
    if not rows:
        raise Http404
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "grant":
                form = GrantForm(request.POST)
                if form.is_valid():
                    services.grant_create(
                        report_id=report_id,
                        handler=form.cleaned_data["handler"],
                        acting_user=user,
                        private_key=private_key,
                    )
                    return HttpResponseRedirect(request.path)
                error = _("Choose a handler.")
            elif action == "revoke":
                handler = get_object_or_404(User, username=request.POST.get("username", ""))
                services.grant_revoke(report_id=report_id, handler=handler, acting_user=user)
                return HttpResponseRedirect(request.path)
            elif action == "extend":
                retention = RetentionForm(request.POST)
                if retention.is_valid():
                    services.retention_extend(
                        report_id=report_id, until=retention.cleaned_data["until"], acting_user=user
                    )
                    return HttpResponseRedirect(request.path)
                error = _("Give a date.")
            elif action == "delete":
                services.retention_end(report_id=report_id, acting_user=user)
                return HttpResponseRedirect(reverse("cases:overview"))
            else:
                error = _("Unknown action.")
        except (ValidationError, EscrowUnavailable) as refused:
            error = "; ".join(getattr(refused, "messages", [str(refused)]))
    context = {"row": rows[0], "grant_form": GrantForm(), "retention_form": RetentionForm(), "error": error}
    return render(request, "cases/supervise.html", context, status=400 if error else 200)


@require_POST
@staff_required(Role.SUPERVISOR)
def restore(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    """After a handler's reset: re-seal every report they held to their new key."""
    form = GrantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a handler."))
        return HttpResponseRedirect(reverse("cases:overview"))
    try:
        count = services.grants_restore(
            handler=form.cleaned_data["handler"], acting_user=staff_user(request), private_key=private_key
        )
    except EscrowUnavailable:
        messages.error(request, _("You hold no share of the escrow key."))
    else:
        messages.success(request, _("Access restored to %(count)d reports.") % {"count": count})
    return HttpResponseRedirect(reverse("cases:overview"))


@staff_required(Role.SUPERVISOR)
def audit(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    from meldpunt.cases.audit import audit_verify
    from meldpunt.cases.selectors import audit_entries

    report = request.GET.get("report", "")
    entries = audit_entries(report_id=int(report) if report.isdigit() else None, actor=request.GET.get("actor", ""))
    context: dict[str, Any] = {"entries": entries, "report": report, "actor": request.GET.get("actor", "")}
    if "verify" in request.GET:
        context["verified"] = audit_verify()
    return render(request, "cases/audit.html", context)


@require_POST
@staff_required(Role.HANDLER)
def referral(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    """Download the police referral package (ZIP: PDF, attachments, SHA256SUMS)."""
    try:
        package = services.referral_package_create(
            user=staff_user(request),
            report_id=report_id,
            private_key=private_key,
            language=request.POST.get("language", "nl"),
        )
    except NoAccess as denied:
        raise Http404 from denied
    except (PermissionDenied, ValidationError):
        return _bad_request(
            request, report_id, private_key, _("The reporter did not ask for help with a police complaint.")
        )
    return file_response(package, "application/zip", f"meldpunt-referral-{report_id}.zip")


@require_POST
@staff_required(Role.SUPERVISOR)
def escrow_give(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    """A supervisor who holds the escrow key gives another supervisor a share of it."""
    chosen = request.POST.get("supervisor", "")
    to = User.objects.filter(pk=int(chosen), role=Role.SUPERVISOR, is_active=True).first() if chosen.isdigit() else None
    if to is None:
        messages.error(request, _("Choose a supervisor."))
    else:
        try:
            escrow_share(supervisor=staff_user(request), private_key=private_key, to=to)
        except EscrowUnavailable:
            messages.error(request, _("You hold no share of the escrow key."))
        else:
            messages.success(request, _("The escrow key has been shared."))
    return HttpResponseRedirect(reverse("cases:overview"))
