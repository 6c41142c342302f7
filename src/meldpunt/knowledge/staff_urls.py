"""The analysts' pages for curating the knowledge base and reviewing candidate facts (/staff/knowledge/).

Each kind of record has its own route names (`knowledge:actor_detail`, …) rather than a kind in the
path, so every route is reversed with numbers only and has its row in the authorization matrix.
"""

from django.urls import URLPattern, URLResolver, path

from meldpunt.knowledge import staff_views as views

app_name = "knowledge"

_MERGE_PAGE = ("<int:number>/merge/", views.record_merge_view, "merge")
_RECORD_PAGES = (
    ("", views.record_list, "list"),
    ("new/", views.record_new, "new"),
    ("<int:number>/", views.record_detail, "detail"),
    ("<int:number>/edit/", views.record_edit, "edit"),
    ("<int:number>/cite/", views.record_cite, "cite"),
    ("<int:number>/retire/", views.record_retire_view, "retire"),
    ("<int:number>/restore/", views.record_restore_view, "restore"),
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("sources/", views.source_list, name="sources"),
    path("sources/new/", views.source_new, name="source_new"),
    path("sources/<int:number>/", views.source_detail, name="source"),
    path("review/", views.review_queue, name="review"),
    path("review/<int:number>/", views.candidate_edit, name="candidate"),
    path("review/<int:number>/accept/", views.candidate_accept_view, name="candidate_accept"),
    path("review/<int:number>/reject/", views.candidate_reject_view, name="candidate_reject"),
    path("contradictions/", views.contradictions, name="contradictions"),
    path("actors/<int:number>/aliases/", views.actor_alias, name="actor_alias"),
    path("actors/<int:number>/identifiers/", views.actor_identifier, name="actor_identifier"),
]
for kind in views.KINDS.values():
    pages = (
        (*_RECORD_PAGES, ("<int:number>/merge/", views.record_merge_view, "merge")) if kind.mergeable else _RECORD_PAGES
    )
    urlpatterns += [
        path(f"{kind.segment}/{route}", view, {"record_type": kind.record_type}, name=f"{kind.record_type}_{page}")
        for route, view, page in pages
    ]
