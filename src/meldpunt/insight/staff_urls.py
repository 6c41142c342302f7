"""The staff dashboard (/staff/insight/): exact counts for supervisors, controlled ones for everyone else."""

from django.urls import URLPattern, URLResolver

app_name = "insight"

urlpatterns: list[URLPattern | URLResolver] = []
