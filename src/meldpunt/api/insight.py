"""Read-only JSON of every published table, after disclosure control: the public dashboard's figures.

Nothing here is exact or live: `selectors.published_dashboard()` (the figures of a closed period
as published, controlled when they were published) is the only read, as on the public page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from meldpunt.insight import selectors
from meldpunt.insight.disclosure import THRESHOLD

router = Router(tags=["insight"])


class RowOut(Schema):
    key: str = Field(description="vocabulary id, ISO 3166-1 alpha-2 code, YYYY-MM month or year; empty: not stated")
    label: str
    count: int | None = Field(description="null when suppressed by disclosure control")


class TableOut(Schema):
    slug: str
    title: str
    heading: str
    unit: str
    additive: bool = Field(description="false when one unit may count in several rows; then there is no total")
    controlled: bool = Field(description="whether disclosure control applies (report figures) or not (public facts)")
    rows: list[RowOut]
    total: int | None


class CrossRowOut(Schema):
    key: str
    label: str
    cells: list[int | None] = Field(description="one per column, in the columns' order; null when suppressed")
    total: int | None


class CrossTableOut(Schema):
    slug: str
    title: str
    row_heading: str
    unit: str
    controlled: bool
    columns: list[RowOut] = Field(description="column keys and labels; count is the column total")
    rows: list[CrossRowOut]
    total: int | None


class TrendOut(Schema):
    month: str
    count: int | None
    previous_month: str
    previous: int | None
    year_ago_month: str
    year_ago: int | None
    month_on_month: int | None
    year_on_year: int | None


class PeriodOut(Schema):
    period: str = Field(description="as written: 2026Q3 (a quarter), 2026-07 (a month) or 2026 (a year)")
    first_month: str = Field(description="YYYY-MM")
    last_month: str = Field(description="YYYY-MM, included")
    published_on: date


class InsightOut(Schema):
    period: PeriodOut | None = Field(description="the period these figures cover; null: none published yet")
    periods: list[PeriodOut] = Field(description="every published period, the latest first")
    published_on: date | None = Field(description="the day the period's figures were published; null: none yet")
    threshold: int = Field(description="counts from 1 to threshold-1 are never published")
    synthetic: int | None = Field(description="synthetic demonstration reports among those counted; null: suppressed")
    trend: TrendOut | None = Field(description="the period's last month against the months before, as published")
    tables: list[TableOut] = Field(description="the period's tables, then reports per month over every publication")
    cross_tables: list[CrossTableOut]


class NotPublishedOut(Schema):
    detail: str


def _period(period: selectors.PublishedPeriod) -> dict[str, object]:
    return {
        "period": period.label,
        "first_month": period.first_month,
        "last_month": period.last_month,
        "published_on": period.published_on,
    }


@router.get("/", response={200: InsightOut, 404: NotPublishedOut}, url_name="insight_tables")
def insight_tables(request: HttpRequest, period: str | None = None) -> Status[Any]:
    """Every published table of one period (`period`, default the latest), with disclosure control.

    A period holds the consenting reports received in it; its figures were frozen, and their
    disclosure control decided, when it was published, and never change. Before the first
    publication there are no tables; a period that was not published is not found.
    """
    published = selectors.published_dashboard(period)
    if published is None and period is not None:
        return Status(404, {"detail": "this period has not been published"})
    if published is None:
        return Status(
            200,
            {
                "period": None,
                "periods": [],
                "published_on": None,
                "threshold": THRESHOLD,
                "synthetic": None,
                "trend": None,
                "tables": [],
                "cross_tables": [],
            },
        )
    board = published.board
    return Status(
        200,
        {
            "period": _period(published.period),
            "periods": [_period(each) for each in published.periods],
            "published_on": published.period.published_on,
            "threshold": THRESHOLD,
            "synthetic": board.synthetic,
            "trend": published.trend,
            "tables": [*board.report_tables, *board.knowledge, published.series],
            "cross_tables": list(board.cross_tables),
        },
    )
