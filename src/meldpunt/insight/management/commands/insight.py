"""`meldpunt insight refresh`: recount the insight tally from the reports.

Saved and deleted reports keep the tally in step by themselves; bulk writes (an import, a restore,
`bulk_create` of demo reports, `queryset.update`) do not, so run this after them.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.insight.services import tally_refresh


class Command(BaseCommand):
    help = "Recount the statistics tally of the insight dashboards from the consenting reports."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["refresh"])

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        counted = tally_refresh()
        self.stdout.write(f"insight: {counted} consenting report(s) counted in {time.perf_counter() - started:.1f} s")
