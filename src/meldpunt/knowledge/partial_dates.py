"""Dates at the precision a source gives them: `2022`, `2022-11` or `2022-11-03` (pure).

Sources often say "in late 2022" or "in November"; storing a made-up day would invent precision
that the cited passage does not have. ISO prefixes sort correctly as text, so the database can
order and filter them without a second column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_SHAPE = re.compile(PATTERN)


class InvalidPartialDate(ValueError):
    """The text is not a year, a year-month or a full date that exists."""


@dataclass(frozen=True, order=True)
class PartialDate:
    value: str

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]

    @property
    def year(self) -> int:
        return int(self.value[:4])

    def earliest(self) -> date:
        """The first day the date can mean, for ranges and charts."""
        parts = [int(part) for part in self.value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])

    def __str__(self) -> str:
        return self.value


def partial_date_parse(text: str) -> PartialDate:
    """Check a partial ISO date; raise InvalidPartialDate for anything else (e.g. `2022-13`)."""
    cleaned = text.strip()
    if not _SHAPE.match(cleaned):
        raise InvalidPartialDate(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(part) for part in cleaned.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as error:
        raise InvalidPartialDate(f"{text!r} is not a date that exists") from error
    return PartialDate(cleaned)
