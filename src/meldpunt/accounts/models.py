"""Staff accounts: a role, and the X25519 key pair whose private half only the password opens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HANDLER = "handler", _("Handler")
    ANALYST = "analyst", _("Analyst")
    SUPERVISOR = "supervisor", _("Supervisor")
    ADMIN = "admin", _("Administrator")


# Roles that may hold key grants and so read report contents (DESIGN "Who uses it").
READING_ROLES = frozenset({Role.HANDLER})


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.HANDLER)
    # New reports are sealed to every default recipient; only handlers can be one.
    default_recipient = models.BooleanField(default=False)
    public_key = models.BinaryField(max_length=32)
    wrapped_private_key = models.BinaryField()
    # Lockout after repeated failed logins (the password check, not only the TOTP code).
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=10, default="nl", choices=[("nl", "Nederlands"), ("en", "English")])

    class Meta(AbstractUser.Meta):
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(default_recipient=True) | models.Q(role="handler"),
                name="only_handlers_are_default_recipients",
            )
        ]

    def __str__(self) -> str:
        return self.username

    @property
    def can_read_reports(self) -> bool:
        return self.role in READING_ROLES


class EscrowKey(models.Model):
    """The escrow key pair's public half; every report key is also sealed to it.

    Its private half exists only sealed to each supervisor's own key (EscrowShare), so a supervisor
    who has logged in can assign a report to a handler or restore a handler's access after a lost
    password, by re-sealing the report key, without the report's content ever being shown to them.
    There is one escrow key (pk 1).
    """

    public_key = models.BinaryField(max_length=32)
    created_on = models.DateField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="single_escrow_key")]

    def __str__(self) -> str:
        return "escrow key"


class EscrowShare(models.Model):
    supervisor = models.OneToOneField(User, on_delete=models.CASCADE, related_name="escrow_share")
    sealed_private_key = models.BinaryField()
    created_on = models.DateField()

    def __str__(self) -> str:
        return f"escrow share of {self.supervisor_id}"
