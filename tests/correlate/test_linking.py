"""Campaigns found from the blind index equal the planted ones; numbers are stable; alerts fire."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meldpunt.correlate.linking import known_identifier_add, links_rebuild, report_link
from meldpunt.correlate.models import MEMBER_CAMPAIGN, Alert, AlertReason, Cluster, ClusterMember
from meldpunt.correlate.normalise import normalise
from meldpunt.correlate.selectors import bulk_lookup, campaign, campaign_resolve, campaigns
from meldpunt.crypto import Receipt
from meldpunt.intake.models import Report, ReportIdentifier
from meldpunt.intake.services import blind_index, reporter_session_open
from tests.conftest import Staff, logged_in

pytestmark = pytest.mark.django_db

# Planted campaigns: each a list of identifier rows, all meaning the same value written differently.
PLANTED: dict[str, list[dict[str, str]]] = {
    "station phone": [
        {"kind": "phone", "value": "+86 10 5555 0101"},
        {"kind": "phone", "value": "0086-10-5555-0101"},
        {"kind": "phone", "value": "+86 (10) 5555 0101"},
        {"kind": "phone", "value": "＋８６ １０ ５５５５ ０１０１"},
    ],
    "telegram officer": [
        {"kind": "telegram", "value": "@StationOfficerNL"},
        {"kind": "telegram", "value": "t.me/stationofficernl"},
        {"kind": "telegram", "value": "https://t.me/StationOfficerNL"},
    ],
    "name in two scripts": [
        {"kind": "person_name", "value": "张国华"},
        {"kind": "person_name", "value": "張國華"},
        {"kind": "person_name", "value": "Zhang Guohua"},
        {"kind": "person_name", "value": "Guohua ZHANG"},
    ],
    "e-mail": [
        {"kind": "email", "value": "Liaison.Desk@Example.ORG"},
        {"kind": "email", "value": "liaison.desk@example.org"},
    ],
}


def population(seed: int) -> tuple[list[dict[str, Any]], dict[str, set[int]]]:
    """Reports in a shuffled order: planted members plus singletons with identifiers of their own."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for name, variants in PLANTED.items():
        for variant in variants * 2:
            rows.append(
                {"campaign": name, "identifiers": [variant, {"kind": "email", "value": f"x{len(rows)}@own.nl"}]}
            )
    for n in range(25):
        rows.append({"campaign": None, "identifiers": [{"kind": "phone", "value": f"+31 6 {10_000_000 + n * 7919}"}]})
    rng.shuffle(rows)
    return rows, {name: set() for name in PLANTED}


def campaign_of_each_report() -> dict[int, int]:
    return dict(ClusterMember.objects.annotate(campaign=MEMBER_CAMPAIGN).values_list("report_id", "campaign"))


