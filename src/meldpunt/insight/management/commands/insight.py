"""`meldpunt insight refresh|publish`: recount the insight tally; publish the public figures.

Saved and deleted reports keep the tally in step by themselves; bulk writes (an import, a restore,
`bulk_create` of demo reports, `queryset.update`) do not, so run `refresh` after them.

`publish --period 2026Q3` freezes the figures of one closed period (a quarter, a month, a year or a
run of quarters such as 2025Q4-2026Q1: the reports received in it, counted from the reports
themselves) as its public figures, for good. Without `--period` it publishes every ended quarter not
yet published, a quarter holding too few reports together with the ones after it, so a daily cron
line is safe: each quarter goes out once, after it ends. `--without-synthetic` leaves demonstration
reports out even of periods holding no real report (they are never mixed with real ones).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meldpunt.insight.periodic.period import Period, PeriodError, period_parse
from meldpunt.insight.services import (
    PERIOD_MINIMUM,
    PublicationRefused,
    periods_due,
    snapshot_publish,
    tally_refresh,
)


class Command(BaseCommand):
    help = (
        "refresh: recount the statistics tally from the consenting reports; "
        "publish: freeze the public figures of closed periods."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["refresh", "publish"])
        parser.add_argument(
            "--period",
            help=(
                "publish: one closed period, 2026Q3, 2026-07, 2026 or 2025Q4-2026Q1 "
                "(default: every ended quarter not yet published, quiet ones together)"
            ),
        )
        parser.add_argument(
            "--without-synthetic",
            action="store_true",
            help=(
                "publish: leave synthetic demonstration reports out (by default they are counted, and labelled, "
                "in periods holding no real report)"
            ),
        )

    def handle(
        self,
        *args: Any,
        action: str = "refresh",
        period: str | None = None,
        without_synthetic: bool = False,
        **options: Any,
    ) -> None:
        started = time.perf_counter()
        if action == "refresh":
            if period is not None or without_synthetic:
                raise CommandError(
                    "--period and --without-synthetic go with publish only: refresh recounts the whole tally."
                )
            counted = tally_refresh()
            self.stdout.write(
                f"insight: {counted} consenting report(s) counted in {time.perf_counter() - started:.1f} s"
            )
            return
        if period is not None:
            due = [self._period(period)]
        else:
            found = periods_due(synthetic=not without_synthetic)
            due = found.periods
            for run in found.held:
                self.stdout.write(
                    f"insight: {run.label} held back: fewer than {PERIOD_MINIMUM} consenting reports so far; "
                    "it goes out with the quarters after it"
                )
            if not due:
                self.stdout.write("insight: no ended quarter ready to publish")
        for each in due:
            try:
                snapshot = snapshot_publish(period=each, synthetic=not without_synthetic)
            except PublicationRefused as refused:
                raise CommandError(str(refused)) from None
            self.stdout.write(f"insight: {snapshot} published in {time.perf_counter() - started:.1f} s")

    @staticmethod
    def _period(text: str) -> Period:
        try:
            return period_parse(text)
        except PeriodError:
            raise CommandError(
                f"Unknown period {text!r}: write a quarter (2026Q3), a month (2026-07), a year (2026) "
                "or a run of quarters (2025Q4-2026Q1)."
            ) from None
