"""`meldpunt staff create`: a staff account from the command line (the first admin, for instance).

Django's own createsuperuser and changepassword would leave an account without a key pair, or with
its private key wrapped under a password that no longer opens it; use this command instead.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.accounts.models import Role
from meldpunt.accounts.services import staff_user_create


class Command(BaseCommand):
    help = "Create a staff account; its first login sets up the authenticator app."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--role", choices=[r.value for r in Role], default=Role.HANDLER.value)
        parser.add_argument("--default-recipient", action="store_true", help="receives every new report")
        parser.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["password_stdin"]:
            password = (options.get("stdin") or sys.stdin).readline().rstrip("\n")
        else:
            password = getpass.getpass("Temporary password: ")
        try:
            staff_user_create(
                username=options["username"],
                password=password,
                role=Role(options["role"]),
                default_recipient=options["default_recipient"],
                confirmed_totp=False,
            )
        except ValidationError as invalid:
            raise CommandError("; ".join(invalid.messages)) from invalid
        self.stdout.write(f"created {options['role']} {options['username']}; the first login shows the QR code")
