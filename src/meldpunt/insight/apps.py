from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "meldpunt.insight"
    label = "insight"
    default_auto_field = "django.db.models.BigAutoField"
