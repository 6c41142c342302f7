"""Contradictions: opposing statements on one subject side by side, and events that cannot both hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from meldpunt.accounts.models import Role
from meldpunt.knowledge.models import Actor, Event, Statement
from meldpunt.knowledge.selectors import event_conflicts, statement_conflicts
from meldpunt.knowledge.services import record_create, record_retire
from tests.conftest import Staff, logged_in
from tests.knowledge.factories import passage_citation, place, reference_citation, station, text_source

pytestmark = pytest.mark.django_db


def statement(speaker: str, stance: str, subject: str = "", **values: Any) -> Statement:
    fields = {"speaker_name": speaker, "stance": stance, "quote": f"{speaker} on it", "subject": subject, **values}
    record = record_create(
        record_type="statement", values=fields, citations=[reference_citation(speaker)], acting_user=None
    )
    assert isinstance(record, Statement)
    return record


def event(kind: str, date: str, **values: Any) -> Event:
    record = record_create(
        record_type="event",
        values={"kind": kind, "date": date, **values},
        citations=[reference_citation()],
        acting_user=None,
    )
    assert isinstance(record, Event)
    return record


def test_opposite_stances_on_the_same_folded_subject_conflict() -> None:
    asserting = statement("Safeguard Defenders", "asserts", "Police station  in Rotterdam")
    denying = statement("Embassy spokesperson", "denies", "police station in rotterdam")
    statement("Embassy spokesperson", "denies", "Something else")
    [conflict] = statement_conflicts()
    assert (conflict.asserting, conflict.denying) == ([asserting], [denying])


def test_the_same_subject_actor_groups_statements_whatever_their_subject_text() -> None:
    rotterdam = station()
    asserting = statement("NGO", "asserts", "the station", subject_actor=rotterdam)
    denying = statement("Ministry", "denies", "volunteer centre", subject_actor=rotterdam)
    [conflict] = statement_conflicts()
    assert conflict.subject == rotterdam.name
    assert (conflict.asserting, conflict.denying) == ([asserting], [denying])


def test_agreeing_or_retired_statements_do_not_conflict() -> None:
    statement("NGO", "asserts", "the station")
    statement("Newspaper", "asserts", "the station")
    record_retire(record=statement("Ministry", "denies", "the station"), reason="misquoted", acting_user=None)
    assert statement_conflicts() == []


def test_one_kind_of_event_at_one_place_on_different_dates_conflicts() -> None:
    rotterdam, amsterdam = place("Rotterdam"), place("Amsterdam", latitude=52.37, longitude=4.89)
    early, late = event("closed", "2022-11", place=rotterdam), event("closed", "2022-12-01", place=rotterdam)
    event("closed", "2022-11", place=amsterdam)
    event("established", "2018", place=rotterdam)
    [conflict] = event_conflicts()
    assert (conflict.reason, sorted(e.pk for e in conflict.events)) == ("dates", sorted([early.pk, late.pk]))


def test_an_operating_station_with_a_closing_event_conflicts() -> None:
    operating = station("Station Amsterdam", status="operating")
    closed = station("Station Rotterdam", status="closed")
    closing = event("closed", "2022-11", actors=[operating])
    event("closed", "2022-11", actors=[closed])
    [conflict] = event_conflicts()
    assert (conflict.reason, conflict.station, conflict.events) == ("station", operating, [closing])


def test_the_page_shows_both_sides_with_speakers_and_citations(make_staff: Callable[..., Staff]) -> None:
    source = text_source()
    statement("Municipality", "asserts", "The office", quote="the office in the city centre had closed")
    record_create(
        record_type="statement",
        values={
            "speaker_name": "Embassy spokesperson",
            "stance": "denies",
            "quote": "no station",
            "subject": "the office",
        },
        citations=[passage_citation(source, "denied that any police station operated there")],
        acting_user=None,
    )
    operating = station("Station Amsterdam", status="operating")
    event("closed", "2022-11", actors=[operating])
    client = logged_in(make_staff("ann", role=Role.ANALYST, default_recipient=False))
    page = client.get("/staff/knowledge/contradictions/").content.decode()
    assert "Municipality" in page
    assert "Embassy spokesperson" in page
    assert "<q>denied that any police station operated there</q>" in page
    assert "Example Watch: Stations abroad" in page
    assert f"/staff/knowledge/actors/{operating.pk}/" in page
    assert page.index("Municipality") < page.index("Embassy spokesperson")
    assert Actor.objects.filter(status="operating").count() == 1
