"""`meldpunt report --period 2026Q3 --lang nl|en --out FILE.pdf`: the periodic report for policymakers.

It prints the period's published figures (`meldpunt insight publish --period ...`), never a fresh
count: figures of a period still running would move one report at a time, and two versions of one
period could be subtracted (see insight.disclosure). The PDF is made in memory and written only when
it is complete, so bad input or a failure leaves no file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from meldpunt.insight.periodic import NotPublished, PeriodError, period_parse, periodic_report_pdf

LANGUAGES = ("nl", "en")


def _writable(out: Path) -> None:
    if out.is_dir():
        raise CommandError(f"--out {out} is a folder; give a file name such as {out / 'report.pdf'}.")
    folder = out.parent
    if not folder.is_dir():
        raise CommandError(f"--out {out}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise CommandError(f"--out {out}: not allowed to write there.")


def _write(out: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file beside the target, renamed over it."""
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
        temporary = Path(name)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        mask = os.umask(0)
        os.umask(mask)
        temporary.chmod(0o666 & ~mask)  # mkstemp makes it private; the report is for distribution
        os.replace(temporary, out)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise CommandError(f"--out {out}: {error.strerror or error}.") from error


class Command(BaseCommand):
    help = "Write the periodic report of a published period (YYYYQn, YYYY-MM or YYYY) as a PDF, in Dutch or English."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--period", required=True, help="2026Q3, 2026-07, 2026 or 2025Q4-2026Q1")
        parser.add_argument("--lang", required=True, choices=LANGUAGES)
        parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = period_parse(options["period"])
        except PeriodError:
            raise CommandError(
                f"Unknown period {options['period']!r}: write a quarter (2026Q3), a month (2026-07), a year (2026) "
                "or a run of quarters (2025Q4-2026Q1)."
            ) from None
        today = timezone.localdate()
        if period.end >= today:
            raise CommandError(
                f"The period {period.label} has not ended yet (it ends on {period.end.isoformat()}): "
                "a report covers a closed period only."
            )
        out: Path = options["out"]
        _writable(out)
        try:
            data = periodic_report_pdf(period=period, language=options["lang"], today=today)
        except NotPublished:
            raise CommandError(
                f"The figures of {period.label} have not been published: a report prints published figures only. "
                f"Publish them first with 'meldpunt insight publish --period {period.label}' (publication is final)."
            ) from None
        _write(out, data)
        self.stderr.write(f"report: {period.label} in {options['lang']}, {len(data)} bytes written to {out}")
