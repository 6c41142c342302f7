"""The public figures are publications of closed, disjoint periods, never live: a report that arrives
after a publication changes nothing a visitor can fetch (page, API, downloads), a published period is
never revised, and no two publications share a month, so neither two visits nor two publications
can be subtracted to single a report out. A period holding fewer than PERIOD_MINIMUM reports is not
published on its own but with the quarters after it. A publication shows the disclosure control
decided when it was made. The staff dashboard stays live for supervisors only."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client

from meldpunt.accounts.models import Role
from meldpunt.insight.models import PublishedMonth, PublishedSnapshot
from meldpunt.insight.periodic.period import period_parse
from meldpunt.insight.selectors import Counts, dashboard, published_dashboard
from meldpunt.insight.services import PERIOD_MINIMUM, PublicationRefused, periods_due, tally_refresh
from meldpunt.intake.models import Report
from tests.conftest import Staff, logged_in
from tests.insight.test_aggregates import make_report, publish, random_reports
from tests.insight.test_dashboards import SLUGS, table_numbers

pytestmark = pytest.mark.django_db

PAGE = "/en/insight/"
API = "/api/v1/insight/"


def reports(count: int, **metadata: object) -> None:
    for _ in range(count):
        make_report(**metadata)


def public_figures(client: Client, **query: str) -> dict[str, bytes]:
    """Everything a visitor can fetch: the page, the API and every table as CSV and JSON."""
    fetched = {"page": client.get(PAGE, query).content, "api": client.get(API, query).content}
    for slug in SLUGS:
        for kind in ("csv", "json"):
            response = client.get("/en/insight/download/", {"table": slug, "format": kind, **query})
            assert response.status_code == 200
            fetched[f"{slug}.{kind}"] = response.content
    return fetched


def test_a_report_after_publication_changes_no_public_figure(client: Client, submit: Callable[..., object]) -> None:
    random_reports(80, seed=3)  # received in 2026Q1
    publish()
    before = public_figures(client)
    live_before = dashboard(exact=True).months.total
    for _ in range(6):  # received today: a period not yet ended
        submit(tactics=["assault"], origin_state="ER", community="eritrean", province="zeeland")
    assert dashboard(exact=True).months.total == (live_before or 0) + 6  # the tally is live
    assert public_figures(client) == before  # byte for byte

    for _ in range(7):  # even rows written into the published period later (a restore) change nothing
        make_report(created_on=date(2026, 2, 3), province="utrecht")
    tally_refresh()
    assert public_figures(client) == before

    reports(PERIOD_MINIMUM, created_on=date(2026, 4, 1))
    publish("2026Q2")
    after = public_figures(client)
    assert after["page"] != before["page"]
    assert client.get(API).json()["period"]["period"] == "2026Q2"
    again = public_figures(client, period="2026Q1")
    unchanged = set(before) - {"page", "api", "months_published.csv", "months_published.json"}  # the series grew
    assert {name: again[name] for name in unchanged} == {name: before[name] for name in unchanged}


def test_a_period_is_published_only_once_it_has_ended() -> None:
    reports(PERIOD_MINIMUM)
    with pytest.raises(PublicationRefused, match="has not ended"):
        publish("2026Q1", today=date(2026, 3, 31))
    assert not PublishedSnapshot.objects.exists()
    publish("2026Q1", today=date(2026, 4, 1))
    assert PublishedSnapshot.objects.get().period == "2026Q1"


@pytest.mark.parametrize(
    ("again", "reason"),
    [("2026Q1", "never revised"), ("2026-02", "overlaps 2026Q1"), ("2026", "overlaps 2026Q1")],
)
def test_publications_never_share_a_month(again: str, reason: str) -> None:
    random_reports(20, seed=2)
    publish("2026Q1")
    with pytest.raises(PublicationRefused, match=reason):
        publish(again, today=date(2027, 1, 1))
    assert list(PublishedSnapshot.objects.values_list("period", flat=True)) == ["2026Q1"]
    assert sorted(PublishedMonth.objects.values_list("month", flat=True)) == ["2026-01", "2026-02", "2026-03"]


def test_the_database_refuses_a_month_in_two_publications() -> None:
    reports(PERIOD_MINIMUM)
    first = publish("2026Q1")
    other = PublishedSnapshot.objects.create(
        number=2,
        period="2026-02",
        first_month="2026-02",
        last_month="2026-02",
        published_on=date(2026, 11, 1),
        counts={},
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PublishedMonth.objects.create(month="2026-02", publication=other)
    assert PublishedMonth.objects.get(month="2026-02").publication == first


def test_a_period_with_too_few_reports_is_refused_whatever_its_tables_would_show(client: Client) -> None:
    reports(PERIOD_MINIMUM - 1, province="zeeland", community="uyghur", origin_state="CN")
    with pytest.raises(PublicationRefused, match=f"fewer than {PERIOD_MINIMUM} consenting reports"):
        publish("2026Q1")
    make_report(created_on=date(2026, 3, 2), consent_statistics=False)  # not counted: still too few
    with pytest.raises(PublicationRefused, match="--period 2026Q1-YYYYQn"):
        publish("2026Q1")
    assert not PublishedSnapshot.objects.exists()
    assert not PublishedMonth.objects.exists()
    reports(1, created_on=date(2026, 5, 2))
    publish("2026Q1-2026Q2")
    published = published_dashboard()
    assert published is not None
    assert published.period.label == "2026Q1-2026Q2"
    assert published.board.months.total == PERIOD_MINIMUM
    assert sorted(PublishedMonth.objects.values_list("month", flat=True)) == [f"2026-0{m}" for m in range(1, 7)]
    html = client.get(PAGE, {"period": "2026q1-2026q2"}).content.decode()
    assert "Figures for 2026Q1-2026Q2: the reports received from 2026-01 to 2026-06" in html
    assert "at least 10 reports" in html


def test_quiet_quarters_are_due_together_with_the_quarters_after_them() -> None:
    reports(3, created_on=date(2025, 11, 5))
    reports(PERIOD_MINIMUM, created_on=date(2026, 1, 5))
    publish("2026-01")
    reports(3, created_on=date(2026, 5, 5))
    reports(PERIOD_MINIMUM, created_on=date(2026, 5, 6), synthetic=True)  # never mixed with real ones
    reports(PERIOD_MINIMUM - 3, created_on=date(2026, 8, 5))
    reports(PERIOD_MINIMUM, created_on=date(2026, 11, 5))  # in a quarter not yet ended

    due = periods_due(today=date(2026, 10, 1))
    assert [period.label for period in due.periods] == ["2026Q2-2026Q3"]  # 3 real, then 7 more
    assert [period.label for period in due.held] == ["2025Q4"]  # 2026Q1 shares January with a publication
    early = periods_due(today=date(2026, 7, 1))
    assert (early.periods, [period.label for period in early.held]) == ([], ["2025Q4", "2026Q2"])
    assert periods_due(today=date(2025, 12, 31)).periods == periods_due(today=date(2025, 12, 31)).held == []

    Report.objects.filter(synthetic=False, created_on__gte=date(2026, 4, 1)).delete()  # Q2 and Q3: demo only
    assert [period.label for period in periods_due(today=date(2026, 10, 1)).periods] == ["2026Q2"]
    assert periods_due(today=date(2026, 10, 1), synthetic=False).periods == []


def test_synthetic_reports_are_never_counted_beside_real_ones() -> None:
    reports(PERIOD_MINIMUM, province="utrecht")
    reports(6, province="zeeland", synthetic=True)
    publish()
    published = published_dashboard()
    assert published is not None
    assert published.board.synthetic == 0
    assert {row.key: row.count for row in published.board.provinces.rows if row.count} == {"utrecht": PERIOD_MINIMUM}

    reports(PERIOD_MINIMUM, province="zeeland", synthetic=True, created_on=date(2026, 5, 1))
    publish("2026Q2")  # demo data alone: counted, and labelled
    demo = published_dashboard()
    assert demo is not None
    assert demo.board.synthetic == demo.board.months.total == PERIOD_MINIMUM


def test_the_command_publishes_every_ended_quarter_once(capsys: pytest.CaptureFixture[str]) -> None:
    reports(PERIOD_MINIMUM, created_on=date(2026, 1, 5))
    reports(2, created_on=date(2026, 4, 5))
    expected = [period.label for period in periods_due().periods]
    assert expected[0] == "2026Q1"
    call_command("insight", "publish")
    assert sorted(PublishedSnapshot.objects.values_list("period", flat=True)) == expected
    call_command("insight", "publish")
    out = capsys.readouterr().out
    assert "no ended quarter ready to publish" in out
    assert f"held back: fewer than {PERIOD_MINIMUM} consenting reports" in out
    assert PublishedSnapshot.objects.count() == len(expected)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "2026Q1"], "never revised"),
        (["--period", "2026-03"], "overlaps 2026Q1"),
        (["--period", "spring"], "Unknown period"),
        (["--period", "2999Q1"], "has not ended"),
        (["--period", "2026Q2"], f"fewer than {PERIOD_MINIMUM}"),
        (["--period", "2026Q2-2026Q1"], "Unknown period"),
    ],
)
def test_the_command_refuses_what_may_not_be_published(arguments: list[str], message: str) -> None:
    reports(PERIOD_MINIMUM)
    publish("2026Q1")
    with pytest.raises(CommandError, match=message):
        call_command("insight", "publish", *arguments)
    assert PublishedSnapshot.objects.count() == 1


def test_the_page_states_the_period_and_links_the_others(client: Client) -> None:
    random_reports(40, seed=5)
    reports(PERIOD_MINIMUM, created_on=date(2026, 4, 2))
    publish()
    publish("2026Q2")
    html = client.get(PAGE).content.decode()
    assert "Figures for 2026Q2: the reports received from 2026-04 to 2026-06" in html
    assert '<a href="?period=2026Q1">2026Q1</a>' in html
    assert '<strong aria-current="page">2026Q2</strong>' in html
    older = client.get(PAGE, {"period": "2026q1"}).content.decode()
    assert "Figures for 2026Q1" in older
    assert client.get(PAGE, {"period": "2026Q3"}).status_code == 404
    body = client.get(API, {"period": "2026Q1"}).json()
    assert body["period"] == {
        "period": "2026Q1",
        "first_month": "2026-01",
        "last_month": "2026-03",
        "published_on": "2026-11-24",
    }
    assert [each["period"] for each in body["periods"]] == ["2026Q2", "2026Q1"]
    assert client.get(API, {"period": "2026Q3"}).status_code == 404


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
    assert body["period"] is None
    assert body["tables"] == body["cross_tables"] == []
    assert client.get("/en/insight/download/", {"table": "months", "format": "csv"}).status_code == 404


def test_the_staff_dashboard_stays_live_for_supervisors(make_staff: Callable[..., Staff]) -> None:
    reports(PERIOD_MINIMUM, province="utrecht")
    publish()
    supervisor = logged_in(make_staff("sam", role=Role.SUPERVISOR, default_recipient=False))
    utrecht = r"<th scope=\"row\">Utrecht</th><td>(.*?)</td>"
    assert re.search(utrecht, supervisor.get("/staff/insight/").content.decode()).group(1) == "10"  # type: ignore[union-attr]
    reports(3, province="utrecht")
    live = supervisor.get("/staff/insight/").content.decode()
    assert re.search(utrecht, live).group(1) == "13"  # type: ignore[union-attr]
    assert "Live figures" in live


@pytest.mark.parametrize("role", [Role.HANDLER, Role.ANALYST, Role.ADMIN])
def test_roles_but_supervisors_see_published_figures_only(make_staff: Callable[..., Staff], role: Role) -> None:
    """Live figures would let them compare two visits, or subtract the published periods from them."""
    member = logged_in(make_staff("ann", role=role, default_recipient=False))
    make_report(province="utrecht")
    before = member.get("/staff/insight/").content.decode()
    assert "none have been published yet" in before
    assert table_numbers(before) == []
    reports(PERIOD_MINIMUM - 1, province="utrecht")
    publish()
    first = member.get("/staff/insight/").content.decode()
    assert "Published figures for 2026Q1" in first
    assert "Live figures" not in first
    utrecht = r"<th scope=\"row\">Utrecht</th><td>(.*?)</td>"
    assert re.search(utrecht, first).group(1) == str(PERIOD_MINIMUM)  # type: ignore[union-attr]
    reports(4, province="utrecht", created_on=date(2026, 11, 2))
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')  # the logout form's token varies
    assert csrf.sub("", member.get("/staff/insight/").content.decode()) == csrf.sub("", first)
    assert member.get("/staff/insight/", {"period": "2026Q2"}).status_code == 404


def test_a_publication_holds_the_tables_the_live_counts_gave_for_its_period() -> None:
    random_reports(120, seed=8)
    make_report(created_on=date(2026, 4, 9))  # outside the period
    live = dashboard(exact=False, months=("2026-01", "2026-03"))
    publish()
    published = published_dashboard()
    assert published is not None
    assert published.board == live
    counted = Report.objects.filter(consent_statistics=True, created_on__lt=date(2026, 4, 1)).count()
    assert published.board.months.total == counted


def test_a_publication_counts_the_report_rows_not_a_stale_tally() -> None:
    random_reports(40, seed=4)
    Report.objects.update(province="utrecht")  # no signal: the tally still holds the old provinces
    snapshot = publish()
    published = published_dashboard()
    assert published is not None
    provinces = {row.key: row.count for row in published.board.provinces.rows if row.count}
    assert provinces == {"utrecht": Report.objects.filter(consent_statistics=True).count()}
    assert snapshot.counts["tally"] == Counts.from_rows(snapshot.counts).rows()["tally"]


def test_synthetic_reports_can_be_left_out_of_a_publication() -> None:
    reports(PERIOD_MINIMUM, province="zeeland", synthetic=True)
    with pytest.raises(CommandError, match=f"fewer than {PERIOD_MINIMUM}"):
        call_command("insight", "publish", "--period", "2026Q1", "--without-synthetic")
    reports(PERIOD_MINIMUM, province="utrecht", synthetic=True, created_on=date(2026, 4, 1))
    reports(PERIOD_MINIMUM, province="utrecht", created_on=date(2026, 5, 1))
    call_command("insight", "publish", "--period", "2026Q2", "--without-synthetic")
    published = published_dashboard()
    assert published is not None
    assert published.board.synthetic == 0
    assert {row.key: row.count for row in published.board.provinces.rows if row.count} == {"utrecht": PERIOD_MINIMUM}
    with pytest.raises(CommandError, match="go with publish only"):
        call_command("insight", "refresh", "--without-synthetic")


def test_a_publication_shows_the_control_decided_when_it_was_made() -> None:
    """Replayed, not protected again: what the publication stored is what is shown, even where the
    method would now decide otherwise; a table it holds no decision for is withheld whole."""
    reports(PERIOD_MINIMUM, province="utrecht")
    snapshot = publish()
    decided = snapshot.counts["control"]
    shown = next(cell for cell in decided["provinces"]["cells"] if cell[0] == "utrecht")
    assert shown[1] == PERIOD_MINIMUM
    shown[1] = None  # as if a stricter method had suppressed it then
    del decided["tactics:assault"]
    snapshot.save()
    board = published_dashboard()
    assert board is not None
    assert next(row for row in board.board.provinces.rows if row.key == "utrecht").count is None
    assert next(row for row in board.board.tactics.rows if row.key == "assault").count is None
    assert board.board.provinces.total == PERIOD_MINIMUM
    assert {row.key: row.count for row in board.board.months.rows} == {"2026-01": 0, "2026-02": 0, "2026-03": 10}


def test_the_months_of_every_publication_form_one_series_with_its_trend() -> None:
    for month, number in (((2025, 3), 11), ((2026, 2), 8), ((2026, 3), 12), ((2026, 4), 2), ((2026, 5), 9)):
        for _ in range(number):
            make_report(created_on=date(*month, 9))
    publish("2025Q1")
    publish("2026Q1")
    publish("2026Q2")
    latest = published_dashboard()
    assert latest is not None
    series = {row.key: row.count for row in latest.series.rows}
    assert series["2025-03"] == 11
    assert (series["2026-02"], series["2026-03"]) == (8, 12)
    assert series["2026-04"] is None  # 2 reports: suppressed in its publication
    assert "2025-04" not in series  # not published: not shown as a zero
    assert latest.series.total is None
    q1 = published_dashboard("2026Q1")
    assert q1 is not None
    assert q1.trend is not None
    assert (q1.trend.month, q1.trend.count, q1.trend.month_on_month, q1.trend.year_on_year) == ("2026-03", 12, 4, 1)
    assert period_parse("2026Q1").following().label == "2026Q2"
