"""The public figures are a snapshot frozen when published, never live: a report that arrives after
a publication changes nothing a visitor can fetch (page, API, downloads) until the next publication,
so comparing two visits can not single it out. The staff dashboard stays live."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client

from meldpunt.accounts.models import Role
from meldpunt.insight.models import PublishedSnapshot
from meldpunt.insight.selectors import dashboard, published_dashboard
from meldpunt.insight.services import snapshot_publish
from tests.conftest import Staff, logged_in
from tests.insight.test_aggregates import make_report, random_reports
from tests.insight.test_dashboards import SLUGS, table_numbers

pytestmark = pytest.mark.django_db

PAGE = "/en/insight/"
API = "/api/v1/insight/"


def public_figures(client: Client) -> dict[str, bytes]:
    """Everything a visitor can fetch: the page, the API and every table as CSV and JSON."""
    fetched = {"page": client.get(PAGE).content, "api": client.get(API).content}
    for slug in SLUGS:
        for kind in ("csv", "json"):
            response = client.get("/en/insight/download/", {"table": slug, "format": kind})
            assert response.status_code == 200
            fetched[f"{slug}.{kind}"] = response.content
    return fetched


def test_a_report_after_publication_changes_no_public_figure(client: Client, submit: Callable[..., object]) -> None:
    random_reports(80, seed=3)
    snapshot_publish(today=date(2026, 10, 1))
    before = public_figures(client)
    live_before = dashboard(exact=True).months.total
    for _ in range(6):  # a new month with enough reports to be shown once published
        submit(tactics=["assault"], origin_state="ER", community="eritrean", province="zeeland")
    assert dashboard(exact=True).months.total == (live_before or 0) + 6  # the tally is live
    assert public_figures(client) == before  # byte for byte

    snapshot_publish(today=date(2026, 11, 1))
    after = public_figures(client)
    assert after["page"] != before["page"]
    assert after["api"] != before["api"]
    assert after["months.csv"] != before["months.csv"]
    assert client.get(API).json()["published_on"] == "2026-11-01"


def test_the_page_states_the_date_of_its_figures(client: Client) -> None:
    random_reports(40, seed=5)
    call_command("insight", "publish")
    published = published_dashboard()
    assert published is not None
    assert published.number == 1
    html = client.get(PAGE).content.decode()
    assert "Figures as of" in html
    assert client.get(API).json()["published_on"] == published.published_on.isoformat()
    call_command("insight", "publish")
    assert list(PublishedSnapshot.objects.values_list("number", flat=True).order_by("number")) == [1, 2]


def test_before_the_first_publication_no_figure_is_shown(client: Client) -> None:
    random_reports(80, seed=6)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "not been published yet" in html
    assert table_numbers(html) == []
    assert 'role="img"' not in html
    body = client.get(API).json()
    assert body["published_on"] is None
    assert body["tables"] == body["cross_tables"] == []
    assert client.get("/en/insight/download/", {"table": "months", "format": "csv"}).status_code == 404


def test_the_staff_dashboard_stays_live(make_staff: Callable[..., Staff]) -> None:
    for _ in range(9):
        make_report(province="utrecht", incident_month="2026-03")
    snapshot_publish()
    supervisor = logged_in(make_staff("sam", role=Role.SUPERVISOR, default_recipient=False))
    analyst = logged_in(make_staff("ann", role=Role.ANALYST, default_recipient=False))
    utrecht = r"<th scope=\"row\">Utrecht</th><td>(.*?)</td>"
    assert re.search(utrecht, supervisor.get("/staff/insight/").content.decode()).group(1) == "9"  # type: ignore[union-attr]
    for _ in range(3):
        make_report(province="utrecht", incident_month="2026-03")
    assert re.search(utrecht, supervisor.get("/staff/insight/").content.decode()).group(1) == "12"  # type: ignore[union-attr]
    assert re.search(utrecht, analyst.get("/staff/insight/").content.decode()).group(1) == "12"  # type: ignore[union-attr]
    assert "Figures as of" not in analyst.get("/staff/insight/").content.decode()


def test_a_snapshot_rebuilds_the_tables_the_live_counts_gave(client: Client) -> None:
    random_reports(120, seed=8)
    live = dashboard(exact=False)
    snapshot_publish()
    published = published_dashboard()
    assert published is not None
    assert published.board == live
