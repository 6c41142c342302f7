"""The staff dashboard: exact counts for supervisors, disclosure-controlled ones for every other role.

Supervisors oversee the whole reporting point and read exact figures; the figures of anyone else
leave the handler role's circle and so pass through disclosure control (DESIGN rule 7).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from meldpunt.accounts.decorators import staff_required, staff_user
from meldpunt.accounts.models import Role
from meldpunt.insight import selectors
from meldpunt.insight.public_views import dashboard_context


@staff_required(Role.HANDLER, Role.ANALYST, Role.SUPERVISOR, Role.ADMIN)
def dashboard(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    exact = staff_user(request).role == Role.SUPERVISOR
    context = dashboard_context(selectors.dashboard(exact=exact))
    return render(request, "insight/staff/dashboard.html", context)
