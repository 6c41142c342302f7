"""The dashboards: the public one open to all and always controlled, with a chart and a table per
figure and downloads; the staff one exact for supervisors only; and no published cell between 1 and
the threshold in the page, the CSV or the JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from meldpunt.accounts.models import Role
from meldpunt.insight.aggregates import MARKER
from meldpunt.insight.disclosure import THRESHOLD
from meldpunt.insight.selectors import dashboard
from meldpunt.insight.services import PublicationRefused
from tests.conftest import Staff, logged_in
from tests.insight.test_aggregates import make_report, publish, random_reports

pytestmark = pytest.mark.django_db

SLUGS = [
    "months",
    "incident_months",
    "provinces",
    "community_origin",
    "tactics",
    "origin_states",
    "communities",
    "campaigns",
    "stations_per_country",
    "partnerships_severed_per_year",
    "events_per_kind",
    "months_published",
]


def table_numbers(html: str) -> list[int]:
    """Every number in a table cell of the page (the figures; headings are months and labels)."""
    return [int(value) for value in re.findall(r"<td>(\d+)</td>", html)]


def test_public_dashboard_shows_only_controlled_figures(client: Client) -> None:
    random_reports(80, seed=2)
    publish()
    html = client.get("/en/insight/").content.decode()
    assert html.count("<h1>") == 1
    numbers = table_numbers(html)
    assert numbers
    assert not [n for n in numbers if 0 < n < THRESHOLD]
    assert f"{MARKER}</abbr>" in html  # suppressed cells are marked, not left empty
    assert html.count('role="img"') >= 7  # a chart per one-way table
    assert 'class="map province-map"' in html
    assert "<script>" not in html
    assert "style=" not in html
    assert "<style" not in html


@pytest.mark.parametrize("slug", SLUGS)
def test_every_table_downloads_as_csv_and_json_without_small_counts(client: Client, slug: str) -> None:
    random_reports(80, seed=4)
    publish()
    response = client.get("/en/insight/download/", {"table": slug, "format": "csv"})
    assert response.status_code == 200
    name = slug if slug == "months_published" else f"2026Q1-{slug}"
    assert response["Content-Disposition"] == f'attachment; filename="meldpunt-{name}.csv"'
    cells = [cell for row in list(csv.reader(io.StringIO(response.content.decode())))[1:] for cell in row[2:]]
    assert not [cell for cell in cells if cell.isdigit() and 0 < int(cell) < THRESHOLD]
    response = client.get("/en/insight/download/", {"table": slug, "format": "json"})
    assert response["Content-Disposition"] == f'attachment; filename="meldpunt-{name}.json"'
    record = json.loads(response.content)
    assert record["slug"] == slug
    values = [row.get("count") for row in record["rows"]] + [c for row in record["rows"] for c in row.get("cells", [])]
    assert not [value for value in values if value is not None and 0 < value < THRESHOLD]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"table": "months"},
        {"table": "nothing", "format": "csv"},
        {"table": "months", "format": "xml"},
        {"table": "months", "format": "csv", "period": "2026Q2"},
        {"table": "months", "format": "csv", "period": "<b>"},
    ],
)
def test_unknown_download_is_not_found(client: Client, query: dict[str, str]) -> None:
    random_reports(20, seed=1)
    publish()
    assert client.get("/en/insight/download/", query).status_code == 404


def test_downloads_before_any_publication_are_not_found(client: Client) -> None:
    random_reports(10, seed=1)
    assert client.get("/en/insight/download/", {"table": "months", "format": "csv"}).status_code == 404


def test_supervisors_see_exact_counts_others_controlled(make_staff: Callable[..., Staff]) -> None:
    for _ in range(3):
        make_report(province="zeeland", incident_month="2026-03")
    for _ in range(9):
        make_report(province="utrecht", incident_month="2026-03")
    publish()
    supervisor = logged_in(make_staff("sam", role=Role.SUPERVISOR, default_recipient=False))
    handler = logged_in(make_staff("hal", role=Role.HANDLER, default_recipient=False))
    exact = supervisor.get("/staff/insight/").content.decode()
    controlled = handler.get("/staff/insight/").content.decode()
    zeeland = r"<th scope=\"row\">Zeeland</th><td>(.*?)</td>"
    assert re.search(zeeland, exact).group(1) == "3"  # type: ignore[union-attr]
    assert re.search(zeeland, controlled).group(1) != "3"  # type: ignore[union-attr]
    assert "Exact counts" in exact
    assert "Exact counts" not in controlled


def test_synthetic_reports_are_labelled_when_counted(client: Client) -> None:
    for _ in range(10):
        make_report()
    for _ in range(6):
        make_report(synthetic=True, created_on=date(2026, 4, 2))
    for _ in range(10):
        make_report(created_on=date(2026, 4, 3))
    assert dashboard(exact=False).synthetic == 6  # live figures count them beside real ones, labelled
    publish()
    publish("2026Q2")  # a publication never mixes them with real ones
    assert "synthetic demonstration data" not in client.get("/en/insight/").content.decode()
    for _ in range(12):
        make_report(synthetic=True, created_on=date(2026, 7, 3))
    publish("2026Q3")
    html = client.get("/en/insight/").content.decode()
    assert "12 of the reports counted here are synthetic demonstration data" in html
    earlier = client.get("/en/insight/", {"period": "2026Q2"}).content.decode()
    assert "synthetic demonstration data" not in earlier


def test_a_small_number_of_real_reports_is_not_given_away_by_the_synthetic_count(client: Client) -> None:
    for _ in range(2):
        make_report()
    for _ in range(30):
        make_report(synthetic=True)
    assert dashboard(exact=False).synthetic is None  # 32 counted minus 30 synthetic would be 2
    with pytest.raises(PublicationRefused, match="fewer than"):  # the 2 real reports alone are too few
        publish()
    assert "synthetic demonstration data" not in client.get("/en/insight/").content.decode()


def test_charts_are_deterministic_and_need_no_inline_style() -> None:
    from meldpunt.insight.charts import _drawn

    args = ("t", "Reports & more", ("a", "b"), (7, None), "<5", True)
    svg = _drawn.__wrapped__(*args)
    assert svg == _drawn.__wrapped__(*args)
    assert "style" not in svg
    assert re.findall(r'<title id="chart-t-title">Reports &amp; more</title>', svg)
    colours = set(re.findall(r'(?:fill|stroke)="([^"]*)"', svg))
    assert all(re.fullmatch(r"#[0-9a-f]{6}|none", colour) for colour in colours), colours
    ids = set(re.findall(r'id="([^"]*)"', svg))
    references = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg))
    assert references <= ids
    assert all(name.startswith("chart-t-") for name in ids)
    assert "&lt;5" in svg  # the suppressed bar is marked, not drawn
