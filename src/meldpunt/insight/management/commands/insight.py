"""`meldpunt insight refresh|publish`: recount the insight tally; publish the public figures.

Saved and deleted reports keep the tally in step by themselves; bulk writes (an import, a restore,
`bulk_create` of demo reports, `queryset.update`) do not, so run `refresh` after them.

`publish` freezes the counts as they stand as the public figures (dashboard, downloads, API) until
the next publication; run it on a schedule, monthly say, never after each report.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from meldpunt.insight.services import snapshot_publish, tally_refresh


class Command(BaseCommand):
    help = "refresh: recount the statistics tally from the consenting reports; publish: freeze the public figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["refresh", "publish"])

    def handle(self, *args: Any, action: str = "refresh", **options: Any) -> None:
        started = time.perf_counter()
        if action == "publish":
            snapshot = snapshot_publish()
            self.stdout.write(
                f"insight: public figures {snapshot.number} published as of {snapshot.published_on.isoformat()}"
                f" in {time.perf_counter() - started:.1f} s"
            )
            return
        counted = tally_refresh()
        self.stdout.write(f"insight: {counted} consenting report(s) counted in {time.perf_counter() - started:.1f} s")
