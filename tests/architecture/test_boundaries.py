"""Rules of the code's shape that reviews would otherwise have to remember (STYLE 3, 8 and 11)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.urls import URLPattern, URLResolver, get_resolver

import meldpunt

SRC = Path(meldpunt.__file__).parent
ROOT = SRC.parents[1]
REPORT_MODELS = {"Report", "KeyGrant", "Message", "Attachment", "ReportIdentifier"}
SURFACES = [*SRC.glob("*/views.py"), *SRC.glob("api/*.py")]


@pytest.mark.parametrize("module", SURFACES, ids=lambda p: str(p.relative_to(SRC)))
def test_views_and_api_reach_reports_only_through_services_and_selectors(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.endswith(".models")
        for alias in node.names
    }
    assert imported & REPORT_MODELS == set(), f"{module.name} imports report models; use a selector"


def test_no_code_reads_client_addresses_or_agents() -> None:
    forbidden = re.compile(r"REMOTE_ADDR|HTTP_X_FORWARDED_FOR|HTTP_USER_AGENT|HTTP_REFERER|get_client_ip")
    offenders = [str(p) for p in SRC.rglob("*.py") if forbidden.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            found.append(prefix + str(pattern.pattern))
    return found


def test_no_staff_route_lives_under_the_reporters_language_prefixes() -> None:
    routes = _routes(get_resolver().url_patterns)
    reporter = [r for r in routes if not r.startswith(("staff/", "api/", "^static"))]
    assert reporter, "the reporter's routes were not found"
    assert all("staff" not in route for route in reporter)


def test_every_meldpunt_command_and_api_route_is_in_the_readme(client: object) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ours = [name for name, app in get_commands().items() if str(app).startswith("meldpunt")]
    assert ours, "no Meldpunt management command found"
    for name in ours:
        assert f"meldpunt {name}" in readme, f"`meldpunt {name}` is not documented in README.md"
    from meldpunt.api.api import api

    for path in api.get_openapi_schema()["paths"]:
        assert path in readme, f"API route {path} is not documented in README.md"
