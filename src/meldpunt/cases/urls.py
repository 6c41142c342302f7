from django.urls import path

from meldpunt.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("reports/<int:report_id>/triage/", views.triage, name="triage"),
    path("reports/<int:report_id>/status/", views.status, name="status"),
    path("reports/<int:report_id>/reply/", views.reply, name="reply"),
    path("reports/<int:report_id>/notes/", views.note, name="note"),
    path("reports/<int:report_id>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("reports/<int:report_id>/referral/", views.referral, name="referral"),
    path("overview/", views.overview, name="overview"),
    path("overview/<int:report_id>/", views.supervise, name="supervise"),
    path("overview/restore/", views.restore, name="restore"),
    path("audit/", views.audit, name="audit"),
    path("escrow/", views.escrow_give, name="escrow"),
]
