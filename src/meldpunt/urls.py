"""Top-level routes: the reporter's site under a language prefix, the staff site under /staff/,
and the JSON API under /api/v1/. Each surface has its own URLconf (STYLE 8)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from meldpunt.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("staff/", include("meldpunt.accounts.urls")),
    path("staff/cases/", include("meldpunt.cases.urls")),
    path("staff/campaigns/", include("meldpunt.correlate.urls")),
    path("staff/knowledge/", include("meldpunt.knowledge.staff_urls")),
    path("staff/insight/", include("meldpunt.insight.staff_urls")),
    *i18n_patterns(
        path("knowledge/", include("meldpunt.knowledge.public_urls")),
        path("insight/", include("meldpunt.insight.public_urls")),
        path("", include("meldpunt.intake.urls")),
        prefix_default_language=True,
    ),
]
