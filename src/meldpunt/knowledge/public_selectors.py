"""Reads for the public pages and the API: published facts only, each with its citations.

What the public never gets: retired records (merged ones are retired too), and actors' identifiers
(phone numbers, accounts), which feed the correlation index and stay with staff. A related record
that is retired is left out as if it were unknown. Lists fetch their relations in a fixed number of
queries, never one per row.
"""

from __future__ import annotations

import gettext as stdlib_gettext  # for pycountry's own catalogues of country names
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import pycountry
from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meldpunt.knowledge.models import Actor, ActorAlias, Citation, CitedRecord, Event, Partnership, Place, Statement
from meldpunt.vocab import concept

STATION = "police_service_station"
_PYCOUNTRY_LOCALES = {"zh-hans": "zh_CN", "zh-hant": "zh_TW"}

R = TypeVar("R", bound=CitedRecord)
M = TypeVar("M", bound=Model)


def term_label(vocabulary: str, term_id: str) -> str:
    """The translated label of a vocabulary term; "" for an empty id."""
    return _(concept(vocabulary).get(term_id).label) if term_id else ""


def country_name(iso: str) -> str:
    """The country's short name in the active language (pycountry ships the ISO 3166 translations)."""
    country = pycountry.countries.get(alpha_2=iso) if iso else None
    if country is None:
        return iso
    name = getattr(country, "common_name", country.name)
    language = get_language() or "en"
    catalogue = stdlib_gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[_PYCOUNTRY_LOCALES.get(language, language)], fallback=True
    )
    return catalogue.gettext(name)


@dataclass(frozen=True)
class Fact(Generic[R]):
    """A published record with every citation it rests on, the first one first."""

    record: R
    citations: list[Citation]


def _cited(queryset: QuerySet[M]) -> QuerySet[M]:
    return (
        queryset.filter(retired=False)
        .select_related("citation__source", "citation__passage")
        .prefetch_related(
            Prefetch("more_citations", queryset=Citation.objects.select_related("source", "passage").order_by("pk"))
        )
    )


def _fact(record: R) -> Fact[R]:
    more = [c for c in record.more_citations.all() if c.pk != record.citation_id]
    return Fact(record=record, citations=[record.citation, *more])


def _shown(record: M | None) -> M | None:
    return record if record is not None and not getattr(record, "retired", False) else None


# Actors, stations among them


@dataclass(frozen=True)
class ActorRow:
    fact: Fact[Actor]
    kind_label: str
    status_label: str
    place: Place | None
    operating_body: Actor | None

    @property
    def country(self) -> str:
        return self.fact.record.country or (self.place.country if self.place else "")


@dataclass(frozen=True)
class CountryStations:
    iso: str
    name: str
    stations: list[ActorRow]


def _actor_rows(queryset: QuerySet[Actor]) -> list[ActorRow]:
    actors = _cited(queryset).select_related("place", "operating_body").prefetch_related("aliases")
    return [
        ActorRow(
            fact=_fact(actor),
            kind_label=term_label("knowledge_actor_kinds", actor.kind),
            status_label=term_label("station_statuses", actor.status),
            place=_shown(actor.place),
            operating_body=_shown(actor.operating_body),
        )
        for actor in actors
    ]


def stations_by_country() -> list[CountryStations]:
    """Published stations grouped by the country they are in, countries by name, stations by city."""
    grouped: dict[str, list[ActorRow]] = defaultdict(list)
    for row in _actor_rows(Actor.objects.filter(kind=STATION)):
        grouped[row.country].append(row)
    countries = [
        CountryStations(
            iso=iso,
            name=country_name(iso) or _("Country unknown"),
            stations=sorted(rows, key=lambda r: ((r.place.name if r.place else ""), r.fact.record.name)),
        )
        for iso, rows in grouped.items()
    ]
    return sorted(countries, key=lambda c: (not c.iso, c.name))


def station_list() -> list[ActorRow]:
    return [row for country in stations_by_country() for row in country.stations]


@dataclass(frozen=True)
class ActorKind:
    kind: str
    label: str
    actors: list[ActorRow]


def actors_by_kind(*, kind: str = "") -> list[ActorKind]:
    """Published actors grouped by kind, in the vocabulary's order; only `kind` when one is given."""
    rows: dict[str, list[ActorRow]] = defaultdict(list)
    for row in _actor_rows(Actor.objects.filter(kind=kind) if kind else Actor.objects.all()):
        rows[row.fact.record.kind].append(row)
    return [
        ActorKind(kind=term.id, label=_(term.label), actors=rows[term.id])
        for term in concept("knowledge_actor_kinds").terms
        if rows[term.id]
    ]


def actor_row(*, number: int) -> ActorRow | None:
    rows = _actor_rows(Actor.objects.filter(pk=number))
    return rows[0] if rows else None


@dataclass(frozen=True)
class ActorPage:
    fact: Fact[Actor]
    kind_label: str
    status_label: str
    country_name: str
    place: Place | None
    operating_body: Actor | None
    aliases: list[ActorAlias]
    operated: list[Actor]
    events: list[EventRow]
    statements_by: list[StatementRow]
    statements_about: list[StatementRow]
    partnerships: list[PartnershipRow]


def actor_published(*, number: int) -> Actor | None:
    """The actor with this number as the public may see it: a merged one leads to the record it went into."""
    actor = Actor.objects.filter(pk=number).only("pk", "retired", "merged_into").first()
    while actor is not None and actor.merged_into_id is not None:
        actor = Actor.objects.filter(pk=actor.merged_into_id).only("pk", "retired", "merged_into").first()
    return actor if actor is not None and not actor.retired else None


