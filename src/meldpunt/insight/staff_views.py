"""The staff dashboard: exact live counts for supervisors, controlled ones for every other role.

Supervisors oversee the whole reporting point and read exact figures; handlers read live figures
through disclosure control. Analysts and admins stand outside the handler role (DESIGN rule 7) and
read no report: live figures, even controlled, would let them compare two visits and read what one
new report said (its month, province, community, origin state and tactics), so they see the
published figures, as the public does.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from meldpunt.accounts.decorators import staff_required, staff_user
from meldpunt.accounts.models import Role
from meldpunt.insight import selectors
from meldpunt.insight.public_views import dashboard_context, publication_context, requested_publication

LIVE_ROLES = frozenset({Role.SUPERVISOR, Role.HANDLER})


@staff_required(Role.HANDLER, Role.ANALYST, Role.SUPERVISOR, Role.ADMIN)
def dashboard(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    role = staff_user(request).role
    if role in LIVE_ROLES:
        context = dashboard_context(selectors.dashboard(exact=role == Role.SUPERVISOR))
        return render(request, "insight/staff/dashboard.html", {**context, "live": True})
    context = publication_context(requested_publication(request))
    return render(request, "insight/staff/dashboard.html", {**context, "live": False})
