"""Notification digests to staff: how many new reports and reporter replies await them.

Protects reporters against the timing of e-mail: a message sent the moment a report arrives tells
anyone who can watch the mail server, or the handler's inbox, when someone reported. A digest sent
on a schedule (cron) says only how many items arrived since the previous one, with no content, no
report number and no time, so a mailbox seized later learns nothing about any report.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from meldpunt.accounts.models import Role, User
from meldpunt.cases.models import DigestWatermark
from meldpunt.correlate.models import Alert
from meldpunt.intake.models import KeyGrant, Message, MessageAuthor


@dataclass(frozen=True)
class Digest:
    user: User
    new_reports: int
    new_replies: int
    new_alerts: int
    grant_watermark: int
    message_watermark: int
    alert_watermark: int

    @property
    def empty(self) -> bool:
        return not (self.new_reports or self.new_replies or self.new_alerts)


def digest_for(user: User) -> Digest:
    mark = DigestWatermark.objects.filter(user=user).first()
    seen_grant, seen_message, seen_alert = (mark.grant_id, mark.message_id, mark.alert_id) if mark else (0, 0, 0)
    alerts = Alert.objects.filter(report__grants__recipient=user)
    newest_alert = alerts.order_by("-id").values_list("id", flat=True).first() or 0
    grants = KeyGrant.objects.filter(recipient=user)
    granted = grants.values("report_id")
    replies = Message.objects.filter(report_id__in=granted, author=MessageAuthor.REPORTER, id__gt=seen_message)
    newest_message = Message.objects.order_by("-id").values_list("id", flat=True).first() or 0
    newest_grant = grants.order_by("-id").values_list("id", flat=True).first() or 0
    return Digest(
        user=user,
        new_reports=grants.filter(id__gt=seen_grant).count(),
        new_replies=replies.count(),
        new_alerts=alerts.filter(id__gt=seen_alert).count(),
        alert_watermark=max(seen_alert, newest_alert),
        grant_watermark=max(seen_grant, newest_grant),
        message_watermark=max(seen_message, newest_message),
    )


def digests_send() -> int:
    """Mail each handler with something new a digest of counts; returns how many mails were sent."""
    sent = 0
    for user in User.objects.filter(role=Role.HANDLER, is_active=True).exclude(email=""):
        digest = digest_for(user)
        if not digest.empty:
            with translation.override(user.language):
                send_mail(
                    subject=_("Meldpunt: new items are waiting"),
                    message=_(
                        "New reports for you: %(reports)d. New messages from reporters: %(replies)d.\n\n"
                        "Log in to Meldpunt to read them. This message says nothing more, on purpose."
                    )
                    % {"reports": digest.new_reports, "replies": digest.new_replies}
                    + (
                        "\n" + _("New alerts (known actors, campaigns): %(alerts)d.") % {"alerts": digest.new_alerts}
                        if digest.new_alerts
                        else ""
                    ),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[user.email],
                )
            sent += 1
        with transaction.atomic():
            DigestWatermark.objects.update_or_create(
                user=user,
                defaults={
                    "grant_id": digest.grant_watermark,
                    "message_id": digest.message_watermark,
                    "alert_id": digest.alert_watermark,
                },
            )
    return sent
