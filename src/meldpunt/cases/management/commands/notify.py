"""`meldpunt notify send`: the notification digest (run from cron a few times a day, not more often)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.cases.notifications import digests_send


class Command(BaseCommand):
    help = "Send each handler a digest of how many new reports and replies await them (counts only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send"])

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"notify: {digests_send()} digest(s) sent")
