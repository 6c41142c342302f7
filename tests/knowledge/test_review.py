"""The review queue: accept, edit then accept, reject; the accepted record cites the candidate's passage."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from meldpunt.accounts.models import Role
from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.models import Actor, CandidateFact, CandidateStatus, Event, Place, Source, Statement
from meldpunt.knowledge.services.review import candidate_accept, candidate_reject
from tests.conftest import Staff, logged_in
from tests.knowledge.factories import TEXT, place, text_source

pytestmark = pytest.mark.django_db

CLOSED = "the office in the city centre had closed"
DENIAL = "denied that any police station operated there"


def candidate(source: Source, quote: str, fact: str, /, **payload: Any) -> CandidateFact:
    """A pending candidate of kind `fact` over the first occurrence of `quote`; `payload` as the extractor writes it."""
    start = source.text.index(quote)
    return CandidateFact.objects.create(source=source, kind=fact, payload=payload, start=start, end=start + len(quote))


@pytest.fixture
def analyst(make_staff: Callable[..., Staff]) -> Staff:
    return make_staff("ann", role=Role.ANALYST, default_recipient=False)


@pytest.fixture
def client(analyst: Staff) -> Client:
    return logged_in(analyst)


def _cites_its_passage(record: Any, found: CandidateFact) -> None:
    passage = record.citation.passage
    assert passage.quote == found.source.text[found.start : found.end]
    assert (passage.start, passage.end) == (found.start, found.end)


def test_accepting_an_event_matches_the_place_by_name_and_keeps_the_passage(analyst: Staff) -> None:
    rotterdam = place("Rotterdam")
    found = candidate(text_source(), CLOSED, "event", kind="closed", place="rotterdam", date="2022-11")
    event = candidate_accept(candidate=found, acting_user=analyst.user)
    assert isinstance(event, Event)
    assert (event.kind, event.date, event.place) == ("closed", "2022-11", rotterdam)
    _cites_its_passage(event, found)
    found.refresh_from_db()
    assert found.status == CandidateStatus.ACCEPTED
    assert (found.record_type, found.record_id, found.decided_by) == ("event", event.pk, analyst.user)
    assert found.decided_at is not None


def test_an_event_at_an_unknown_place_has_no_place(analyst: Staff) -> None:
    found = candidate(text_source(), CLOSED, "event", kind="closed", place="Atlantis", date="")
    event = candidate_accept(candidate=found, acting_user=analyst.user)
    assert isinstance(event, Event)
    assert event.place is None


def test_a_statement_needs_its_subject_from_the_analyst(analyst: Staff) -> None:
    found = candidate(text_source(), DENIAL, "statement", speaker="A spokesperson", stance="denies", quote=DENIAL)
    with pytest.raises(KnowledgeError) as refused:
        candidate_accept(candidate=found, acting_user=analyst.user)
    assert refused.value.code == "subject_missing"
    statement = candidate_accept(candidate=found, acting_user=analyst.user, subject="Police station in the centre")
    assert isinstance(statement, Statement)
    assert (statement.speaker_name, statement.stance, statement.quote) == ("A spokesperson", "denies", DENIAL)
    assert statement.subject == "Police station in the centre"
    _cites_its_passage(statement, found)


@pytest.mark.parametrize(("entity_type", "record_kind"), [("organisation", "organisation"), ("person", "official")])
def test_an_organisation_or_person_becomes_an_actor(analyst: Staff, entity_type: str, record_kind: str) -> None:
    found = candidate(text_source(), "the embassy", "entity", type=entity_type, name="the embassy")
    actor = candidate_accept(candidate=found, acting_user=analyst.user)
    assert isinstance(actor, Actor)
    assert (actor.kind, actor.name) == (record_kind, "the embassy")
    _cites_its_passage(actor, found)


def test_a_place_needs_its_country(analyst: Staff) -> None:
    found = candidate(text_source(), "the city centre", "entity", type="place", name="city centre")
    with pytest.raises(KnowledgeError) as refused:
        candidate_accept(candidate=found, acting_user=analyst.user)
    assert refused.value.code == "country_missing"
    accepted = candidate_accept(candidate=found, acting_user=analyst.user, country="nl")
    assert isinstance(accepted, Place)
    assert accepted.country == "NL"


def test_a_quantity_can_only_be_rejected(analyst: Staff) -> None:
    found = candidate(text_source(), "Tuesday", "quantity", value=2, unit="station", text="Tuesday")
    with pytest.raises(KnowledgeError) as refused:
        candidate_accept(candidate=found, acting_user=analyst.user)
    assert refused.value.code == "not_a_record"
    candidate_reject(candidate=found, acting_user=analyst.user, reason="no figure here")
    found.refresh_from_db()
    assert found.status == CandidateStatus.REJECTED
    assert found.decision_note == "no figure here"
    assert (found.decided_by, found.record_id) == (analyst.user, None)


def test_deciding_twice_is_refused(analyst: Staff) -> None:
    found = candidate(text_source(), CLOSED, "event", kind="closed", place="", date="")
    candidate_accept(candidate=found, acting_user=analyst.user)
    for decide in (
        lambda: candidate_accept(candidate=found, acting_user=analyst.user),
        lambda: candidate_reject(candidate=found, acting_user=analyst.user),
    ):
        with pytest.raises(KnowledgeError) as refused:
            decide()
        assert refused.value.code == "decided"
    assert Event.objects.count() == 1


def test_a_refused_accept_leaves_no_passage_or_citation(analyst: Staff) -> None:
    found = candidate(text_source(), CLOSED, "event", kind="not_a_kind", place="", date="")
    with pytest.raises(KnowledgeError):
        candidate_accept(candidate=found, acting_user=analyst.user)
    assert not found.source.passages.exists()
    assert not found.source.citations.exists()
    found.refresh_from_db()
    assert found.status == CandidateStatus.PENDING


# The pages


def test_the_queue_shows_the_passage_highlighted_in_its_context(client: Client) -> None:
    found = candidate(text_source(), CLOSED, "event", kind="closed", place="Rotterdam", date="2022-11")
    page = client.get("/staff/knowledge/review/").content.decode()
    assert f"<mark>{CLOSED}</mark>" in page
    assert "The municipality said on Tuesday that " in page
    assert f'action="/staff/knowledge/review/{found.pk}/accept/"' in page


def test_the_queue_filters_by_kind_and_source(client: Client) -> None:
    source = text_source()
    other = text_source(text="Another document where the office had closed too.")
    candidate(source, CLOSED, "event", kind="closed", place="", date="")
    candidate(source, DENIAL, "statement", speaker="A spokesperson", stance="denies", quote=DENIAL)
    candidate(other, "had closed", "event", kind="closed", place="", date="")
    page = client.get("/staff/knowledge/review/", {"kind": "statement"}).content.decode()
    assert f"<mark>{DENIAL}</mark>" in page
    assert "<mark>the office" not in page
    page = client.get("/staff/knowledge/review/", {"source": other.pk}).content.decode()
    assert page.count("<mark>") == 1
    assert "Another document" in page


def test_the_queue_does_not_query_per_row(client: Client, django_assert_max_num_queries: Any) -> None:
    source = text_source()
    for _ in range(3):
        candidate(source, CLOSED, "event", kind="closed", place="", date="")
    with django_assert_max_num_queries(12) as few:
        client.get("/staff/knowledge/review/")
    for index in range(20):
        other = text_source(text=f"Document {index}: the office had closed.")
        candidate(other, "had closed", "event", kind="closed", place="", date="")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/staff/knowledge/review/").status_code == 200


def test_accept_through_the_page_leads_to_the_record(client: Client, analyst: Staff) -> None:
    found = candidate(text_source(), DENIAL, "statement", speaker="A spokesperson", stance="denies", quote=DENIAL)
    refused = client.post(f"/staff/knowledge/review/{found.pk}/accept/", {})
    assert refused.status_code == 400
    assert "say what the statement is about" in refused.content.decode()
    response = client.post(f"/staff/knowledge/review/{found.pk}/accept/", {"subject": "The office"})
    statement = Statement.objects.get()
    assert response["Location"] == f"/staff/knowledge/statements/{statement.pk}/"
    _cites_its_passage(statement, found)
    decided = client.get(f"/staff/knowledge/review/{found.pk}/").content.decode()
    assert "Decided by ann" in decided
    assert f'href="/staff/knowledge/statements/{statement.pk}/"' in decided
    assert "/reject/" not in decided
    again = client.post(f"/staff/knowledge/review/{found.pk}/accept/", {"subject": "The office"})
    assert again.status_code == 400
    assert "accepted already" in again.content.decode()


def test_edit_then_accept_starts_from_the_proposal_and_keeps_the_passage(client: Client) -> None:
    rotterdam = place("Rotterdam")
    found = candidate(text_source(), CLOSED, "event", kind="closed", place="Rotterdam", date="2022-11")
    form = client.get(f"/staff/knowledge/review/{found.pk}/").content.decode()
    assert 'value="2022-11"' in form
    assert f'<option value="{rotterdam.pk}" selected>' in form
    assert f"<mark>{CLOSED}</mark>" in form
    response = client.post(
        f"/staff/knowledge/review/{found.pk}/",
        {"kind": "closed", "date": "2022-11-08", "place": rotterdam.pk, "summary": "The office closed."},
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.date, event.summary) == ("2022-11-08", "The office closed.")
    _cites_its_passage(event, found)
    assert event.citation.passage.quote == TEXT[found.start : found.end]


def test_edit_then_accept_shows_the_services_refusal(client: Client) -> None:
    found = candidate(text_source(), CLOSED, "event", kind="closed", place="", date="")
    response = client.post(f"/staff/knowledge/review/{found.pk}/", {"kind": "closed", "date": "2022-13"})
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_reject_through_the_page(client: Client, analyst: Staff) -> None:
    found = candidate(text_source(), CLOSED, "event", kind="closed", place="", date="")
    response = client.post(f"/staff/knowledge/review/{found.pk}/reject/", {"reason": "duplicate"})
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.status, found.decided_by, found.decision_note) == ("rejected", analyst.user, "duplicate")
    assert f"<mark>{CLOSED}</mark>" not in client.get("/staff/knowledge/review/").content.decode()
