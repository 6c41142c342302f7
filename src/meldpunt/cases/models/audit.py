"""The audit log (DESIGN rule 8): who did what to which report, and when, in a hash chain.

Rows are written only by `meldpunt.cases.audit.audit_record` and never changed: triggers installed by
migration 0002 refuse UPDATE and DELETE. Actor and report are plain integers, not foreign keys, so an
entry outlives the account that acted and the report that retention deleted. No entry holds an IP
address, a user agent, report content or an identifier; a reporter's action carries its day only.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.IntegerChoices):
    """What happened. The numbers are stored and hashed: never renumber one, never reuse a retired one."""

    REPORT_SUBMITTED = 1, _("Report submitted")
    REPORTER_MESSAGE_ADDED = 2, _("Reporter added a message")
    REPORT_VIEWED = 3, _("Report viewed")
    ATTACHMENT_DOWNLOADED = 4, _("Attachment downloaded")
    GRANT_CREATED = 5, _("Access granted")
    GRANT_REVOKED = 6, _("Access revoked")
    TRIAGE_UPDATED = 7, _("Triage updated")
    STATUS_CHANGED = 8, _("Status changed")
    HANDLER_MESSAGE_SENT = 9, _("Reply sent to the reporter")
    NOTE_ADDED = 10, _("Note added")
    REFERRAL_PACKAGE_CREATED = 11, _("Referral package created")
    RETENTION_EXTENDED = 12, _("Retention extended")
    REPORT_DELETED = 13, _("Report deleted")
    STAFF_LOGIN = 14, _("Staff login")
    STAFF_LOGIN_FAILED = 15, _("Staff login failed")
    PASSWORD_CHANGED = 16, _("Password changed")
    ACCOUNT_CREATED = 17, _("Account created")
    ACCOUNT_LOCKED = 18, _("Account locked")
    RECOVERY_REGRANT = 19, _("Access restored after a reset")
    REPORT_EXPIRED = 20, _("Report expired")
    ACCOUNT_UPDATED = 21, _("Account updated")


# A reporter's own actions: recorded with their day only, never a time of day (DESIGN rule 3).
REPORTER_EVENTS = frozenset({AuditEvent.REPORT_SUBMITTED, AuditEvent.REPORTER_MESSAGE_ADDED})


class AuditEntry(models.Model):
    """One link of the chain. `entry_hash` is SHA-256 over every other field, `prev_hash` included.

    `details` is a small flat mapping of names to strings, numbers, booleans or None that says which
    thing changed (a status, a recipient's username, a count): never report content, never an
    identifier from a report, never anything that could identify a reporter.
    """

    # A random key: an auto-increment id would record the order of insertion across both chains, and
    # with it where a reporter's entry fell between staff entries that carry times.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Two chains: a reporter's actions (day only) in their own, so that their place between staff
    # actions, which carry times, cannot narrow down when a reporter acted (DESIGN rule 3).
    chain = models.CharField(max_length=10, choices=[("staff", "staff"), ("reporter", "reporter")], default="staff")
    seq = models.PositiveBigIntegerField()  # 1, 2, 3, … without gaps within a chain
    event = models.PositiveSmallIntegerField(choices=AuditEvent.choices)
    actor_id = models.BigIntegerField(null=True)  # the staff user's id; not a foreign key on purpose
    actor_username = models.CharField(max_length=150, blank=True)  # as it was when they acted
    report_id = models.BigIntegerField(null=True)  # not a foreign key: outlives the report
    occurred_on = models.DateField()
    occurred_at = models.DateTimeField(null=True)  # staff and system actions only; NULL for a reporter's
    details = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        indexes = (models.Index(fields=["report_id"], name="cases_audit_report_idx"),)
        constraints = (models.UniqueConstraint(fields=["chain", "seq"], name="cases_audit_chain_seq"),)
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"audit entry {self.seq}: {self.get_event_display()}"
