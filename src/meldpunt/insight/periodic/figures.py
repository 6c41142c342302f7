"""The figures of one period, built the way the public dashboard builds its own (DESIGN rule 7).

The same tally (consenting reports only, one month per report), the same tables and the same
disclosure control as `selectors.dashboard`, over the period's months instead of all of them. The
tables of the previous period come from the same function, so the figure a report gives for its
previous period is the figure that period's own report publishes. Knowledge figures are the
dashboard's own: published records, not tied to a period.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from meldpunt.insight import aggregates, selectors
from meldpunt.insight.aggregates import CrossTable, Table
from meldpunt.insight.models import Dimension, Tally
from meldpunt.insight.periodic.period import Period

# The dashboard's own helpers: its order of vocabulary terms, labels and community × origin table.
from meldpunt.insight.selectors import NOT_STATED, _collapse, _community_origin, _order, _vocab_labels
from meldpunt.vocab import concept


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    month_province: CrossTable
    months: Table
    provinces: Table
    tactics: Table
    community_origin: CrossTable
    origin_states: Table
    communities: Table
    synthetic: int | None  # demo reports among those counted, protected with the rest

    @property
    def total(self) -> int | None:
        return self.month_province.total

    @property
    def report_tables(self) -> tuple[Table, ...]:
        return (self.months, self.provinces, self.tactics, self.origin_states, self.communities)


def _period_tally(period: Period) -> dict[str, Counter[tuple[str, str]]]:
    """(key, month) → count for each dimension within the period, in one query."""
    by_dimension: dict[str, Counter[tuple[str, str]]] = {d.value: Counter() for d in Dimension}
    for dimension, key, month, count in Tally.objects.filter(
        count__gt=0, month__gte=period.first, month__lte=period.last
    ).values_list("dimension", "key", "month", "count"):
        by_dimension[dimension][(key, month)] += count
    return by_dimension


def period_figures(*, period: Period) -> PeriodFigures:
    """Every report table of the period, disclosure-controlled."""
    tally = _period_tally(period)
    months = period.months
    province_counts = _collapse(tally[Dimension.PROVINCE])
    province_order = _order(list(concept("provinces").ids()), set(province_counts))
    province_labels = _vocab_labels("provinces") | {NOT_STATED: _("Not stated")}
    month_province = aggregates.two_way_table(
        slug="month_province",
        title=_("Reports per month and province"),
        row_heading=_("Month"),
        unit=_("reports"),
        counts={(month, key): n for (key, month), n in tally[Dimension.PROVINCE].items()},
        rows=[(month, month) for month in months],
        columns=[(key, province_labels.get(key, key)) for key in province_order],
        exact=False,
        total_shared=True,
    )
    tactic_counts = _collapse(tally[Dimension.TACTIC])
    community_origin = _community_origin(tally[Dimension.COMMUNITY_ORIGIN], exact=False)
    return PeriodFigures(
        period=period,
        month_province=month_province,
        months=aggregates.margin(
            month_province, by_row=True, slug="months", title=_("Reports per month"), heading=_("Month")
        ),
        provinces=aggregates.margin(
            month_province, by_row=False, slug="provinces", title=_("Reports per province"), heading=_("Province")
        ),
        tactics=aggregates.overlapping_table(
            slug="tactics",
            title=_("Reports naming each tactic"),
            heading=_("Tactic"),
            unit=_("reports"),
            counts=tactic_counts,
            labels=_vocab_labels("tactics"),
            order=_order(list(concept("tactics").ids()), set(tactic_counts) - {NOT_STATED}),
            exact=False,
        ),
        community_origin=community_origin,
        origin_states=aggregates.margin(
            community_origin,
            by_row=False,
            slug="origin_states",
            title=_("Reports per origin state"),
            heading=_("Origin state"),
        ),
        communities=aggregates.margin(
            community_origin, by_row=True, slug="communities", title=_("Reports per community"), heading=_("Community")
        ),
        synthetic=aggregates.part_count(
            sum(tally[Dimension.SYNTHETIC].values()), sum(tally[Dimension.ALL].values()), exact=False
        ),
    )


def knowledge_tables() -> tuple[Table, ...]:
    """The knowledge figures exactly as the public dashboard publishes them."""
    return selectors.dashboard(exact=False).knowledge
