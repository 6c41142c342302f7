"""`meldpunt retention run`: delete reports past their retention period (safe to run from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.cases.services import retention_run


class Command(BaseCommand):
    help = "Delete every report whose retention period has passed; each deletion is audited."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["run"])

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = retention_run()
        self.stdout.write(f"retention: {deleted} expired report(s) deleted")
