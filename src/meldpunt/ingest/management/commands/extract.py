"""`meldpunt extract PATH... --out DIR`: one JSON file per document, in the corpus README's format."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from meldpunt.ingest.pipeline import ENGINES, LOCAL, documents_extract


class Command(BaseCommand):
    help = "Extract references, question/answer pairs, entities, dates, quantities, events and statements."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="files or folders (.txt, .html, .pdf, .xml)")
        parser.add_argument("--out", required=True, type=Path, help="folder for the JSON files")
        parser.add_argument("--workers", type=int, default=1, help="processes in the local pool")
        parser.add_argument("--engine", choices=ENGINES, default=LOCAL, help="local process pool or a Dask cluster")
        parser.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786) for --engine dask")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["engine"] != LOCAL and not options["scheduler"]:
            raise CommandError("--engine dask needs --scheduler ADDRESS")
        outcomes = documents_extract(
            paths=options["paths"],
            out=options["out"],
            workers=options["workers"],
            engine=options["engine"],
            scheduler=options["scheduler"],
        )
        failed = [o for o in outcomes if o.error]
        for outcome in failed:
            self.stderr.write(f"unreadable: {outcome.error}")
        self.stdout.write(f"extracted {len(outcomes) - len(failed)} of {len(outcomes)} documents into {options['out']}")
        if not outcomes:
            raise CommandError("no documents found")
