"""`meldpunt correlate rebuild`: recompute every campaign from the blind index.

For after an import or a restore, or when linking failed for a submission (it is logged). Campaign
numbers are kept: each recomputed campaign takes the oldest number its members had.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.correlate.linking import links_rebuild


class Command(BaseCommand):
    help = "Recompute all campaigns (clusters of linked reports) from the identifier index."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild"])

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        count = links_rebuild()
        self.stdout.write(f"correlate: {count} campaign(s) rebuilt in {time.perf_counter() - started:.1f} s")
