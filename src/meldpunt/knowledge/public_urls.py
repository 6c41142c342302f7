"""The public knowledge pages: no login, no JavaScript, under the language prefix (/<lang>/knowledge/)."""

from django.urls import URLPattern, URLResolver

app_name = "knowledge_public"

urlpatterns: list[URLPattern | URLResolver] = []
