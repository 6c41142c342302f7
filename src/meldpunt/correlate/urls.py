from django.urls import path

from meldpunt.correlate import views

app_name = "correlate"
urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("<int:number>/", views.campaign_detail, name="campaign"),
    path("lookup/", views.lookup, name="lookup"),
    path("reports/<int:report_id>/duplicate/", views.duplicate, name="duplicate"),
    path("reports/<int:report_id>/identifiers/", views.confirm, name="confirm"),
]
