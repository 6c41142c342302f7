from django.apps import AppConfig


class CorrelateConfig(AppConfig):
    name = "meldpunt.correlate"
    label = "correlate"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from meldpunt.correlate.linking import member_left
        from meldpunt.correlate.models import ClusterMember

        post_delete.connect(member_left, sender=ClusterMember, dispatch_uid="correlate.member_left")
