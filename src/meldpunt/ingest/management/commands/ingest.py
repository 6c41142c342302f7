"""`meldpunt ingest PATH...`: extract documents and store them with candidate facts for review."""

from __future__ import annotations

from argparse import ArgumentParser
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress

from meldpunt.ingest.store import Extracted, documents_ingest


class Command(BaseCommand):
    help = "Read documents into sources and candidate facts in the review queue; already ingested texts are skipped."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="files or folders (.txt, .html, .pdf)")
        parser.add_argument("--publisher", default="unknown publisher", help="publisher recorded on the sources")
        parser.add_argument("--workers", type=int, default=1, help="processes in the local pool")
        parser.add_argument("--engine", choices=["local", "dask"], default="local")
        parser.add_argument("--scheduler", help="Dask scheduler address, with --engine dask")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["engine"] == "dask" and not options["scheduler"]:
            raise CommandError("--engine dask needs --scheduler ADDRESS")
        with Progress(disable=not self.stderr.isatty(), console=None, transient=True) as bar:

            def track(results: Iterator[Extracted], total: int) -> Iterator[Extracted]:
                task = bar.add_task("ingest", total=total)
                for result in results:
                    bar.advance(task)
                    yield result

            summary = documents_ingest(
                paths=options["paths"],
                publisher=options["publisher"],
                workers=options["workers"],
                scheduler=options["scheduler"] if options["engine"] == "dask" else None,
                progress=track,
            )
        for _path, error in summary.failed:
            self.stderr.write(f"unreadable: {error}")
        self.stdout.write(
            f"stored {len(summary.stored)}, skipped {len(summary.skipped)} already ingested, "
            f"failed {len(summary.failed)}; {summary.candidates} candidate facts for review"
        )
        if not (summary.stored or summary.skipped or summary.failed):
            raise CommandError("no documents found")
