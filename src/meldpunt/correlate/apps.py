from django.apps import AppConfig


class CorrelateConfig(AppConfig):
    name = "meldpunt.correlate"
    label = "correlate"
