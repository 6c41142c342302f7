from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "meldpunt.intake"
    label = "intake"
