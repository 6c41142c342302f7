"""The `meldpunt` console script: Django's management commands with Meldpunt's settings."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meldpunt.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["meldpunt", *sys.argv[1:]])
