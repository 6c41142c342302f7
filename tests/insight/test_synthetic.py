from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest
from django.core.management import call_command

from meldpunt.accounts.escrow import escrow_init
from meldpunt.accounts.models import Role
from meldpunt.correlate.models import ClusterMember
from meldpunt.insight.models import Tally
from meldpunt.insight.services import tally_refresh
from meldpunt.intake import synthetic
from meldpunt.intake.models import KeyGrant, Report, ReportIdentifier
from meldpunt.intake.synthetic import synthetic_reports, synthetic_reports_create
from meldpunt.vocab import concept
from tests.conftest import Staff, logged_in

TODAY = date(2026, 11, 24)


def _tally() -> set[tuple[str, str, str, int]]:
    return set(Tally.objects.filter(count__gt=0).values_list("dimension", "key", "month", "count"))


def assert_tally_is_a_recount() -> None:
    kept = _tally()
    tally_refresh()
    assert kept == _tally()
    assert any(dimension == "synthetic" for dimension, *_ in kept)  # pages can say demo reports are counted


BADGE = re.compile(r'<strong class="badge synthetic">synthetic</strong>')


def test_the_same_seed_gives_the_same_reports_and_another_seed_others() -> None:
    first = synthetic_reports(count=200, seed=7, today=TODAY)
    assert first == synthetic_reports(count=200, seed=7, today=TODAY)
    assert first != synthetic_reports(count=200, seed=8, today=TODAY)


def test_reports_are_plausible_and_within_the_vocabularies() -> None:
    reports = synthetic_reports(count=2_000, seed=1, today=TODAY)
    communities = concept("communities")
    months = {r.raw["incident_month"] for r in reports} - {""}
    assert len(months) == 24
    assert min(months) == "2024-12"
    assert max(months) == "2026-11"
    assert all(r.created_on <= TODAY for r in reports)
    assert {r.province for r in reports} - {""} == set(concept("provinces").ids())
    consenting = sum(r.raw["consents"]["statistics"] for r in reports) / len(reports)
    assert 0.75 < consenting < 0.95
    for report in reports:
        assert 1 <= len(report.raw["tactics"]) <= 4
        assert set(report.raw["tactics"]) <= set(concept("tactics").ids())
        if report.raw["community"]:
            assert report.raw["origin_state"] == communities.get(report.raw["community"]).extra.get("origin_state", "")
    shared = Counter(i["value"] for r in reports for i in r.raw["identifiers"] if i["kind"] != "phone")
    assert max(shared.values()) >= 20  # campaigns form, and some are large


@pytest.fixture
def team(make_staff: Callable[..., Staff]) -> dict[str, Staff]:
    team = {"hanna": make_staff("hanna"), "sam": make_staff("sam", role=Role.SUPERVISOR, default_recipient=False)}
    escrow_init(supervisor=team["sam"].user)
    return team


@pytest.mark.django_db
def test_reports_go_through_the_reporter_path_and_are_marked(team: dict[str, Staff]) -> None:
    assert synthetic_reports_create(count=40, seed=3, today=TODAY) == 40
    drawn = synthetic_reports(count=40, seed=3, today=TODAY)
    stored = list(Report.objects.order_by("pk"))
    assert [r.synthetic for r in stored] == [True] * 40
    assert [(r.created_on, r.province, sorted(r.tactics)) for r in stored] == [
        (d.created_on, d.province, d.raw["tactics"]) for d in drawn
    ]
    assert KeyGrant.objects.filter(recipient=team["hanna"].user).count() == 40
    assert ReportIdentifier.objects.exists()
    assert ClusterMember.objects.exists()  # shared identifiers linked reports into campaigns
    assert_tally_is_a_recount()


@pytest.mark.django_db
def test_the_bulk_path_writes_the_same_data_shape(team: dict[str, Staff], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(synthetic, "BULK_ABOVE", 10)
    synthetic_reports_create(count=60, seed=3, today=TODAY)
    drawn = synthetic_reports(count=60, seed=3, today=TODAY)
    stored = list(Report.objects.order_by("pk"))
    assert [(r.synthetic, r.created_on, r.province, sorted(r.tactics), r.community) for r in stored] == [
        (True, d.created_on, d.province, d.raw["tactics"], d.raw["community"]) for d in drawn
    ]
    assert all(bytes(r.payload) and r.escrow_sealed_key for r in stored)
    assert KeyGrant.objects.filter(recipient=team["hanna"].user).count() == 60
    assert ClusterMember.objects.exists()
    assert_tally_is_a_recount()


@pytest.mark.django_db
def test_synthetic_reports_are_labelled_on_every_staff_page(
    team: dict[str, Staff], submit: Callable[..., object]
) -> None:
    submit(narrative="a real account")
    real = Report.objects.get()
    synthetic_reports_create(count=2, seed=5, today=TODAY)
    made = Report.objects.filter(synthetic=True).first()
    assert made is not None
    handler, supervisor = logged_in(team["hanna"]), logged_in(team["sam"])

    inbox = handler.get("/staff/cases/").content.decode()
    assert len(BADGE.findall(inbox)) == 2
    assert BADGE.search(handler.get(f"/staff/cases/reports/{made.pk}/").content.decode())
    assert not BADGE.search(handler.get(f"/staff/cases/reports/{real.pk}/").content.decode())
    assert len(BADGE.findall(supervisor.get("/staff/cases/overview/").content.decode())) == 2
    assert BADGE.search(supervisor.get(f"/staff/cases/overview/{made.pk}/").content.decode())
    assert not BADGE.search(supervisor.get(f"/staff/cases/overview/{real.pk}/").content.decode())


@pytest.mark.django_db
def test_demo_adds_synthetic_reports_once(team: dict[str, Staff]) -> None:
    call_command("demo", synthetic=5, seed=11)
    call_command("demo", synthetic=5, seed=11)
    assert Report.objects.filter(synthetic=True).count() == 5
    assert Report.objects.filter(synthetic=False).count() == 3  # the demo's own reports stay unmarked
