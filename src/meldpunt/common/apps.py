from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "meldpunt.common"
    label = "common"
