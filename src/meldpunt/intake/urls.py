"""The reporter's site: its own URLconf, apart from the staff site (STYLE 8)."""

from django.urls import path

from meldpunt.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("report/new/", views.report_new, name="new"),
    path("return/", views.receipt_return, name="return"),
    path("report/", views.report_view, name="report"),
    path("report/files/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("leave/", views.leave, name="leave"),
]
