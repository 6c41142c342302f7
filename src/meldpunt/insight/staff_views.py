"""The staff dashboard: exact live counts for supervisors, the published (controlled) figures for
every other role.

Supervisors oversee the whole reporting point and read exact figures. Handlers, analysts and admins
read the published figures, as the public does: live figures, even controlled, would let them compare
two visits and read what one new report said (its month, province, community, origin state and
tactics), a report a handler may hold no grant for, and an all-time live count less the published
periods would give back a cell those publications suppressed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from meldpunt.accounts.decorators import staff_required, staff_user
from meldpunt.accounts.models import Role
from meldpunt.insight import selectors
from meldpunt.insight.public_views import dashboard_context, publication_context, requested_publication

LIVE_ROLES = frozenset({Role.SUPERVISOR})


@staff_required(Role.HANDLER, Role.ANALYST, Role.SUPERVISOR, Role.ADMIN)
def dashboard(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    role = staff_user(request).role
    if role in LIVE_ROLES:
        context = dashboard_context(selectors.dashboard(exact=True))
        return render(request, "insight/staff/dashboard.html", {**context, "live": True})
    context = publication_context(requested_publication(request))
    return render(request, "insight/staff/dashboard.html", {**context, "live": False})
