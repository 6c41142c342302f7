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


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.HANDLER)
    # New reports are sealed to every default recipient; an admin is never one by default.
    default_recipient = models.BooleanField(default=False)
    public_key = models.BinaryField(max_length=32)
    wrapped_private_key = models.BinaryField()

    def __str__(self) -> str:
        return self.username
