"""The figures of one period: the public dashboard's own tables, over the period's months.

`selectors.dashboard` builds them from the same tally (consenting reports only, one month per
report) with the same disclosure control. The previous period's tables come from the same call, so
the figure a report gives for its previous period is the one that period's own report publishes.
Knowledge figures are the dashboard's: published records, not tied to a period.
"""

from __future__ import annotations

from dataclasses import dataclass

from meldpunt.insight import selectors
from meldpunt.insight.aggregates import CrossTable, Table
from meldpunt.insight.periodic.period import Period


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    board: selectors.Dashboard  # controlled, over the period's months

    @property
    def total(self) -> int | None:
        return self.board.month_province.total

    @property
    def months(self) -> Table:
        return self.board.months

    @property
    def month_province(self) -> CrossTable:
        return self.board.month_province

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


def period_figures(*, period: Period) -> PeriodFigures:
    """Every table of the period, disclosure-controlled."""
    return PeriodFigures(period, selectors.dashboard(exact=False, months=(period.first, period.last)))
