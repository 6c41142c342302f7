"""The public dashboard and its downloads: thin views over `selectors.published_dashboard`.

Always controlled, and never live: the figures of one published period (`?period=2026Q3`, the
latest by default), shown as they were controlled when they were published.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from meldpunt.insight import selectors
from meldpunt.insight.aggregates import MARKER, CrossTable, Table, Trend, table_csv_rows, table_record
from meldpunt.insight.charts import table_chart_svg
from meldpunt.insight.disclosure import THRESHOLD
from meldpunt.insight.mapping.svg import province_map_svg
from meldpunt.insight.services import PERIOD_MINIMUM


@dataclass(frozen=True)
class Section:
    table: Table
    chart: str  # SVG text, every label escaped by ElementTree


def dashboard_context(
    board: selectors.Dashboard, *, series: Table | None = None, trend: Trend | None = None
) -> dict[str, Any]:
    """What both dashboards show: each table with its chart, the two-way table, trends and the method.

    The public page passes the months of every publication (`series`) and the trend read from them;
    the staff dashboard shows its live months.
    """

    def section(table: Table, *, over_time: bool = False) -> Section:
        # Safe: charts.py builds the SVG with ElementTree, which escapes every text and attribute.
        return Section(table, mark_safe(table_chart_svg(table, marker=MARKER, over_time=over_time)))  # noqa: S308

    return {
        "board": board,
        "threshold": THRESHOLD,
        "largest_hidden": THRESHOLD - 1,
        "period_minimum": PERIOD_MINIMUM,
        "marker": MARKER,
        "months": section(series or board.months, over_time=True),
        "trend": trend if series is not None else board.trend,
        "sections": [section(table) for table in board.report_tables[1:]],
        "knowledge": [section(table) for table in board.knowledge],
        # Safe: province_map_svg escapes its title and every label; counts are the controlled ones.
        "province_map": mark_safe(  # noqa: S308
            province_map_svg(
                {row.key: row.count for row in board.provinces.rows},
                title=_(
                    "Map of the Netherlands: reports per province, darker for more; the table above gives the figures."
                ),
            )
        ),
    }


def requested_publication(request: HttpRequest) -> selectors.Published | None:
    """The period asked for (404 when it was not published), or the latest; None before any."""
    period = request.GET.get("period")
    published = selectors.published_dashboard(period or None)
    if published is None and period:
        raise Http404(_("These figures have not been published."))
    return published


def _table(published: selectors.Published, slug: str) -> Table | CrossTable | None:
    return published.series if slug == published.series.slug else published.board.table(slug)


def publication_context(published: selectors.Published | None) -> dict[str, Any]:
    """A publication's page context (months of every publication, their trend); a note only before any."""
    if published is None:
        return {"published": None}
    board = dashboard_context(published.board, series=published.series, trend=published.trend)
    return {**board, "published": published}


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    context = publication_context(requested_publication(request))
    return render(request, "insight/public/dashboard.html", context)


@require_GET
def download(request: HttpRequest) -> HttpResponse:
    """One published table as CSV or JSON: `?table=<slug>&format=csv|json[&period=2026Q3]`."""
    published = requested_publication(request)
    table = None if published is None else _table(published, request.GET.get("table", ""))
    kind = request.GET.get("format", "")
    if published is None or table is None or kind not in {"csv", "json"}:
        raise Http404(_("No such table or format."))
    if kind == "json":
        body = json.dumps(table_record(table), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(table_csv_rows(table, total_label=_("Total"), marker=MARKER))
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = table.slug if table is published.series else f"{published.period.label}-{table.slug}"
    response["Content-Disposition"] = f'attachment; filename="meldpunt-{name}.{kind}"'
    return response
