"""The figures of one period: its publication, exactly as the public dashboard shows it.

A report prints what `meldpunt insight publish` froze for the period (consenting reports received
in it, with the disclosure control decided then), never a fresh count: a second, differently
protected version of the same figures could be played against the first. The previous period's
figures, and the months before, are likewise those of their own publications. Knowledge figures are
the publication's: published records as of the day it was made.
"""

from __future__ import annotations

from dataclasses import dataclass

from meldpunt.insight import selectors
from meldpunt.insight.aggregates import Table
from meldpunt.insight.periodic.period import Period


class NotPublished(LookupError):
    """The period's figures have not been published, so there is nothing to report."""


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    board: selectors.Dashboard  # controlled, over the period's months, as published
    published: selectors.Published

    @property
    def total(self) -> int | None:
        return self.board.months.total

    @property
    def months(self) -> Table:
        return self.board.months

    @property
    def synthetic(self) -> int | None:
        """Demo reports among those counted, protected with the rest."""
        return self.board.synthetic

    @property
    def report_tables(self) -> tuple[Table, ...]:
        """Months, provinces, tactics, origin states and communities: campaigns are not tied to a period."""
        return tuple(table for table in self.board.report_tables if table is not self.board.campaigns)

    @property
    def knowledge(self) -> tuple[Table, ...]:
        return self.board.knowledge

    @property
    def series(self) -> Table:
        """Reports per month over every publication, as each published them."""
        return self.published.series


def period_figures(*, period: Period) -> PeriodFigures:
    """Every table of the period, as published; NotPublished when it was not."""
    published = selectors.published_dashboard(period.label)
    if published is None:
        raise NotPublished(period.label)
    return PeriodFigures(period, published.board, published)


def previous_figures(*, period: Period) -> PeriodFigures | None:
    """The previous period of the same length, when it was published."""
    try:
        return period_figures(period=period.previous())
    except NotPublished:
        return None
