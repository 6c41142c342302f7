"""The read-only knowledge API: in the OpenAPI schema, the same published facts as the pages, with citations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from meldpunt.api.api import api
from meldpunt.knowledge.services import record_merge
from tests.knowledge.test_public_pages import published_world

pytestmark = pytest.mark.django_db

BASE = "/api/v1/knowledge"
ROUTES = ["stations", "actors", "actors/{number}", "places", "places/{number}", "partnerships", "events", "statements"]


@pytest.fixture
def world() -> dict[str, Any]:
    return published_world()


def get(client: Client, path: str, **query: str) -> Any:
    response = client.get(f"{BASE}/{path}", query)
    assert response.status_code == 200, response.content
    return response.json()


def test_every_route_is_in_the_schema_and_the_readme() -> None:
    schema = api.get_openapi_schema()
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for route in ROUTES:
        assert f"{BASE}/{route}" in schema["paths"]
        assert f"{BASE}/{route}" in readme
        assert "post" not in schema["paths"][f"{BASE}/{route}"]
    components = schema["components"]["schemas"]
    assert components["ActorOut"]["properties"]["kind"]["enum"][:2] == ["state_body", "police_service_station"]
    assert "value" not in components["ActorOut"]["properties"]
    assert set(components["CitationOut"]["properties"]) == {"source", "quote", "start", "end", "locator"}


def test_stations_carry_their_place_body_and_citations(client: Client, world: dict[str, Any]) -> None:
    stations = get(client, "stations")
    assert [s["name"] for s in stations] == ["Service station Rotterdam"]
    station = stations[0]
    assert station["status"] == "closed"
    assert station["place"]["name"] == "Rotterdam"
    assert station["operating_body"]["name"] == "Fuzhou Public Security Bureau"
    assert station["aliases"] == [{"name": "鹿特丹服务站", "language": "zh-Hans"}]
    assert station["citations"][0]["source"]["publisher"] == "Example Watch"
    assert station["citations"][0]["locator"] == "p. 1"
    assert "identifiers" not in station
    assert "555" not in str(stations)


def test_events_quote_their_passage(client: Client, world: dict[str, Any]) -> None:
    (event,) = get(client, "events")
    citation = event["citations"][0]
    assert citation["quote"] == "the office in the city centre had closed"
    source_text = world["source"].text
    assert source_text[citation["start"] : citation["end"]] == citation["quote"]
    assert event["actors"] == [{"id": world["closed"].pk, "name": "Service station Rotterdam"}]


def test_retired_records_are_absent_and_details_answer_404(client: Client, world: dict[str, Any]) -> None:
    names = [a["name"] for a in get(client, "actors")]
    assert "Withdrawn station" not in names
    assert client.get(f"{BASE}/actors/{world['hidden'].pk}").status_code == 404
    assert client.get(f"{BASE}/actors/999999").status_code == 404
    assert client.get(f"{BASE}/places/999999").status_code == 404
    assert get(client, f"actors/{world['closed'].pk}")["name"] == "Service station Rotterdam"


def test_a_merged_actor_answers_with_the_record_it_went_into(client: Client, world: dict[str, Any]) -> None:
    from tests.knowledge.factories import station

    twin = station("Duplicate")
    record_merge(record_type="actor", source_id=twin.pk, target_id=world["closed"].pk, acting_user=None)
    assert get(client, f"actors/{twin.pk}")["id"] == world["closed"].pk


@pytest.mark.parametrize(
    ("query", "count"),
    [({}, 2), ({"kind": "sister_city"}, 1), ({"status": "severed"}, 1), ({"country": "cn", "status": "active"}, 1)],
)
def test_partnership_filters(client: Client, world: dict[str, Any], query: dict[str, str], count: int) -> None:
    assert len(get(client, "partnerships", **query)) == count


def test_an_unknown_filter_term_is_refused(client: Client, world: dict[str, Any]) -> None:
    assert client.get(f"{BASE}/partnerships", {"kind": "nonsense"}).status_code == 422


def test_statements_keep_opposing_stances_apart(client: Client, world: dict[str, Any]) -> None:
    statements = get(client, "statements")
    assert sorted(s["stance"] for s in statements) == ["asserts", "denies"]
    assert all(s["subject_actor"]["id"] == world["closed"].pk for s in statements)


def test_places_have_coordinates(client: Client, world: dict[str, Any]) -> None:
    places = {p["name"]: p for p in get(client, "places")}
    assert places["Amsterdam"]["latitude"] == pytest.approx(52.37)
    assert get(client, f"places/{places['Nanjing']['id']}")["country"] == "CN"


def test_actors_by_kind(client: Client, world: dict[str, Any]) -> None:
    assert [a["name"] for a in get(client, "actors", kind="state_body")] == ["Fuzhou Public Security Bureau"]
    assert client.get(f"{BASE}/actors", {"kind": "spy"}).status_code == 422
