"""Official document references (kenmerk, Kamerstuk, Aanhangsel Handelingen), collected as written."""

from __future__ import annotations

import re
from functools import lru_cache

from meldpunt.ingest.lexicon import load


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in load("references")["patterns"]]


def find(text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for pattern in _patterns():
        found.extend((m.start(), re.sub(r"\s+", " ", m.group()).strip()) for m in pattern.finditer(text))
    return list(dict.fromkeys(ref for _, ref in sorted(found)))
