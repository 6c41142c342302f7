"""Analysts' curation pages: sources, records with citations found from quotes, history, merge, actors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from meldpunt.accounts.models import Role
from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.models import Actor, ActorAlias, ActorIdentifier, Citation, Event, Place, RecordVersion, Source
from meldpunt.knowledge.services import record_create, record_retire
from meldpunt.knowledge.services.curation import quote_start
from tests.conftest import Staff, logged_in
from tests.knowledge.factories import TEXT, place, reference_citation, station, text_source

pytestmark = pytest.mark.django_db

BASE = "/staff/knowledge"


@pytest.fixture
def analyst(make_staff: Callable[..., Staff]) -> Staff:
    return make_staff("ann", role=Role.ANALYST, default_recipient=False)


@pytest.fixture
def client(analyst: Staff) -> Client:
    return logged_in(analyst)


@pytest.mark.parametrize(
    ("quote", "start", "expected"),
    [
        ("had closed", None, TEXT.index("had closed")),
        ("that", TEXT.rindex("that"), TEXT.rindex("that")),
        ("that", None, "quote_ambiguous"),
        ("has closed", None, "quote_absent"),
        ("that", 3, "quote_not_at_start"),
    ],
)
def test_a_quote_is_found_once_or_pinned_by_its_start(quote: str, start: int | None, expected: int | str) -> None:
    if isinstance(expected, int):
        assert quote_start(text=TEXT, quote=quote, start=start) == expected
        return
    with pytest.raises(KnowledgeError) as refused:
        quote_start(text=TEXT, quote=quote, start=start)
    assert refused.value.code == expected


def test_a_handler_cannot_open_the_curation_pages(make_staff: Callable[..., Staff]) -> None:
    assert logged_in(make_staff("hanna")).get(f"{BASE}/actors/").status_code == 403


def test_a_source_is_created_and_shows_its_cited_passages(client: Client) -> None:
    response = client.post(
        f"{BASE}/sources/new/",
        {"kind": "news", "publisher": "Courier", "title": "Closed", "date": "2022-11", "language": "en", "text": TEXT},
    )
    source = Source.objects.get()
    assert response["Location"] == f"{BASE}/sources/{source.pk}/"
    client.post(
        f"{BASE}/places/new/",
        {"name": "Centre", "country": "NL", "cite-source": source.pk, "cite-quote": "the city centre"},
    )
    page = client.get(f"{BASE}/sources/{source.pk}/").content.decode()
    assert "<mark" in page
    assert ">the city centre</mark>" in page
    assert "The municipality said on Tuesday that the office in " in page


def test_a_source_with_a_bad_date_shows_the_services_message(client: Client) -> None:
    response = client.post(f"{BASE}/sources/new/", {"kind": "news", "publisher": "P", "title": "T", "date": "2022-13"})
    assert response.status_code == 400
    assert "not a date that exists" in response.content.decode()
    assert not Source.objects.exists()


def _new_event(client: Client, source: Source, **cite: Any) -> Any:
    fields = {"kind": "closed", "date": "2022-11", "summary": "The office closed."}
    return client.post(
        f"{BASE}/events/new/", {**fields, **{f"cite-{k}": v for k, v in cite.items()}, "cite-source": source.pk}
    )


def test_creating_a_record_finds_the_quote_in_the_source(client: Client) -> None:
    source = text_source()
    response = _new_event(client, source, quote="the office in the city centre had closed")
    event = Event.objects.get()
    assert response["Location"] == f"{BASE}/events/{event.pk}/"
    passage = event.citation.passage
    assert passage is not None
    assert source.text[passage.start : passage.end] == "the office in the city centre had closed"


@pytest.mark.parametrize(
    ("cite", "message"),
    [
        ({"quote": "the office has closed"}, "does not occur"),
        ({"quote": "that"}, "more than once"),
        ({"locator": "p. 2"}, "quote the exact passage"),
    ],
)
def test_a_record_with_a_bad_citation_is_refused_with_the_reason(
    client: Client, cite: dict[str, str], message: str
) -> None:
    response = _new_event(client, text_source(), **cite)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Event.objects.exists()
    assert not Citation.objects.exists()


def test_an_ambiguous_quote_is_pinned_by_its_start(client: Client) -> None:
    source = text_source()
    response = _new_event(client, source, quote="that", start=TEXT.rindex("that"))
    assert response.status_code == 302
    assert Event.objects.get().citation.passage.start == TEXT.rindex("that")


def test_a_reference_only_source_is_cited_with_a_locator(client: Client) -> None:
    source = reference_citation().source
    assert _new_event(client, source, quote="anything").status_code == 400
    assert _new_event(client, source, locator="answer 4").status_code == 302
    assert Event.objects.get().citation.locator == "answer 4"


def test_editing_keeps_a_history_that_shows_what_changed(client: Client, analyst: Staff) -> None:
    rotterdam = station(status="operating")
    response = client.post(
        f"{BASE}/actors/{rotterdam.pk}/edit/",
        {
            "kind": "police_service_station",
            "name": rotterdam.name,
            "country": "NL",
            "status": "closed",
            "closed": "2022-12",
        },
    )
    assert response.status_code == 302
    rotterdam.refresh_from_db()
    assert (rotterdam.status, rotterdam.closed) == ("closed", "2022-12")
    versions = RecordVersion.objects.filter(record_type="actor", record_id=rotterdam.pk)
    assert [(v.number, v.action, v.user) for v in versions] == [(1, "created", None), (2, "edited", analyst.user)]
    page = client.get(f"{BASE}/actors/{rotterdam.pk}/").content.decode()
    assert "<code>status</code>: <del>operating</del> → <ins>closed</ins>" in page
    assert "<code>closed</code>: <del></del> → <ins>2022-12</ins>" in page


def test_an_edit_the_model_refuses_shows_why(client: Client) -> None:
    office = station(kind="organisation", status="")
    response = client.post(
        f"{BASE}/actors/{office.pk}/edit/", {"kind": "organisation", "name": office.name, "status": "operating"}
    )
    assert response.status_code == 400
    office.refresh_from_db()
    assert office.status == ""


def test_a_citation_is_added_to_a_record(client: Client) -> None:
    centre = place("Centre")
    source = text_source()
    response = client.post(f"{BASE}/places/{centre.pk}/cite/", {"source": source.pk, "quote": "the city centre"})
    assert response.status_code == 302
    assert [c.source for c in centre.citations()][1] == source
    assert client.post(f"{BASE}/places/{centre.pk}/cite/", {"source": source.pk, "quote": "nowhere"}).status_code == 400


def test_retire_needs_a_reason_and_restore_brings_it_back(client: Client) -> None:
    centre = place("Centre")
    assert client.post(f"{BASE}/places/{centre.pk}/retire/", {"reason": ""}).status_code == 400
    assert client.post(f"{BASE}/places/{centre.pk}/retire/", {"reason": "duplicate entry"}).status_code == 302
    centre.refresh_from_db()
    assert (centre.retired, centre.retired_reason) == (True, "duplicate entry")
    assert "Centre" not in client.get(f"{BASE}/places/").content.decode()
    assert "Centre" in client.get(f"{BASE}/places/", {"retired": "1"}).content.decode()
    assert client.post(f"{BASE}/places/{centre.pk}/restore/").status_code == 302
    centre.refresh_from_db()
    assert not centre.retired


def test_merging_an_actor_by_number(client: Client) -> None:
    first, duplicate = station("Station Rotterdam"), station("Rotterdam station")
    assert client.post(f"{BASE}/actors/{duplicate.pk}/merge/", {"target": 999_999}).status_code == 400
    response = client.post(f"{BASE}/actors/{duplicate.pk}/merge/", {"target": first.pk})
    assert response["Location"] == f"{BASE}/actors/{first.pk}/"
    duplicate.refresh_from_db()
    assert duplicate.merged_into == first
    page = client.get(f"{BASE}/actors/{duplicate.pk}/").content.decode()
    assert f"{BASE}/actors/{first.pk}/" in page
    assert client.post(f"{BASE}/actors/{duplicate.pk}/restore/").status_code == 400


def test_aliases_and_identifiers_are_added_to_an_actor(client: Client) -> None:
    rotterdam = station()
    source = reference_citation().source
    assert (
        client.post(
            f"{BASE}/actors/{rotterdam.pk}/aliases/", {"name": "鹿特丹服务站", "language": "zh-Hans"}
        ).status_code
        == 302
    )
    assert ActorAlias.objects.get().name == "鹿特丹服务站"
    refused = client.post(
        f"{BASE}/actors/{rotterdam.pk}/identifiers/",
        {"kind": "phone", "value": "call us", "cite-source": source.pk, "cite-locator": "annex"},
    )
    assert refused.status_code == 400
    assert not ActorIdentifier.objects.exists()
    assert not Citation.objects.filter(locator="annex").exists()
    response = client.post(
        f"{BASE}/actors/{rotterdam.pk}/identifiers/",
        {"kind": "phone", "value": "010 555 0199", "cite-source": source.pk, "cite-locator": "annex"},
    )
    assert response.status_code == 302
    identifier = ActorIdentifier.objects.get()
    assert (identifier.actor, identifier.value, identifier.citation.locator) == (rotterdam, "010 555 0199", "annex")
    page = client.get(f"{BASE}/actors/{rotterdam.pk}/").content.decode()
    assert "鹿特丹服务站" in page
    assert "010 555 0199" in page


def test_lists_search(client: Client) -> None:
    station("Station Rotterdam")
    amsterdam = station("Station Amsterdam")
    ActorAlias.objects.create(actor=amsterdam, name="阿姆斯特丹")
    page = client.get(f"{BASE}/actors/", {"q": "阿姆斯特丹"}).content.decode()
    assert "Station Amsterdam" in page
    assert "Station Rotterdam" not in page


@pytest.mark.parametrize("segment", ["places", "actors", "partnerships", "events", "statements"])
def test_every_kind_has_its_list_and_new_form(client: Client, segment: str) -> None:
    assert client.get(f"{BASE}/{segment}/").status_code == 200
    form = client.get(f"{BASE}/{segment}/new/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in form
    assert 'name="cite-quote"' in form


def test_the_actor_list_does_not_query_per_row(client: Client, django_assert_max_num_queries: Any) -> None:
    where = place("Rotterdam")
    station("Station 0", place=where)
    with django_assert_max_num_queries(12) as few:
        client.get(f"{BASE}/actors/")
    for index in range(1, 20):
        station(f"Station {index}", place=place(f"City {index}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(f"{BASE}/actors/").content.decode()
    assert "Station 19" in page


def test_a_retired_record_is_marked_on_its_page(client: Client) -> None:
    centre = place("Centre")
    record_retire(record=centre, reason="not a place", acting_user=None)
    page = client.get(f"{BASE}/places/{centre.pk}/").content.decode()
    assert "not a place" in page
    assert isinstance(Place.objects.get(), Place)
    assert Actor.objects.count() == 0


def test_every_kind_has_its_detail_and_edit_pages(client: Client) -> None:
    rotterdam, amsterdam = place("Rotterdam"), place("Amsterdam", latitude=52.37, longitude=4.89)
    body = station(place=rotterdam)
    records = {
        "places": rotterdam,
        "actors": body,
        "partnerships": record_create(
            record_type="partnership",
            values={"kind": "sister_city", "place_a": rotterdam, "place_b": amsterdam, "status": "under_review"},
            citations=[reference_citation()],
            acting_user=None,
        ),
        "events": record_create(
            record_type="event",
            values={"kind": "closed", "date": "2022-11", "place": rotterdam, "actors": [body]},
            citations=[reference_citation()],
            acting_user=None,
        ),
        "statements": record_create(
            record_type="statement",
            values={"speaker_name": "Ministry", "stance": "denies", "quote": "No.", "subject": "the station"},
            citations=[reference_citation()],
            acting_user=None,
        ),
    }
    for segment, record in records.items():
        page = client.get(f"{BASE}/{segment}/{record.pk}/")
        assert page.status_code == 200, segment
        assert "Example Watch: Stations abroad" in page.content.decode()
        assert client.get(f"{BASE}/{segment}/{record.pk}/edit/").status_code == 200, segment
        assert str(record.pk) in client.get(f"{BASE}/{segment}/").content.decode()
    assert "Under review" in client.get(f"{BASE}/partnerships/{records['partnerships'].pk}/").content.decode()
    assert client.get(f"{BASE}/").status_code == 200
    assert "Stations abroad" in client.get(f"{BASE}/sources/").content.decode()
