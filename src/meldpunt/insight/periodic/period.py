"""Report periods: a quarter (2026Q3), a month (2026-07) or a year (2026), as a run of months (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from meldpunt.insight.aggregates import month_range, previous_month

_QUARTER = re.compile(r"^(?P<year>\d{4})Q(?P<quarter>[1-4])$")
_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^(?P<year>\d{4})$")


class PeriodError(ValueError):
    """A period that cannot be read."""


@dataclass(frozen=True)
class Period:
    label: str  # as written: 2026Q3, 2026-07, 2026
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
        if first == last:
            label = last
        elif len(self.months) == 3:
            label = f"{last[:4]}Q{(int(last[5:7]) + 2) // 3}"
        else:
            label = last[:4]
        return Period(label, first, last)


def period_parse(text: str) -> Period:
    """YYYYQn, YYYY-MM or YYYY; PeriodError for anything else."""
    text = text.strip().upper()
    if found := _QUARTER.match(text):
        year, quarter = found["year"], int(found["quarter"])
        return Period(text, f"{year}-{3 * quarter - 2:02d}", f"{year}-{3 * quarter:02d}")
    if found := _MONTH.match(text):
        return Period(text, text, text)
    if found := _YEAR.match(text):
        return Period(text, f"{text}-01", f"{text}-12")
    raise PeriodError(text)
