"""Error pages that speak the reporter's language and reveal nothing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A missing or stale CSRF token: explain how to go on, in the page's language."""
    return render(request, "common/csrf_failure.html", status=403)
