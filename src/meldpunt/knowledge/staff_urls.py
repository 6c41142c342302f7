"""The analysts' pages for curating the knowledge base and reviewing candidate facts (/staff/knowledge/)."""

from django.urls import URLPattern, URLResolver

app_name = "knowledge"

urlpatterns: list[URLPattern | URLResolver] = []
