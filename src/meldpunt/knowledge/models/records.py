"""The documented facts: places, actors (stations among them), partnerships, events and statements.

Every record holds a non-null `citation` (the database refuses a fact without one) and may hold more.
Records are never deleted: they are retired (hidden from the public, kept with their history) or
merged into another record, whose number the merged one then points to.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from meldpunt.knowledge.models.sources import Citation, _choices
from meldpunt.knowledge.partial_dates import PATTERN


def _partial_date_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{field: ""}) | Q(**{f"{field}__regex": PATTERN}), name=name)


def _one_of(first: str, second: str) -> Q:
    return Q(**{f"{first}__isnull": False, f"{second}__isnull": True}) | Q(
        **{f"{first}__isnull": True, f"{second}__isnull": False}
    )


class CitedRecord(models.Model):
    """What every fact shares: its citations, retirement and merging, and its kind for the history."""

    record_type: ClassVar[str]

    citation = models.ForeignKey(Citation, on_delete=models.PROTECT, related_name="%(class)s_first")
    more_citations = models.ManyToManyField(Citation, related_name="%(class)s_more", blank=True)
    retired = models.BooleanField(default=False)
    retired_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        abstract = True

    def citations(self) -> list[Citation]:
        """The first citation and the others, without repeats."""
        more = [c for c in self.more_citations.select_related("source", "passage") if c.pk != self.citation_id]
        return [self.citation, *more]


class Place(CitedRecord):
    record_type = "place"

    name = models.CharField(max_length=200)
    name_nl = models.CharField(max_length=200, blank=True)
    name_en = models.CharField(max_length=200, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    geonames_id = models.PositiveIntegerField(null=True, blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90), name="place_latitude"
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180), name="place_longitude"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Actor(CitedRecord):
    record_type = "actor"

    kind = models.CharField(max_length=30, choices=_choices("knowledge_actor_kinds"))
    name = models.CharField(max_length=300)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 of its seat or state")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="actors")
    operating_body = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="operated")
    opened = models.CharField(max_length=10, blank=True)
    closed = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=20, blank=True, choices=_choices("station_statuses"))
    description = models.TextField(blank=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["name"]
        constraints = [
            _partial_date_check("opened", "actor_opened_partial_date"),
            _partial_date_check("closed", "actor_closed_partial_date"),
            models.CheckConstraint(
                condition=Q(kind="police_service_station") | Q(status=""), name="actor_status_only_for_stations"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ActorAlias(models.Model):
    """Another name of an actor, in any script; `language` is a BCP 47 tag such as zh-Hans or nl."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    language = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["actor", "name"], name="alias_once")]

    def __str__(self) -> str:
        return self.name


class ActorIdentifier(CitedRecord):
    """A published identifier of an actor (a station's phone number) that feeds the correlation index.

    The value is kept as published: it comes from a public source, not from a reporter.
    """

    record_type = "identifier"

    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="identifiers")
    kind = models.CharField(max_length=30, choices=_choices("identifier_kinds"))
    platform = models.CharField(max_length=30, blank=True, help_text="for a social handle")
    value = models.CharField(max_length=300, help_text="as the source gives it")
    canonical = models.CharField(max_length=300, help_text="after the kind's normaliser")

    class Meta:
        ordering = ["kind", "canonical"]
        constraints = [models.UniqueConstraint(fields=["actor", "kind", "canonical"], name="actor_identifier_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.value}"


class Partnership(CitedRecord):
    """A tie between two parties, each a place or a body (exactly one per side, checked by the database)."""

    record_type = "partnership"

    kind = models.CharField(max_length=30, choices=_choices("partnership_kinds"))
    place_a = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor_a = models.ForeignKey(Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    place_b = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor_b = models.ForeignKey(Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    start = models.CharField(max_length=10, blank=True)
    end = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=20, choices=_choices("partnership_statuses"))
    stated_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "start"]
        constraints = [
            _partial_date_check("start", "partnership_start_partial_date"),
            _partial_date_check("end", "partnership_end_partial_date"),
            models.CheckConstraint(
                condition=_one_of("place_a", "actor_a") & _one_of("place_b", "actor_b"),
                name="partnership_one_party_per_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_a()} – {self.party_b()} ({self.kind})"

    def party_a(self) -> Place | Actor:
        return self.place_a or self.actor_a  # type: ignore[return-value]  # the check constraint sets one

    def party_b(self) -> Place | Actor:
        return self.place_b or self.actor_b  # type: ignore[return-value]  # the check constraint sets one


class Event(CitedRecord):
    record_type = "event"

    kind = models.CharField(max_length=30, choices=_choices("knowledge_event_kinds"))
    date = models.CharField(max_length=10, blank=True)
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="events")
    actors = models.ManyToManyField(Actor, related_name="events", blank=True)
    summary = models.TextField(blank=True, help_text="in the project's own words")

    class Meta:
        ordering = ["date", "pk"]
        constraints = [_partial_date_check("date", "event_partial_date")]

    def __str__(self) -> str:
        return f"{self.kind} {self.date}"


class Statement(CitedRecord):
    """Who said what about a subject. Statements on one subject with opposite stances stand side by side."""

    record_type = "statement"

    speaker = models.ForeignKey(Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="statements")
    speaker_name = models.CharField(max_length=300, help_text="as the source names the speaker")
    date = models.CharField(max_length=10, blank=True)
    stance = models.CharField(max_length=10, choices=_choices("stances"))
    quote = models.TextField()
    subject = models.CharField(max_length=300, help_text="what it is about, the key that groups opposing statements")
    subject_actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="statements_about"
    )

    class Meta:
        ordering = ["subject", "date"]
        constraints = [_partial_date_check("date", "statement_partial_date")]

    def __str__(self) -> str:
        return f"{self.speaker_name} {self.stance}: {self.subject}"


RECORD_MODELS: dict[str, type[CitedRecord]] = {
    model.record_type: model for model in (Place, Actor, ActorIdentifier, Partnership, Event, Statement)
}
