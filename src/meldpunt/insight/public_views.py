"""The public dashboard and its downloads: thin views over `selectors.published_dashboard`.

Always controlled, and never live: the figures are those of the latest published snapshot.
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
from meldpunt.insight.aggregates import MARKER, Table, table_csv_rows, table_record
from meldpunt.insight.charts import table_chart_svg
from meldpunt.insight.disclosure import THRESHOLD
from meldpunt.insight.mapping.svg import province_map_svg


@dataclass(frozen=True)
class Section:
    table: Table
    chart: str  # SVG text, every label escaped by ElementTree


def dashboard_context(board: selectors.Dashboard) -> dict[str, Any]:
    """What both dashboards show: each table with its chart, the two-way table, trends and the method."""

    def section(table: Table, *, over_time: bool = False) -> Section:
        # Safe: charts.py builds the SVG with ElementTree, which escapes every text and attribute.
        return Section(table, mark_safe(table_chart_svg(table, marker=MARKER, over_time=over_time)))  # noqa: S308

    return {
        "board": board,
        "threshold": THRESHOLD,
        "largest_hidden": THRESHOLD - 1,
        "marker": MARKER,
        "months": section(board.months, over_time=True),
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


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    published = selectors.published_dashboard()
    context = {} if published is None else dashboard_context(published.board)
    return render(request, "insight/public/dashboard.html", {**context, "published": published})


@require_GET
def download(request: HttpRequest) -> HttpResponse:
    """One published table as CSV or JSON: `?table=<slug>&format=csv|json`."""
    published = selectors.published_dashboard()
    table = None if published is None else published.board.table(request.GET.get("table", ""))
    kind = request.GET.get("format", "")
    if table is None or kind not in {"csv", "json"}:
        raise Http404(_("No such table or format."))
    if kind == "json":
        body = json.dumps(table_record(table), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        buffer = io.StringIO()
        csv.writer(buffer).writerows(table_csv_rows(table, total_label=_("Total"), marker=MARKER))
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meldpunt-{table.slug}.{kind}"'
    return response
