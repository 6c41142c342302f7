"""The public knowledge pages: no login, no JavaScript, under the language prefix (/<lang>/knowledge/)."""

from django.urls import URLPattern, URLResolver, path

import meldpunt.knowledge.public_views as views

app_name = "knowledge_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.stations, name="stations"),
    path("timeline/", views.timeline, name="timeline"),
    path("partnerships/", views.partnerships, name="partnerships"),
    path("statements/", views.statements, name="statements"),
    path("actors/", views.actors, name="actors"),
    path("actors/<int:number>/", views.actor, name="actor"),
]
