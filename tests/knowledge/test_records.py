"""Every fact cites its source: refused without a citation, with a wrong quote, or with a bad date."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import IntegrityError, transaction

from meldpunt.accounts.models import Role
from meldpunt.correlate.models import Alert, AlertReason
from meldpunt.crypto import Receipt
from meldpunt.intake.services import reporter_session_open
from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.models import (
    Actor,
    ActorAlias,
    ActorIdentifier,
    Citation,
    Event,
    Passage,
    RecordVersion,
    Statement,
)
from meldpunt.knowledge.services import (
    actor_identifier_add,
    citation_create,
    passage_create,
    record_create,
    record_merge,
    record_restore,
    record_retire,
    record_update,
    source_create,
)
from tests.conftest import Staff
from tests.knowledge.factories import TEXT, passage_citation, place, reference_citation, station, text_source

pytestmark = pytest.mark.django_db


def test_a_fact_without_a_citation_is_refused_by_the_service_and_by_the_database() -> None:
    with pytest.raises(KnowledgeError) as refused:
        record_create(record_type="actor", values={"kind": "official", "name": "X"}, citations=[], acting_user=None)
    assert refused.value.code == "citation_missing"
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(kind="official", name="Nobody cited")
    assert not Actor.objects.exists()


def test_a_citation_needs_a_passage_or_a_locator() -> None:
    source = source_create(kind="news", publisher="P", title="T")
    with pytest.raises(KnowledgeError) as refused:
        citation_create(source=source, locator="  ")
    assert refused.value.code == "citation_missing"
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=source, locator="")
    assert citation_create(source=source, locator="p. 4").locator == "p. 4"


def test_a_passage_must_quote_the_source_exactly() -> None:
    source = text_source()
    start = TEXT.index("had closed")
    with pytest.raises(KnowledgeError) as refused:
        passage_create(source=source, start=start, end=start + 10, quote="has closed")
    assert refused.value.code == "quote_mismatch"
    with pytest.raises(KnowledgeError) as outside:
        passage_create(source=source, start=len(TEXT) - 2, end=len(TEXT) + 5)
    assert outside.value.code == "offsets_out_of_range"
    assert passage_create(source=source, start=start, end=start + 10).quote == "had closed"


@pytest.mark.parametrize("text", [TEXT, "市政府周二表示，市中心的办公室已经关闭。ئىشخانا تاقالدى"])
def test_the_database_refuses_a_passage_that_does_not_match(text: str) -> None:
    source = text_source(text=text)
    start = len(text) - 8
    Passage.objects.create(source=source, start=start, end=len(text), quote=text[start:])  # code points agree
    with pytest.raises(IntegrityError), transaction.atomic():
        Passage.objects.create(source=source, start=0, end=5, quote=text[1:6])
    with pytest.raises(IntegrityError), transaction.atomic():
        Passage.objects.filter(source=source).update(quote="forged")


def test_a_quoted_source_text_cannot_change_and_the_same_text_is_one_source() -> None:
    source = text_source()
    passage_citation(source, "had closed")
    with pytest.raises(IntegrityError), transaction.atomic():
        type(source).objects.filter(pk=source.pk).update(text=TEXT.replace("closed", "opened"))
    assert text_source(title="Same text, other title") == source


@pytest.mark.parametrize("bad", ["2022-13", "22-11", "2022-02-30", "late 2022"])
def test_partial_dates_are_checked(bad: str) -> None:
    with pytest.raises(KnowledgeError) as refused:
        station(opened=bad)
    assert refused.value.code == "invalid_date"


@pytest.mark.parametrize("bad", ["22-11", "late 2022", "2022-1"])
def test_the_database_refuses_a_date_of_the_wrong_shape(bad: str) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=station().pk).update(opened=bad)


def test_a_partnership_has_exactly_one_party_per_side() -> None:
    rotterdam, shanghai = place(), place("Shanghai", country="CN", latitude=31.22, longitude=121.46)
    values = {
        "kind": "sister_city",
        "place_a": rotterdam,
        "place_b": shanghai,
        "status": "under_review",
        "start": "1979",
    }
    record_create(record_type="partnership", values=values, citations=[reference_citation()], acting_user=None)
    with pytest.raises(KnowledgeError) as refused:
        record_create(
            record_type="partnership",
            values={**values, "actor_b": station()},
            citations=[reference_citation()],
            acting_user=None,
        )
    assert refused.value.code == "invalid"


def test_status_belongs_to_stations_only_and_choices_are_checked() -> None:
    for values in ({"kind": "official", "name": "A", "status": "closed"}, {"kind": "spy", "name": "B"}):
        with pytest.raises(KnowledgeError):
            record_create(record_type="actor", values=values, citations=[reference_citation()], acting_user=None)


def test_every_change_is_kept_in_the_history(make_staff: Callable[..., Staff]) -> None:
    analyst = make_staff("ada", role=Role.ANALYST, default_recipient=False).user
    actor = station()
    record_update(record=actor, values={"status": "closed", "closed": "2022-11"}, acting_user=analyst)
    record_retire(record=actor, reason="duplicate entry", acting_user=analyst)
    record_restore(record=actor, acting_user=analyst)
    versions = list(RecordVersion.objects.filter(record_type="actor", record_id=actor.pk))
    assert [v.action for v in versions] == ["created", "edited", "retired", "restored"]
    assert [v.number for v in versions] == [1, 2, 3, 4]
    assert versions[0].snapshot["closed"] == ""
    assert versions[1].snapshot["closed"] == "2022-11"
    assert versions[1].user == analyst


def test_merging_moves_every_reference_and_points_the_duplicate_at_the_survivor() -> None:
    source = text_source()
    keep, duplicate = station("Station Rotterdam"), station("Rotterdam station")
    event = record_create(
        record_type="event",
        values={"kind": "closed", "date": "2022-11", "actors": [duplicate]},
        citations=[passage_citation(source, "had closed")],
        acting_user=None,
    )
    statement = record_create(
        record_type="statement",
        values={
            "speaker_name": "A spokesperson",
            "stance": "denies",
            "quote": "denied that any police station operated there",
            "subject": "Station Rotterdam",
            "subject_actor": duplicate,
        },
        citations=[passage_citation(source, "denied that any police station operated there")],
        acting_user=None,
    )
    record_merge(record_type="actor", source_id=duplicate.pk, target_id=keep.pk, acting_user=None)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert duplicate.retired
    assert list(Event.objects.get(pk=event.pk).actors.all()) == [keep]
    assert Statement.objects.get(pk=statement.pk).subject_actor == keep
    assert ActorAlias.objects.filter(actor=keep, name="Rotterdam station").exists()
    assert duplicate.citation in keep.more_citations.all()
    with pytest.raises(KnowledgeError):
        record_restore(record=duplicate, acting_user=None)


def test_a_station_phone_number_links_a_new_report_to_that_station(
    submit: Callable[..., Receipt], django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    rotterdam = station("Service station Rotterdam")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        actor_identifier_add(
            actor=rotterdam,
            kind="phone",
            value="010 555 0199",
            citations=[reference_citation("annex")],
            acting_user=None,
        )
    receipt = submit(identifiers=[{"kind": "phone", "value": "+31 10 555 0199"}])
    report_id = reporter_session_open(receipt_text=receipt.display()).report_id
    alert = Alert.objects.get(report_id=report_id)
    assert (alert.reason, alert.actor_label) == (AlertReason.KNOWN_ACTOR, "Service station Rotterdam")


def test_a_malformed_actor_identifier_is_refused_not_indexed() -> None:
    with pytest.raises(KnowledgeError) as refused:
        actor_identifier_add(
            actor=station(), kind="phone", value="call us", citations=[reference_citation()], acting_user=None
        )
    assert refused.value.code.startswith("identifier_")
    assert not ActorIdentifier.objects.exists()
