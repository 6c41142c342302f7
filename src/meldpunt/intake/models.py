"""A report at rest: ciphertext, sealed keys, a blind index and coarse statistical metadata.

Nothing here holds report text, identifiers or files in clear (DESIGN rule 1); dates are days, never
times (rule 3); the only clear fields are the statistical metadata of rule 6 and what finds a report
by its receipt without revealing the receipt.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from meldpunt.vocab import concept

_STATUS_CHOICES = [(term.id, term.label) for term in concept("case_statuses").terms]


class Report(models.Model):
    # Finding a report by receipt: a keyed digest of the locator, then argon2id of the secret under
    # this report's own salt, checked against a verifier; the receipt key opens the sealed key.
    locator_digest = models.CharField(max_length=64, unique=True)
    receipt_salt = models.BinaryField(max_length=16)
    receipt_verifier = models.BinaryField(max_length=32)
    receipt_sealed_key = models.BinaryField()
    # The report key sealed to the escrow key (accounts/escrow.py), for assignment and recovery.
    escrow_sealed_key = models.BinaryField(null=True, blank=True)
    # Retention: the report expires this long after its last activity unless extended until a date.
    retained_until = models.DateField(null=True, blank=True)

    language = models.CharField(max_length=10)
    status = models.CharField(max_length=30, choices=_STATUS_CHOICES, default="new")
    created_on = models.DateField()
    last_activity_on = models.DateField()

    # The questionnaire's answers, encrypted with the report key (JSON inside).
    payload = models.BinaryField()

    # Statistical metadata, coarse by design (DESIGN rule 6).
    tactics = models.JSONField(default=list)
    origin_state = models.CharField(max_length=2, blank=True)
    community = models.CharField(max_length=40, blank=True)
    incident_month = models.CharField(max_length=7, blank=True)
    province = models.CharField(max_length=40, blank=True)
    urgency = models.CharField(max_length=20, blank=True)
    verification = models.CharField(max_length=20, default="unverified")
    consent_statistics = models.BooleanField(default=False)
    # Made by `meldpunt demo --synthetic N` (intake/synthetic.py): labelled on every staff page.
    synthetic = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["status"]), models.Index(fields=["incident_month"])]

    def __str__(self) -> str:
        return f"report {self.pk}"


class KeyGrant(models.Model):
    """The report key sealed to one recipient's public key: holding a grant is being allowed to read."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="grants")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants")
    sealed_key = models.BinaryField()
    created_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "recipient"], name="one_grant_per_recipient")]

    def __str__(self) -> str:
        return f"grant of report {self.report_id} to user {self.recipient_id}"


class MessageAuthor(models.TextChoices):
    REPORTER = "reporter"
    HANDLER = "handler"


class Message(models.Model):
    """A message between reporter and handlers; order is kept by id, not by time of day."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=MessageAuthor.choices)
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_on = models.DateField()
    body = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"message {self.pk} of report {self.report_id}"


class Attachment(models.Model):
    """A cleaned file, encrypted; its name, type and digest are encrypted in `header`."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    created_on = models.DateField()
    header = models.BinaryField()
    content = models.BinaryField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"attachment {self.pk} of report {self.report_id}"


class ReportIdentifier(models.Model):
    """One identifier occurrence as a keyed blind index: equal values meet without being stored.

    The primary key is the row itself, digest first: its one index serves lookups by digest (the
    leading column) and keeps one row per identifier per report. No id column and no second unique
    index beside it: on PostgreSQL they cost about a tenth of the index (bench/correlate.py). Kind
    before report: the digest already fixes the kind (it is keyed over both), so the order within a
    digest is still by report, and a short kind ends where the 8-byte report id can start without
    padding, 8 bytes less per index entry on PostgreSQL. The report's own index stays, for the
    cascade when a report is deleted.
    """

    pk = models.CompositePrimaryKey("digest", "kind", "report")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="identifier_digests")
    kind = models.CharField(max_length=30)
    digest = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.kind} digest of report {self.report_id}"


class ThrottleBucket(models.Model):
    """Failed receipt attempts for one scope: "global", or a hash of one client session's cookie.

    Keeps counts only: never an address, agent or receipt.
    """

    scope = models.CharField(max_length=80, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started = models.DateTimeField()
    blocked_until = models.DateTimeField(null=True, blank=True)
    strikes = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"throttle {self.scope}"
