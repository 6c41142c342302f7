from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "meldpunt.ingest"
    label = "ingest"
    verbose_name = "Ingest"
