from django.urls import path

from meldpunt.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("reports/<int:report_id>/files/<int:attachment_id>/", views.attachment, name="attachment"),
]
