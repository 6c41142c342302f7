"""Report periods: a quarter (2026Q3), a month (2026-07), a year (2026) or a run of quarters
(2025Q4-2026Q1, what quiet quarters are published as together), as a run of months (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from meldpunt.insight.aggregates import month_range, previous_month

_QUARTER = re.compile(r"^(?P<year>\d{4})Q(?P<quarter>[1-4])$")
_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^(?P<year>\d{4})$")
_QUARTERS = re.compile(r"^(?P<first>\d{4}Q[1-4])-(?P<last>\d{4}Q[1-4])$")


class PeriodError(ValueError):
    """A period that cannot be read."""


@dataclass(frozen=True)
class Period:
    label: str  # as written: 2026Q3, 2026-07, 2026, 2025Q4-2026Q1
    first: str  # YYYY-MM
    last: str  # YYYY-MM, included

    @property
    def months(self) -> list[str]:
        return month_range(self.first, self.last)

    @property
    def start(self) -> date:
        return date(int(self.first[:4]), int(self.first[5:7]), 1)

    @property
    def end(self) -> date:
        """The last day of the period."""
        following = previous_month(self.last, back=-1)
        return date(int(following[:4]), int(following[5:7]), 1) - timedelta(days=1)

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return self._shifted(-len(self.months))

    def following(self) -> Period:
        """The period of the same length just after this one."""
        return self._shifted(len(self.months))

    def _shifted(self, months: int) -> Period:
        first, last = previous_month(self.first, back=-months), previous_month(self.last, back=-months)
        return Period(period_label(first, last), first, last)


def _quarter(month: str) -> str:
    return f"{month[:4]}Q{(int(month[5:7]) + 2) // 3}"


def quarter_of(month: str) -> Period:
    """The quarter holding `month` (YYYY-MM)."""
    return period_parse(_quarter(month))


def period_label(first: str, last: str) -> str:
    """How the run of months from `first` to `last` is written: a month, a quarter, a year, or a run
    of quarters; a run that none of these describes is written first..last and cannot be read back."""
    if first == last:
        return first
    quarter_aligned = int(first[5:7]) % 3 == 1 and int(last[5:7]) % 3 == 0
    if first[5:7] == "01" and last[5:7] == "12" and first[:4] == last[:4]:
        return first[:4]
    if quarter_aligned and _quarter(first) == _quarter(last):
        return _quarter(first)
    if quarter_aligned:
        return f"{_quarter(first)}-{_quarter(last)}"
    return f"{first}..{last}"


def quarters_run(first: Period, last: Period) -> Period:
    """The period from the start of `first` to the end of `last`."""
    return Period(period_label(first.first, last.last), first.first, last.last)


def period_parse(text: str) -> Period:
    """YYYYQn, YYYY-MM, YYYY or YYYYQn-YYYYQn (the first quarter not after the last); PeriodError for
    anything else."""
    text = text.strip().upper()
    if found := _QUARTERS.match(text):
        first, last = period_parse(found["first"]), period_parse(found["last"])
        if first.first >= last.first:
            raise PeriodError(text)
        return quarters_run(first, last)
    if found := _QUARTER.match(text):
        year, quarter = found["year"], int(found["quarter"])
        return Period(text, f"{year}-{3 * quarter - 2:02d}", f"{year}-{3 * quarter:02d}")
    if found := _MONTH.match(text):
        return Period(text, text, text)
    if found := _YEAR.match(text):
        return Period(text, f"{text}-01", f"{text}-12")
    raise PeriodError(text)
