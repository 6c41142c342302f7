"""`meldpunt import --format ftm FILE`: read a FollowTheMoney export back into an empty knowledge base.

Everything goes through the knowledge services (the same checks as an analyst's edits, history
rows included) in one transaction: a refused value or a dangling reference imports nothing.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.exchange import ftm_import


class Command(BaseCommand):
    help = "Import FollowTheMoney entities (one JSON per line, as `meldpunt export --format ftm` writes)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--format", required=True, choices=["ftm"])
        parser.add_argument("file", type=Path, help="the export, one entity per line")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with path.open(encoding="utf-8") as lines:
                created = ftm_import(lines)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        except KnowledgeError as error:
            raise CommandError(f"import refused ({error.code}): {error.message}") from error
        self.stdout.write(f"import: {created} record(s) created from {path}")
