"""Staff pages of correlation: campaigns, a campaign's graph and timeline, bulk lookup, duplicates."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from meldpunt.accounts.decorators import staff_required, staff_user
from meldpunt.accounts.models import Role
from meldpunt.cases.selectors import NoAccess
from meldpunt.correlate import selectors
from meldpunt.correlate.graph import campaign_svg
from meldpunt.correlate.services import duplicate_mark, identifier_confirm
from meldpunt.vocab import concept

CAMPAIGN_READERS = (Role.HANDLER, Role.SUPERVISOR, Role.ANALYST)


@staff_required(*CAMPAIGN_READERS)
def campaign_list(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    return render(request, "correlate/campaigns.html", {"campaigns": selectors.campaigns()})


@staff_required(*CAMPAIGN_READERS)
def campaign_detail(request: HttpRequest, number: int, *, private_key: bytes) -> HttpResponse:
    live = selectors.campaign_resolve(number)
    if live != number:
        return redirect("correlate:campaign", number=live)
    found = selectors.campaign(number=number)
    if found is None:
        raise Http404
    svg = campaign_svg([(m.report, m.digests) for m in found.members])
    # campaign_svg escapes every label it draws; the markup is built from numbers and ids only.
    context = {"campaign": found, "graph": mark_safe(svg)}  # noqa: S308
    return render(request, "correlate/campaign.html", context)


@require_http_methods(["GET", "POST"])
@staff_required(Role.ANALYST, Role.SUPERVISOR)
def lookup(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    """Paste up to 200 identifiers, one per line, optionally "kind: value"; the form's kind otherwise."""
    results = None
    kinds = concept("identifier_kinds").ids()
    if request.method == "POST":
        default = request.POST.get("kind", "phone")
        pairs = []
        for line in request.POST.get("values", "").splitlines():
            kind, sep, value = line.partition(":")
            if sep and kind.strip() in kinds:
                pairs.append((kind.strip(), value.strip()))
            elif line.strip():
                pairs.append((default, line.strip()))
        results = selectors.bulk_lookup(pairs)
    context = {"results": results, "kinds": concept("identifier_kinds").terms, "limit": selectors.MAX_LOOKUP}
    return render(request, "correlate/lookup.html", context)


@require_POST
@staff_required(Role.HANDLER)
def duplicate(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    other = request.POST.get("duplicate_of", "")
    try:
        duplicate_mark(user=staff_user(request), report_id=report_id, duplicate_of=int(other))
    except (ValidationError, ValueError) as refused:
        raise Http404 from refused
    return HttpResponseRedirect(reverse("cases:report", args=[report_id]))


@require_POST
@staff_required(Role.HANDLER)
def confirm(request: HttpRequest, report_id: int, *, private_key: bytes) -> HttpResponse:
    """Add an identifier found in the report's text to its index (the handler has checked it)."""
    try:
        identifier_confirm(
            user=staff_user(request),
            report_id=report_id,
            private_key=private_key,
            kind=request.POST.get("kind", ""),
            value=request.POST.get("value", "")[:300],
            platform=request.POST.get("platform", "")[:60],
        )
    except (NoAccess, ValidationError, KeyError) as refused:
        raise Http404 from refused
    return HttpResponseRedirect(reverse("cases:report", args=[report_id]))
