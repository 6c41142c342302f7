"""Read-only JSON of every published table, after disclosure control: the public dashboard's figures.

Nothing here is exact or live: `selectors.published_dashboard()` (the latest published snapshot,
controlled) is the only read, as on the public page.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
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


class InsightOut(Schema):
    published_on: date | None = Field(description="the date the figures are as of; null: none published yet")
    threshold: int = Field(description="counts from 1 to threshold-1 are never published")
    synthetic: int | None = Field(description="synthetic demonstration reports among those counted; null: suppressed")
    trend: TrendOut | None
    tables: list[TableOut]
    cross_tables: list[CrossTableOut]


@router.get("/", response=InsightOut, url_name="insight_tables")
def insight_tables(request: HttpRequest) -> dict[str, object]:
    """Every published table of the public dashboard, with disclosure control applied.

    The figures are frozen when published (`published_on`), not live; before the first
    publication there are no tables.
    """
    published = selectors.published_dashboard()
    if published is None:
        return {
            "published_on": None,
            "threshold": THRESHOLD,
            "synthetic": None,
            "trend": None,
            "tables": [],
            "cross_tables": [],
        }
    board = published.board
    return {
        "published_on": published.published_on,
        "threshold": THRESHOLD,
        "synthetic": board.synthetic,
        "trend": board.trend,
        "tables": [*board.report_tables, *board.knowledge],
        "cross_tables": list(board.cross_tables),
    }
