"""The public knowledge pages: published facts with their citations, never retired records or identifiers."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meldpunt.knowledge.models import Actor, Event, Partnership, Statement
from meldpunt.knowledge.services import (
    actor_alias_add,
    actor_identifier_add,
    record_create,
    record_merge,
    record_retire,
)
from tests.knowledge.factories import passage_citation, place, reference_citation, station, text_source

pytestmark = pytest.mark.django_db


def create(record_type: str, **values: Any) -> Any:
    return record_create(record_type=record_type, values=values, citations=[reference_citation()], acting_user=None)


def published_world() -> dict[str, Any]:
    """Stations, a retired one, an event quoting a passage, partnerships and opposing statements."""
    rotterdam = place("Rotterdam")
    amsterdam = place("Amsterdam", latitude=52.37, longitude=4.89)
    bureau = create("actor", kind="state_body", name="Fuzhou Public Security Bureau", country="CN")
    source = text_source()
    closed = station(
        "Service station Rotterdam", place=rotterdam, operating_body=bureau, opened="2018", closed="2022-11"
    )
    actor_alias_add(actor=closed, name="鹿特丹服务站", language="zh-Hans")
    actor_identifier_add(
        actor=closed, kind="phone", value="+31 10 555 0199", citations=[reference_citation()], acting_user=None
    )
    hidden = station("Withdrawn station", place=amsterdam)
    record_retire(record=hidden, reason="source withdrawn", acting_user=None)
    event = record_create(
        record_type="event",
        values={"kind": "closed", "date": "2022-11", "place": rotterdam, "summary": "The office closed."},
        citations=[passage_citation(source, "the office in the city centre had closed")],
        acting_user=None,
    )
    event.actors.add(closed)
    sister = create("place", name="Nanjing", country="CN", latitude=32.06, longitude=118.78)
    create("partnership", kind="sister_city", place_a=rotterdam, place_b=sister, start="1985", status="active")
    create("partnership", kind="friendship", place_a=amsterdam, actor_b=bureau, status="severed")
    create(
        "statement",
        speaker_name="Embassy spokesperson",
        stance="denies",
        subject="Rotterdam station",
        quote="There was never any police station.",
        subject_actor=closed,
        date="2022-11",
    )
    create(
        "statement",
        speaker_name="Example Watch",
        stance="asserts",
        subject="rotterdam station ",
        quote="A police service station operated in Rotterdam.",
        subject_actor=closed,
    )
    return {"closed": closed, "hidden": hidden, "bureau": bureau, "event": event, "source": source}


@pytest.fixture
def world() -> dict[str, Any]:
    return published_world()


def get(client: Client, name: str, **kwargs: Any) -> str:
    response = client.get(reverse(f"knowledge_public:{name}", kwargs=kwargs))
    assert response.status_code == 200
    assert not response.cookies, "a public page set a cookie"
    return response.content.decode()


@pytest.mark.parametrize("name", ["stations", "timeline", "partnerships", "statements", "actors"])
def test_every_page_renders_without_retired_records_or_identifiers(
    client: Client, world: dict[str, Any], name: str
) -> None:
    page = get(client, name)
    assert page.count("<h1>") == 1
    assert "Withdrawn station" not in page
    assert "555 0199" not in page
    assert "5550199" not in page


def test_the_stations_page_groups_by_country_with_map_and_citations(client: Client, world: dict[str, Any]) -> None:
    page = get(client, "stations")
    assert "Service station Rotterdam" in page
    assert "Fuzhou Public Security Bureau" in page
    assert 'role="img"' in page
    assert "<title" in page
    assert 'class="dot"' in page
    assert page.count('class="dot"') == 1  # the retired Amsterdam station has no dot
    assert "Example Watch" in page
    assert "Stations abroad" in page
    assert "p. 1" in page
    assert "2022-11" in page
    assert "Closed" in page


def test_citations_show_the_exact_quote_and_a_safe_link(client: Client, world: dict[str, Any]) -> None:
    page = get(client, "timeline")
    assert "the office in the city centre had closed" in page
    assert 'href="https://news.example/office" rel="noreferrer noopener"' in page
    assert "Example Courier" in page
    assert "Office closes" in page


def test_a_source_link_that_is_not_http_is_not_linked(client: Client, world: dict[str, Any]) -> None:
    bad = reference_citation(url="javascript:alert(1)", title="Odd link")
    create("event", kind="summoned", date="2023")
    Event.objects.filter(date="2023").update(citation=bad)
    page = get(client, "timeline")
    assert "Odd link" in page
    assert "javascript:" not in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"kind": "sister_city"}, "Nanjing", "Fuzhou Public Security Bureau"),
        ({"status": "severed"}, "Fuzhou Public Security Bureau", "Nanjing"),
        ({"country": "CN", "status": "active"}, "Nanjing", "Fuzhou Public Security Bureau"),
    ],
)
def test_partnership_filters_work_as_plain_get(
    client: Client, world: dict[str, Any], query: dict[str, str], shown: str, hidden: str
) -> None:
    page = client.get(reverse("knowledge_public:partnerships"), query).content.decode()
    table = page[page.index('<table class="partnerships"') :]
    assert shown in table
    assert hidden not in table


def test_an_unknown_filter_value_shows_everything(client: Client, world: dict[str, Any]) -> None:
    page = client.get(reverse("knowledge_public:partnerships"), {"kind": "nonsense"}).content.decode()
    assert page.count('class="partnership"') == Partnership.objects.count()


def test_statements_stand_side_by_side_grouped_by_subject(client: Client, world: dict[str, Any]) -> None:
    page = get(client, "statements")
    assert page.count('<table class="stances"') == 1  # "Rotterdam station" and "rotterdam station " are one subject
    asserts = page[page.index('<td class="asserts">') : page.index('<td class="denies">')]
    denies = page[page.index('<td class="denies">') :]
    assert "A police service station operated" in asserts
    assert "never any police station" not in asserts
    assert "never any police station" in denies
    assert Statement.objects.count() == 2


def test_an_actor_page_shows_its_facts_but_no_identifier(client: Client, world: dict[str, Any]) -> None:
    page = get(client, "actor", number=world["closed"].pk)
    assert "鹿特丹服务站" in page
    assert "Fuzhou Public Security Bureau" in page
    assert "The office closed." in page
    assert "There was never any police station." in page
    assert "A police service station operated" in page
    assert "555 0199" not in page
    assert "phone" not in page.lower().replace("telephone", "")


def test_retired_and_unknown_actors_are_not_found_and_merged_ones_redirect(
    client: Client, world: dict[str, Any]
) -> None:
    assert client.get(reverse("knowledge_public:actor", kwargs={"number": world["hidden"].pk})).status_code == 404
    assert client.get(reverse("knowledge_public:actor", kwargs={"number": 999_999})).status_code == 404
    twin = station("Rotterdam station (duplicate)")
    record_merge(record_type="actor", source_id=twin.pk, target_id=world["closed"].pk, acting_user=None)
    response = client.get(reverse("knowledge_public:actor", kwargs={"number": twin.pk}))
    assert response.status_code == 301
    assert response["Location"] == reverse("knowledge_public:actor", kwargs={"number": world["closed"].pk})
    assert Actor.objects.get(pk=twin.pk).retired


def test_pages_render_in_every_language(client: Client, world: dict[str, Any]) -> None:
    for language in ("nl", "en", "zh-hans", "zh-hant", "ug"):
        assert client.get(f"/{language}/knowledge/").status_code == 200


@pytest.mark.parametrize("name", ["stations", "timeline", "partnerships", "statements", "actors"])
def test_a_page_reads_in_a_fixed_number_of_queries(
    client: Client, world: dict[str, Any], name: str, django_assert_max_num_queries: Any
) -> None:
    """More records must not mean more queries (no query per row)."""
    with CaptureQueriesContext(connection) as first:
        get(client, name)
    published_world()
    with django_assert_max_num_queries(len(first.captured_queries)):
        get(client, name)


def test_an_actor_page_names_its_country_in_the_readers_language(client: Client, world: dict[str, Any]) -> None:
    page = client.get(f"/nl/knowledge/actors/{world['bureau'].pk}/").content.decode()
    assert "China" in page
