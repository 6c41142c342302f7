"""Dates at the precision the text gives them (2018, 2022-09, 2022-10-31), with the passage they come from.

A day and month without a year ("maandag 31 oktober") is placed in the year that puts it on or before the
latest full date the document gives. Relative dates ("last month", "gisteren") are placed against the
document's own date: its dateline (a full date in its first lines or after "Datum", "Published"). A month
or year ("vorige maand", "earlier this year") may also be placed by the latest full date, which is at most
days off; a day or week ("yesterday", "on Monday", "vorige week") is left out without a dateline.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from meldpunt.ingest.lexicon import LANGUAGES, lexicon, merged, merged_map
from meldpunt.ingest.model import DateMention
from meldpunt.ingest.spans import masked, overlaps


@lru_cache(maxsize=1)
def _month_pattern() -> str:
    names = sorted(merged_map("months"), key=len, reverse=True)
    return r"(?P<month>" + "|".join(re.escape(n) for n in names) + r")\.?"


@lru_cache(maxsize=1)
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


DATELINE_HEAD = 200  # characters: a full date this early is the document's own date
EXACT_UNITS = frozenset({"day", "week", "weekday"})


@lru_cache(maxsize=1)
def _relative() -> tuple[re.Pattern[str], list[dict[str, Any]]]:
    """Every relative date as one pattern; group d<n> is rule n, its weekday group w<n>."""
    rules = [rule for language in LANGUAGES for rule in lexicon(language)["relative_dates"]]
    alternatives = [
        f"(?P<d{i}>{rule['pattern'].replace('(?P<weekday>', f'(?P<w{i}>')})" for i, rule in enumerate(rules)
    ]
    return re.compile(rf"(?<!\w)(?=\w)(?:{'|'.join(alternatives)})", re.IGNORECASE), rules


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    labels = "|".join(sorted(merged("dateline_labels")))
    return re.compile(rf"^[ \t]*(?:{labels})\b[^\n]*$", re.IGNORECASE | re.MULTILINE)


def _absolute(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    reference: date | None = None
    for kind, pattern in _patterns():
        for match in pattern.finditer(text):
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
    return found


def document_date(text: str, found: list[DateMention] | None = None) -> date | None:
    """The document's own date: a full date on a dateline or in its first lines, else None."""
    found = _absolute(text) if found is None else found
    lines = [(m.start(), m.end()) for m in _dateline().finditer(text)]
    for mention in sorted(found, key=lambda d: d.start):
        on_dateline = any(start <= mention.start < end for start, end in lines)
        if len(mention.value) == 10 and (mention.start < DATELINE_HEAD or on_dateline):
            return date.fromisoformat(mention.value)
    return None


def _shift_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _relative_value(index: int, rule: dict[str, Any], match: re.Match[str], reference: date) -> str:
    unit, offset = rule["unit"], int(rule["offset"])
    if unit == "day":
        return (reference + timedelta(days=offset)).isoformat()
    if unit == "week":
        year, week, _ = (reference + timedelta(weeks=offset)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        year, month = _shift_months(reference, offset)
        return f"{year:04d}-{month:02d}"
    if unit == "year":
        return f"{reference.year + offset:04d}"
    weekday = merged_map("weekdays")[(match.group(f"w{index}") or "").lower()]
    back = (reference.weekday() - weekday) % 7
    if offset < 0 and back == 0:
        back = 7  # "last Monday" said on a Monday is a week ago
    return (reference - timedelta(days=back)).isoformat()


def _relatives(text: str, taken: list[DateMention], own: date | None, latest: date | None) -> list[DateMention]:
    spans = [(d.start, d.end) for d in taken]
    found: list[DateMention] = []
    pattern, rules = _relative()
    for match in pattern.finditer(text):
        index = int((match.lastgroup or "d0")[1:])
        rule = rules[index]
        reference = own if rule["unit"] in EXACT_UNITS else own or latest
        if reference is None or overlaps(match.start(), match.end(), spans):
            continue
        value = _relative_value(index, rule, match, reference)
        found.append(DateMention(value, text[match.start() : match.end()], match.start(), match.end()))
    return found


def find(text: str) -> list[DateMention]:
    searchable = masked(text)
    found = _absolute(searchable)
    found = [DateMention(d.value, text[d.start : d.end], d.start, d.end) for d in found]
    full = [date.fromisoformat(d.value) for d in found if len(d.value) == 10]
    own = document_date(searchable, found)
    found.extend(_relatives(searchable, found, own, max(full) if full else None))
    return sorted(found, key=lambda d: d.start)