def actor_page(*, number: int) -> ActorPage | None:
    """Everything published about one actor, or None when there is nothing to publish under that number."""
    actor = _cited(Actor.objects.filter(pk=number)).select_related("place", "operating_body").first()
    if actor is None:
        return None
    party = Q(actor_a=actor) | Q(actor_b=actor)
    return ActorPage(
        fact=_fact(actor),
        kind_label=term_label("knowledge_actor_kinds", actor.kind),
        status_label=term_label("station_statuses", actor.status),
        country_name=country_name(actor.country),
        place=_shown(actor.place),
        operating_body=_shown(actor.operating_body),
        aliases=list(actor.aliases.all()),
        operated=list(Actor.objects.filter(operating_body=actor, retired=False)),
        events=event_timeline(actor=actor),
        statements_by=_statement_rows(Statement.objects.filter(speaker=actor)),
        statements_about=_statement_rows(Statement.objects.filter(subject_actor=actor)),
        partnerships=_partnership_rows(Partnership.objects.filter(party)),
    )


# Places


def place_list() -> list[Fact[Place]]:
    return [_fact(place) for place in _cited(Place.objects.all())]


def place_fact(*, number: int) -> Fact[Place] | None:
    place = _cited(Place.objects.filter(pk=number)).first()
    return _fact(place) if place is not None else None


# Events


@dataclass(frozen=True)
class EventRow:
    fact: Fact[Event]
    kind_label: str
    place: Place | None
    actors: list[Actor]


def event_timeline(*, actor: Actor | None = None) -> list[EventRow]:
    """Published events by date (partial dates sort before fuller ones of the same period), then number."""
    events = _cited(Event.objects.all() if actor is None else Event.objects.filter(actors=actor))
    events = events.select_related("place").prefetch_related(
        Prefetch("actors", queryset=Actor.objects.filter(retired=False).order_by("name"))
    )
    return [
        EventRow(
            fact=_fact(event),
            kind_label=term_label("knowledge_event_kinds", event.kind),
            place=_shown(event.place),
            actors=list(event.actors.all()),
        )
        for event in events.order_by("date", "pk")
    ]


# Partnerships


@dataclass(frozen=True)
class PartnershipRow:
    fact: Fact[Partnership]
    kind_label: str
    status_label: str
    party_a: Place | Actor
    party_b: Place | Actor


_RETIRED_PARTY = (
    Q(place_a__retired=True) | Q(actor_a__retired=True) | Q(place_b__retired=True) | Q(actor_b__retired=True)
)


def _partnership_rows(queryset: QuerySet[Partnership]) -> list[PartnershipRow]:
    partnerships = _cited(queryset.exclude(_RETIRED_PARTY)).select_related("place_a", "actor_a", "place_b", "actor_b")
    return [
        PartnershipRow(
            fact=_fact(p),
            kind_label=term_label("partnership_kinds", p.kind),
            status_label=term_label("partnership_statuses", p.status),
            party_a=p.party_a(),
            party_b=p.party_b(),
        )
        for p in partnerships.order_by("start", "pk")
    ]


def partnership_list(*, kind: str = "", status: str = "", country: str = "") -> list[PartnershipRow]:
    """Published partnerships, narrowed by kind, status and a country either party lies in."""
    queryset = Partnership.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(status=status)
    if country:
        queryset = queryset.filter(
            Q(place_a__country=country)
            | Q(actor_a__country=country)
            | Q(place_b__country=country)
            | Q(actor_b__country=country)
        )
    return _partnership_rows(queryset)


def partnership_countries() -> list[tuple[str, str]]:
    """(ISO code, name) of every country a published partnership's party lies in, for the filter."""
    rows = _partnership_rows(Partnership.objects.all())
    codes = {party.country for row in rows for party in (row.party_a, row.party_b) if party.country}
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1])


# Statements


@dataclass(frozen=True)
class StatementRow:
    fact: Fact[Statement]
    stance_label: str
    speaker: Actor | None
    subject_actor: Actor | None


@dataclass(frozen=True)
class StatementGroup:
    """One subject with what was asserted and what was denied, kept apart."""

    subject: str
    asserts: list[StatementRow] = field(default_factory=list)
    denies: list[StatementRow] = field(default_factory=list)


def _statement_rows(queryset: QuerySet[Statement]) -> list[StatementRow]:
    statements = _cited(queryset).select_related("speaker", "subject_actor").order_by("subject", "date", "pk")
    return [
        StatementRow(
            fact=_fact(s),
            stance_label=term_label("stances", s.stance),
            speaker=_shown(s.speaker),
            subject_actor=_shown(s.subject_actor),
        )
        for s in statements
    ]


def statement_groups() -> list[StatementGroup]:
    """Published statements by subject (compared without case or surrounding space), asserts beside denies."""
    groups: dict[str, StatementGroup] = {}
    for row in _statement_rows(Statement.objects.all()):
        subject = row.fact.record.subject.strip()
        group = groups.setdefault(subject.casefold(), StatementGroup(subject=subject))
        (group.denies if row.fact.record.stance == "denies" else group.asserts).append(row)
    return sorted(groups.values(), key=lambda g: g.subject.casefold())


def statement_list() -> list[StatementRow]:
    return _statement_rows(Statement.objects.all())
