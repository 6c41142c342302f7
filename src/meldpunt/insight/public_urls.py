"""The public dashboard: no login, no JavaScript, under the language prefix (/<lang>/insight/)."""

from django.urls import URLPattern, URLResolver

app_name = "insight_public"

urlpatterns: list[URLPattern | URLResolver] = []
