"""The tally and the dashboard's tables: exact figures equal a direct recount of the consenting
reports, after submissions, reclassification and deletion; each dashboard read costs a fixed number
of queries; controlled figures never hold a count between 1 and the threshold."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from meldpunt.correlate.models import Cluster, ClusterMember
from meldpunt.insight import aggregates, selectors
from meldpunt.insight.disclosure import THRESHOLD
from meldpunt.insight.models import PublishedSnapshot, Tally
from meldpunt.insight.periodic.period import period_parse
from meldpunt.insight.services import snapshot_publish, tally_refresh
from meldpunt.intake.models import Report
from meldpunt.vocab import concept

pytestmark = pytest.mark.django_db

TACTICS = concept("tactics").ids()
PROVINCES = ("", *concept("provinces").ids()[:4])


def make_report(**metadata: Any) -> Report:
    """A report row with only the statistical metadata that matters here (ciphertext left empty)."""
    fields: dict[str, Any] = {
        "locator_digest": f"{random.getrandbits(128):032x}",
        "receipt_salt": b"s" * 16,
        "receipt_verifier": b"v" * 32,
        "receipt_sealed_key": b"k",
        "language": "en",
        "created_on": date(2026, 3, 14),
        "last_activity_on": date(2026, 3, 14),
        "payload": b"",
        "consent_statistics": True,
    }
    return Report.objects.create(**(fields | metadata))


PUBLISHED_ON = date(2026, 11, 24)


def publish(period: str = "2026Q1", *, today: date = PUBLISHED_ON) -> PublishedSnapshot:
    """Publish a closed period (random_reports and make_report fill 2026Q1 by default)."""
    return snapshot_publish(period=period_parse(period), today=today)


def random_reports(count: int, seed: int) -> list[Report]:
    rng = random.Random(seed)
    return [
        make_report(
            consent_statistics=rng.random() < 0.8,
            tactics=rng.sample(TACTICS, rng.randint(0, 3)),
            origin_state=rng.choice(["CN", "ER", "TR", ""]),
            community=rng.choice(["chinese", "uyghur", "eritrean", ""]),
            province=rng.choice(PROVINCES),
            incident_month=rng.choice(["", "2025-01", "2025-11", "2026-02"]),
            created_on=date(2026, rng.randint(1, 3), 1),
        )
        for _ in range(count)
    ]


def recount() -> dict[str, Counter[str]]:
    """The figures counted straight from the report rows, in Python."""
    counts: dict[str, Counter[str]] = {
        name: Counter() for name in ("month", "incident_month", "province", "tactic", "origin", "community")
    }
    for report in Report.objects.filter(consent_statistics=True):
        counts["month"][report.created_on.strftime("%Y-%m")] += 1
        counts["incident_month"][report.incident_month] += 1
        counts["province"][report.province] += 1
        counts["origin"][report.origin_state] += 1
        counts["community"][report.community] += 1
        counts["tactic"].update(set(report.tactics))
    return counts


def shown(table: aggregates.Table) -> Counter[str]:
    return Counter({row.key: row.count for row in table.rows if row.count})


def assert_equal_to_recount(board: selectors.Dashboard) -> None:
    expected = recount()
    assert shown(board.months) == +expected["month"]
    assert shown(board.incident_months) == +expected["incident_month"]
    assert shown(board.provinces) == +expected["province"]
    assert shown(board.tactics) == +expected["tactic"]
    assert shown(board.origin_states) == +expected["origin"]
    assert shown(board.communities) == +expected["community"]
    assert board.months.total == Report.objects.filter(consent_statistics=True).count()
    assert board.provinces.total == board.incident_months.total == board.months.total
    assert board.community_origin.total == board.months.total


def test_exact_figures_equal_a_recount_after_submission_reclassification_and_deletion() -> None:
    reports = random_reports(120, seed=7)
    assert_equal_to_recount(selectors.dashboard(exact=True))
    rng = random.Random(8)
    for report in rng.sample(reports, 30):  # a handler reclassifies, a reporter withdraws consent
        report.tactics = rng.sample(TACTICS, 2)
        report.province = rng.choice(PROVINCES)
        report.consent_statistics = not report.consent_statistics
        report.save()
    for report in rng.sample(reports, 20):
        report.delete()
    assert_equal_to_recount(selectors.dashboard(exact=True))


def test_refresh_recounts_what_bulk_writes_bypassed() -> None:
    random_reports(40, seed=3)
    before = sorted(Tally.objects.filter(count__gt=0).values_list("dimension", "key", "month", "count"))
    Report.objects.update(province="utrecht")  # no signal: the tally is now stale
    assert tally_refresh() == Report.objects.filter(consent_statistics=True).count()
    after = sorted(Tally.objects.values_list("dimension", "key", "month", "count"))
    assert after != before
    assert_equal_to_recount(selectors.dashboard(exact=True))


def test_a_save_of_other_fields_leaves_the_tally_alone() -> None:
    report = make_report(tactics=["assault"], province="utrecht")
    report.status = "open"
    report.save(update_fields=["status"])
    assert Tally.objects.get(dimension="province", key="utrecht").count == 1


def test_a_report_counts_in_the_month_received_and_its_incident_month_apart() -> None:
    make_report(incident_month="", created_on=date(2026, 1, 30))
    make_report(incident_month="2025-11", created_on=date(2026, 5, 2))
    board = selectors.dashboard(exact=True)
    assert {row.key: row.count for row in board.months.rows} == {
        "2026-01": 1,
        "2026-02": 0,
        "2026-03": 0,
        "2026-04": 0,
        "2026-05": 1,
    }
    assert {row.key: row.count for row in board.incident_months.rows} == {"2025-11": 1, "": 1}
    assert board.incident_months.total == board.months.total == 2


def test_non_consenting_reports_are_never_counted() -> None:
    make_report(consent_statistics=False, tactics=["assault"], province="utrecht")
    board = selectors.dashboard(exact=True)
    assert board.months.total == 0
    assert all(row.count == 0 for row in board.tactics.rows)


def test_tactics_are_not_additive_and_have_no_total() -> None:
    for _ in range(6):
        make_report(tactics=["assault", "direct_threat"])
    board = selectors.dashboard(exact=False)
    assert board.tactics.total is None
    assert not board.tactics.additive
    assert {row.key: row.count for row in board.tactics.rows if row.count} == {"assault": 6, "direct_threat": 6}


def test_controlled_figures_hold_no_small_count() -> None:
    random_reports(90, seed=11)
    board = selectors.dashboard(exact=False)
    values = [row.count for table in board.report_tables for row in table.rows] + [
        table.total for table in board.report_tables
    ]
    values += [value for row in board.community_origin.rows for value in (*row.cells, row.total)]
    values += [column.count for column in board.community_origin.columns]
    assert not [value for value in values if value is not None and 0 < value < THRESHOLD]
    assert None in values  # the seed gives small cells: something was suppressed


def test_campaigns_are_counted_by_consenting_size_without_numbers() -> None:
    big, small, merged = Cluster.objects.create(size=7), Cluster.objects.create(size=2), Cluster.objects.create()
    merged.merged_into = big
    merged.save()
    for cluster, consents in ((big, [True] * 4), (merged, [True, True, False]), (small, [True, False])):
        for consent in consents:
            ClusterMember.objects.create(report=make_report(consent_statistics=consent), cluster=cluster)
    board = selectors.dashboard(exact=True)
    assert {row.key: row.count for row in board.campaigns.rows if row.count} == {"5-9": 1}  # 6 consenting
    assert [row.key for row in board.campaigns.rows] == ["2", "3-4", "5-9", "10-19", "20-49", "50+"]
    ClusterMember.objects.create(report=make_report(), cluster=small)  # a second consenting member
    board = selectors.dashboard(exact=True)
    assert {row.key: row.count for row in board.campaigns.rows if row.count} == {"2": 1, "5-9": 1}


def test_trend_compares_published_months() -> None:
    for month, number in (((2025, 3), 5), ((2026, 2), 8), ((2026, 3), 12)):
        for _ in range(number):
            make_report(created_on=date(*month, 9))
    trend = selectors.dashboard(exact=False).trend
    assert trend is not None
    assert (trend.month, trend.count, trend.month_on_month, trend.year_on_year) == ("2026-03", 12, 4, 7)


@pytest.mark.parametrize("exact", [True, False])
def test_the_dashboard_takes_a_fixed_number_of_queries(
    exact: bool, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    random_reports(60, seed=5)
    with django_assert_max_num_queries(6):
        selectors.dashboard(exact=exact)


@pytest.mark.parametrize(
    ("month", "back", "expected"), [("2026-03", 1, "2026-02"), ("2026-01", 1, "2025-12"), ("2026-03", 12, "2025-03")]
)
def test_previous_month(month: str, back: int, expected: str) -> None:
    assert aggregates.previous_month(month, back=back) == expected


def test_reports_submitted_through_the_intake_are_counted(submit: Callable[..., Any]) -> None:
    submit(tactics=["assault", "direct_threat"], community="uyghur", incident_month="2026-01")
    submit(consents={"replies": True, "statistics": False, "police_help": False})
    board = selectors.dashboard(exact=True)
    assert board.months.total == 1
    assert {row.key: row.count for row in board.communities.rows} == {"uyghur": 1}
    assert {row.key: row.count for row in board.origin_states.rows} == {"CN": 1}  # from the community
    assert shown(board.tactics) == Counter({"assault": 1, "direct_threat": 1})
