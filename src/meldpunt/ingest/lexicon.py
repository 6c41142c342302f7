"""Patterns and word lists, read from `data/` so that a new language or layout is a data change."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
LANGUAGES = ("nl", "en")


@cache
def load(name: str) -> dict[str, Any]:
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def lexicon(language: str) -> dict[str, Any]:
    """The word lists of one language; unknown languages fall back to English."""
    return load(f"lexicon_{language if language in LANGUAGES else 'en'}")


def languages_from(language: str) -> tuple[str, ...]:
    """The document's language first, then the others: a Dutch answer quotes English, a news item Dutch."""
    first = language if language in LANGUAGES else "en"
    return (first, *(other for other in LANGUAGES if other != first))


@cache
def merged(key: str) -> frozenset[str]:
    """One word list across all languages, for text whose language is mixed (Dutch answers quote English)."""
    out: set[str] = set()
    for language in LANGUAGES:
        out.update(lexicon(language)[key])
    return frozenset(out)


def merged_map(key: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for language in LANGUAGES:
        out.update(lexicon(language)[key])
    return out