def found_clusters() -> set[frozenset[int]]:
    by_cluster: dict[int, set[int]] = {}
    for report_id, number in campaign_of_each_report().items():
        by_cluster.setdefault(number, set()).add(report_id)
    return {frozenset(members) for members in by_cluster.values()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_campaigns_found_equal_the_planted_ones(submit: Callable[..., Receipt], seed: int) -> None:
    rows, planted = population(seed)
    for row in rows:
        receipt = submit(identifiers=row["identifiers"])
        if row["campaign"]:
            planted[row["campaign"]].add(reporter_session_open(receipt_text=receipt.display()).report_id)
    expected = {frozenset(members) for members in planted.values()}
    assert found_clusters() == expected
    numbers_before = campaign_of_each_report()
    assert links_rebuild() == len(PLANTED)
    assert found_clusters() == expected
    assert campaign_of_each_report() == numbers_before


def test_a_bridging_report_merges_and_the_older_number_survives(submit: Callable[..., Receipt]) -> None:
    phone, handle = {"kind": "phone", "value": "+31 6 1111 2222"}, {"kind": "wechat", "value": "agent_zhou"}
    submit(identifiers=[phone])
    submit(identifiers=[phone])
    older = Cluster.objects.get().pk
    submit(identifiers=[handle])
    submit(identifiers=[handle])
    newer = Cluster.objects.exclude(pk=older).get().pk
    assert newer > older
    submit(identifiers=[phone, handle])
    assert set(campaign_of_each_report().values()) == {older}
    assert ClusterMember.objects.filter(cluster_id=newer).count() == 2  # folded, not moved
    assert campaign_resolve(newer) == older
    assert [(row.number, row.size) for row in campaigns()] == [(older, 5)]
    assert campaign(number=newer) is None
    assert len(campaign(number=older).members) == 5  # type: ignore[union-attr]
    assert bulk_lookup([("wechat", "agent_zhou")])[0].campaigns == (older,)


def _stored(*digests: str, days_ago: int = 0) -> int:
    """A report row with the given digests, linked as a submission would be (no crypto: links only)."""
    day = timezone.localdate() - timedelta(days=days_ago)
    report = Report.objects.create(
        locator_digest=secrets.token_hex(32),
        receipt_salt=bytes(16),
        receipt_verifier=bytes(32),
        receipt_sealed_key=bytes(72),
        language="en",
        created_on=day,
        last_activity_on=day,
        payload=b"",
        tactics=["direct_threat"],
    )
    ReportIdentifier.objects.bulk_create(ReportIdentifier(report=report, kind="phone", digest=d) for d in digests)
    report_link(report_id=report.pk)
    return report.pk


def _bridge(size: int) -> tuple[int, int, list[str]]:
    """Two campaigns of `size` reports, then a report holding both values: (older, newer, its SQL)."""
    first, second = f"first-{size}", f"second-{size}"
    for n in range(size):
        _stored(first, days_ago=100 + n)
    for _ in range(size):
        _stored(second)
    older, newer = Cluster.objects.filter(size=size).order_by("pk").values_list("pk", flat=True)
    bridging = _stored()
    ReportIdentifier.objects.bulk_create(
        ReportIdentifier(report_id=bridging, kind="phone", digest=d) for d in (first, second)
    )
    with CaptureQueriesContext(connection) as queries:
        report_link(report_id=bridging)
    return older, newer, [query["sql"] for query in queries]


def test_a_merge_costs_the_same_queries_whatever_the_campaign_sizes(settings: Any) -> None:
    settings.MELDPUNT = replace(settings.MELDPUNT, campaign_alert_size=1_000)
    _, _, small = _bridge(3)
    older, newer, large = _bridge(60)
    assert len(large) == len(small)
    member_writes = [
        sql for sql in large if "clustermember" in sql.lower() and sql.lstrip().startswith(("UPDATE", "DELETE"))
    ]
    assert not member_writes
    assert ClusterMember.objects.filter(cluster_id=newer).count() == 60  # folded, not moved
    live = Cluster.objects.get(pk=older)
    assert (live.size, live.merged_into_id) == (121, None)
    assert live.first_seen == timezone.localdate() - timedelta(days=159)
    assert live.last_seen == timezone.localdate()
    assert Cluster.objects.get(pk=newer).size == 0


def test_merged_numbers_point_straight_at_the_oldest_and_a_rebuild_agrees() -> None:
    a, b, c = (f"value-{n}" for n in "abc")
    for digest in (a, a, b, b, c, c):
        _stored(digest)
    oldest, middle, youngest = Cluster.objects.order_by("pk").values_list("pk", flat=True)
    _stored(b, c)  # youngest folds into middle
    _stored(a, b)  # middle, and with it youngest, fold into oldest
    assert dict(Cluster.objects.values_list("pk", "merged_into_id")) == {oldest: None, middle: oldest, youngest: oldest}
    assert campaign_resolve(youngest) == oldest
    before = campaign_of_each_report()
    assert set(before.values()) == {oldest}
    assert Cluster.objects.get(pk=oldest).size == 8
    assert links_rebuild() == 1
    assert campaign_of_each_report() == before
    assert Cluster.objects.get(pk=oldest).size == 8


def test_a_report_joining_a_campaign_and_a_lone_report() -> None:
    shared, lone = "shared-value", "lone-value"
    for _ in range(3):
        _stored(shared)
    number = Cluster.objects.get().pk
    _stored(lone)
    assert not Cluster.objects.exclude(pk=number).exists()
    joined = _stored(shared, lone)  # joins the campaign and brings the lone report with it
    assert Cluster.objects.get().size == 5
    assert len(campaign_of_each_report()) == 5
    assert campaign_of_each_report()[joined] == number


def test_storage_grows_with_occurrences_not_pairs(submit: Callable[..., Receipt]) -> None:
    for _ in range(30):
        submit(identifiers=[{"kind": "phone", "value": "+31 6 9999 0000"}])
    assert ReportIdentifier.objects.count() == 30  # k rows for a value in k reports, no pair table
    assert ClusterMember.objects.count() == 30


def test_known_actor_and_large_campaign_alerts(submit: Callable[..., Receipt], settings: Any) -> None:
    settings.MELDPUNT = replace(settings.MELDPUNT, campaign_alert_size=3)
    number = {"kind": "phone", "value": "+31 20 555 0199"}
    digest = blind_index().digest("phone", normalise("phone", number["value"]))
    first = submit(identifiers=[number])
    assert (
        known_identifier_add(kind="phone", digest=digest, actor_ref="knowledge.actor:1", actor_label="Station A") == 1
    )
    submit(identifiers=[number])
    assert Alert.objects.filter(reason=AlertReason.KNOWN_ACTOR).count() == 2
    assert not Alert.objects.filter(reason=AlertReason.LARGE_CAMPAIGN).exists()
    submit(identifiers=[number])
    assert Alert.objects.filter(reason=AlertReason.LARGE_CAMPAIGN).count() == 3  # the threshold was crossed
    assert reporter_session_open(receipt_text=first.display())


def test_duplicates_count_as_one_independent_source(handler: Staff, submit: Callable[..., Receipt]) -> None:
    number = [{"kind": "phone", "value": "+31 6 5555 1234"}]
    ids = [reporter_session_open(receipt_text=submit(identifiers=number).display()).report_id for _ in range(3)]
    client = logged_in(handler)
    assert client.post(f"/staff/campaigns/reports/{ids[2]}/duplicate/", {"duplicate_of": ids[1]}).status_code == 302
    row = campaigns()[0]
    assert (row.size, row.independent_sources) == (3, 2)


def test_link_values_only_for_grant_holders(make_staff: Callable[..., Staff], submit: Callable[..., Receipt]) -> None:
    handler = make_staff("hanna")
    number = [{"kind": "phone", "value": "+31 6 4444 1234"}]
    first = reporter_session_open(receipt_text=submit(identifiers=number).display()).report_id
    handler.user.default_recipient = False
    handler.user.save()
    make_staff("otto")  # the second report goes to otto only
    second = reporter_session_open(receipt_text=submit(identifiers=number).display()).report_id
    page = logged_in(handler).get(f"/staff/cases/reports/{first}/").content.decode()
    links = page.split('id="links"')[1].split("</div>")[0]
    assert f">{second}</a>" in links
    assert "+31 6 4444 1234" not in links  # hanna holds no grant on the second report


def test_bulk_lookup_counts_without_content(submit: Callable[..., Receipt], make_staff: Callable[..., Staff]) -> None:
    from meldpunt.accounts.models import Role

    submit(identifiers=[{"kind": "email", "value": "desk@example.org"}])
    submit(identifiers=[{"kind": "email", "value": "DESK@example.org"}])
    results = bulk_lookup([("email", "desk@example.org"), ("email", "nobody@example.org"), ("phone", "not a number")])
    assert [r.reports for r in results[:2]] == [2, 0]
    assert results[0].campaigns
    analyst = make_staff("ann", role=Role.ANALYST, default_recipient=False)
    page = logged_in(analyst).post("/staff/campaigns/lookup/", {"kind": "email", "values": "desk@example.org\n" * 3})
    assert page.status_code == 200
    assert page.content.decode().count("<bdi>desk@example.org</bdi>") == 3


def test_campaign_page_draws_an_svg_graph(handler: Staff, submit: Callable[..., Receipt]) -> None:
    for _ in range(2):
        submit(identifiers=[{"kind": "phone", "value": "+31 6 3333 1234"}])
    number = campaigns()[0].number
    page = logged_in(handler).get(f"/staff/campaigns/{number}/").content.decode()
    assert "<svg" in page
    assert page.count('class="report"') == 2
    assert "3333" not in page.split("<svg")[1].split("</svg>")[0]  # digests, never values, in the graph
    assert Client().get(f"/staff/campaigns/{number}/").status_code == 302


def test_identifier_found_in_text_is_confirmed_and_links(handler: Staff, submit: Callable[..., Receipt]) -> None:
    first = reporter_session_open(
        receipt_text=submit(narrative="He wrote from liaison.zeta@example.org again.", identifiers=[]).display()
    ).report_id
    second = reporter_session_open(
        receipt_text=submit(identifiers=[{"kind": "email", "value": "Liaison.Zeta@example.org"}]).display()
    ).report_id
    client = logged_in(handler)
    page = client.get(f"/staff/cases/reports/{first}/").content.decode()
    assert 'id="proposals"' in page
    assert "liaison.zeta@example.org" in page.split('id="proposals"')[1]
    response = client.post(
        f"/staff/campaigns/reports/{first}/identifiers/", {"kind": "email", "value": "liaison.zeta@example.org"}
    )
    assert response.status_code == 302
    assert {frozenset({first, second})} == found_clusters()
    page = client.get(f"/staff/cases/reports/{first}/").content.decode()
    assert "added by a handler" in page
    assert 'id="proposals"' not in page


def test_a_deleted_report_leaves_its_campaign_and_the_figures_follow() -> None:
    shared = "shared-by-three"
    first, *_rest, last = (_stored(shared, days_ago=days) for days in (30, 20, 10))
    number = Cluster.objects.get().pk
    Report.objects.get(pk=first).delete()  # as retention does: the member row cascades
    live = Cluster.objects.get(pk=number)
    assert (live.size, live.first_seen) == (2, timezone.localdate() - timedelta(days=20))
    assert not ClusterMember.objects.filter(report_id=first).exists()
    assert last in campaign_of_each_report()


def test_a_rebuild_from_no_campaigns_at_all_finds_them_with_their_figures() -> None:
    for digest, days in (("one", 5), ("one", 9), ("one", 7), ("two", 1), ("two", 2), ("alone", 3)):
        _stored(digest, days_ago=days)
    expected = found_clusters()
    ClusterMember.objects.all().delete()
    Cluster.objects.all().delete()  # as after an import: the index alone
    assert links_rebuild() == 2
    assert found_clusters() == expected
    today = timezone.localdate()
    figures = set(Cluster.objects.values_list("size", "first_seen", "last_seen"))
    ago = [today - timedelta(days=days) for days in range(10)]
    assert figures == {(3, ago[9], ago[5]), (2, ago[2], ago[1])}


def test_a_bridge_that_makes_a_campaign_large_alerts_every_member(settings: Any) -> None:
    settings.MELDPUNT = replace(settings.MELDPUNT, campaign_alert_size=5)
    for digest in ("left", "left", "right", "right"):
        _stored(digest)
    assert not Alert.objects.exists()
    bridge = _stored("left", "right")
    alerted = set(Alert.objects.filter(reason=AlertReason.LARGE_CAMPAIGN).values_list("report_id", flat=True))
    assert len(alerted) == 5
    assert bridge in alerted
    assert set(Alert.objects.values_list("cluster_id", flat=True)) == {Cluster.objects.get(merged_into=None).pk}
    _stored("left")  # a sixth: alerted alone, the others not twice
    assert Alert.objects.count() == 6
