"""The public dashboard: no login, no JavaScript, under the language prefix (/<lang>/insight/)."""

from django.urls import URLPattern, URLResolver, path

import meldpunt.insight.public_views as views

app_name = "insight_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("download/", views.download, name="download"),
]
