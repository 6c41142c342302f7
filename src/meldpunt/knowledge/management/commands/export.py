"""`meldpunt export --format ftm|stix|csv|json [--out PATH]`: the knowledge base for other tools.

Only records that are not retired leave. Standard output by default; csv is a zip archive of one
table per record kind, so with csv give `--out FILE.zip` (or redirect standard output to a file).
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from meldpunt.knowledge.exchange import FORMATS, knowledge_export


class Command(BaseCommand):
    help = "Export the knowledge base as FollowTheMoney entities, a STIX 2.1 bundle, CSV (zip) or JSON."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("--out", type=Path, help="file to write; standard output when absent")

    def handle(self, *args: Any, **options: Any) -> None:
        data = knowledge_export(format=options["format"])
        out: Path | None = options["out"]
        if out is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        out.write_bytes(data)
        self.stderr.write(f"export: {len(data)} bytes of {options['format']} written to {out}")
