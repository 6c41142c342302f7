"""`meldpunt escrow init SUPERVISOR`: create the escrow key and give it to the first supervisor.

Only the supervisor's public key is needed; further supervisors receive a share from one who holds
it, on the supervisors' overview page (/staff/cases/overview/). See accounts/escrow.py for what the escrow key is for.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.accounts.escrow import EscrowUnavailable, escrow_init
from meldpunt.accounts.models import User


class Command(BaseCommand):
    help = "Create the escrow key and share it with a first supervisor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["init"])
        parser.add_argument("supervisor")

    def handle(self, *args: Any, **options: Any) -> None:
        supervisor = User.objects.filter(username=options["supervisor"]).first()
        if supervisor is None:
            raise CommandError(f"no account named {options['supervisor']}")
        try:
            escrow_init(supervisor=supervisor)
        except EscrowUnavailable as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(f"escrow key created and shared with {supervisor.username}")
