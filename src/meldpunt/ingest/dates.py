"""Dates at the precision the text gives them (2018, 2022-09, 2022-10-31), with the passage they come from.

A day and month without a year ("maandag 31 oktober") is placed in the year that puts it on or before the
document's own date, the latest full date the document gives.
"""

from __future__ import annotations

import re
from datetime import date

from meldpunt.ingest.lexicon import merged, merged_map
from meldpunt.ingest.model import DateMention
from meldpunt.ingest.spans import masked, overlaps


def _month_pattern() -> str:
    names = sorted(merged_map("months"), key=len, reverse=True)
    return r"(?P<month>" + "|".join(re.escape(n) for n in names) + r")\.?"


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    month = _month_pattern()
    qualifier = r"(?:(?:" + "|".join(re.escape(q) for q in sorted(merged("month_qualifiers"))) + r")\s+)?"
    year = r"(?P<year>(?:19|20)\d{2})(?![\dZDz])"
    day = r"(?P<day>[0-3]?\d)"
    flags = re.IGNORECASE
    return [
        ("day", re.compile(rf"\b{day}(?:st|nd|rd|th|e)?\s+{month}\s+{year}", flags)),
        ("day", re.compile(rf"\b{month}\s+{day}(?:st|nd|rd|th)?,?\s+{year}", flags)),
        ("month", re.compile(rf"\b{qualifier}{month}\s+{year}", flags)),
        ("dayless_year", re.compile(rf"\b{day}\s+{month}\b(?!\s+\d)", flags)),
        ("year", re.compile(rf"(?<![\d/-]){year}(?![\d/-]|\s*[-–]\s*\d)", flags)),
    ]


def _value(kind: str, match: re.Match[str], reference: date | None) -> str | None:
    months = merged_map("months")
    groups = match.groupdict()
    month: int = months.get((groups.get("month") or "").lower(), 0)
    try:
        if kind == "day":
            return date(int(groups["year"]), month, int(groups["day"])).isoformat()
        if kind == "month":
            return f"{int(groups['year']):04d}-{month:02d}"
        if kind == "year":
            return groups["year"]
        if kind == "dayless_year" and reference is not None and month:
            candidate = date(reference.year, month, int(groups["day"]))
            if candidate > reference:
                candidate = candidate.replace(year=reference.year - 1)
            return candidate.isoformat()
    except (TypeError, ValueError):
        return None
    return None


def find(text: str) -> list[DateMention]:
    searchable = masked(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    reference: date | None = None
    for kind, pattern in _patterns():
        for match in pattern.finditer(searchable):
            if overlaps(match.start(), match.end(), taken):
                continue
            value = _value(kind, match, reference)
            if value is None:
                continue
            found.append(DateMention(value, text[match.start() : match.end()], match.start(), match.end()))
            taken.append((match.start(), match.end()))
        if kind == "day":
            full = [date.fromisoformat(d.value) for d in found if len(d.value) == 10]
            reference = max(full) if full else None
    return sorted(found, key=lambda d: d.start)
