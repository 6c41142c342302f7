from django.urls import path

from meldpunt.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_view, name="password"),
    path("language/", views.language_view, name="language"),
    path("accounts/", views.staff_list, name="staff_list"),
    path("accounts/<int:user_id>/", views.staff_edit, name="staff_edit"),
]
