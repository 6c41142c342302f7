"""The staff dashboard (/staff/insight/): exact counts for supervisors, controlled ones for everyone else."""

from django.urls import URLPattern, URLResolver, path

import meldpunt.insight.staff_views as views

app_name = "insight"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
]
