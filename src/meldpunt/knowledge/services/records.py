"""Create, edit, cite, retire, restore and merge knowledge records, each change kept in its history.

Every record is created with at least one citation; the database refuses it otherwise (records.py),
and this module says so first with a clear error. Values are checked with the model's own validation
(choices, lengths, partial dates, the one-party-per-side rule) before anything is written.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction

from meldpunt.accounts.models import User
from meldpunt.correlate.normalise import InvalidIdentifier, normalise
from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.models import (
    RECORD_MODELS,
    Actor,
    ActorAlias,
    ActorIdentifier,
    Citation,
    CitedRecord,
    Place,
    RecordAction,
)
from meldpunt.knowledge.services.history import version_add
from meldpunt.knowledge.services.sources import partial_date_clean

PARTIAL_DATE_FIELDS = ("opened", "closed", "start", "end", "date")
MERGEABLE = ("actor", "place")
# Fields that only their own service changes (citations, retirement, merging) or the database sets.
_NOT_SET_BY_VALUES = {"id", "citation", "more_citations", "retired", "retired_reason", "merged_into"}


def _model(record_type: str) -> type[CitedRecord]:
    if record_type not in RECORD_MODELS:
        raise KnowledgeError("unknown_record_type", f"{record_type!r} is not a kind of knowledge record")
    return RECORD_MODELS[record_type]


def _assign(record: CitedRecord, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set plain fields on the record; return many-to-many values to set once it has a number."""
    many: dict[str, list[Any]] = {}
    names = {field.name for field in record._meta.get_fields()}
    m2m = {field.name for field in record._meta.many_to_many}
    for name, value in values.items():
        if name not in names or name in _NOT_SET_BY_VALUES:
            raise KnowledgeError("unknown_field", f"{record.record_type} has no field {name!r} to set")
        if name in m2m:
            many[name] = list(value)
        elif name in PARTIAL_DATE_FIELDS:
            setattr(record, name, partial_date_clean(value or "", field=name))
        else:
            setattr(record, name, value)
    return many


def _validate(record: CitedRecord) -> None:
    try:
        record.full_clean(exclude=["more_citations"])
    except ValidationError as error:
        details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        raise KnowledgeError("invalid", details) from error


def record_create(
    *, record_type: str, values: dict[str, Any], citations: list[Citation], acting_user: User | None
) -> CitedRecord:
    """A new record citing `citations` (at least one)."""
    if not citations:
        raise KnowledgeError("citation_missing", "a fact needs at least one citation")
    record = _model(record_type)()
    many = _assign(record, values)
    record.citation = citations[0]
    _validate(record)
    with transaction.atomic():
        record.save()
        for name, value in many.items():
            getattr(record, name).set(value)
        record.more_citations.add(*citations[1:])
        version_add(record, action=RecordAction.CREATED, acting_user=acting_user)
    return record


def record_update(*, record: CitedRecord, values: dict[str, Any], acting_user: User | None, note: str = "") -> None:
    """Change fields of a record; the history keeps what it was."""
    many = _assign(record, values)
    _validate(record)
    with transaction.atomic():
        record.save()
        for name, value in many.items():
            getattr(record, name).set(value)
        version_add(record, action=RecordAction.EDITED, acting_user=acting_user, note=note)


def record_cite(*, record: CitedRecord, citation: Citation, acting_user: User | None) -> None:
    """Add a further citation (corroboration) to a record."""
    with transaction.atomic():
        record.more_citations.add(citation)
        version_add(record, action=RecordAction.CITED, acting_user=acting_user, note=str(citation))


def record_retire(*, record: CitedRecord, reason: str, acting_user: User | None) -> None:
    """Hide a record from the public and from exports, keeping it and its history."""
    if not reason.strip():
        raise KnowledgeError("reason_missing", "say why the record is retired")
    with transaction.atomic():
        record.retired, record.retired_reason = True, reason.strip()[:500]
        record.save(update_fields=["retired", "retired_reason"])
        version_add(record, action=RecordAction.RETIRED, acting_user=acting_user, note=reason)


def record_restore(*, record: CitedRecord, acting_user: User | None) -> None:
    if getattr(record, "merged_into_id", None) is not None:
        raise KnowledgeError("merged", "a merged record stays merged; edit the record it was merged into")
    with transaction.atomic():
        record.retired, record.retired_reason = False, ""
        record.save(update_fields=["retired", "retired_reason"])
        version_add(record, action=RecordAction.RESTORED, acting_user=acting_user)


def _repoint(source: Actor | Place, target: Actor | Place) -> None:
    """Move every reference to `source` onto `target`: foreign keys and many-to-many rows."""
    for relation in source._meta.related_objects:
        if relation.remote_field.name == "merged_into":
            continue
        related = relation.related_model
        field = relation.remote_field.name
        if relation.many_to_many:
            through = getattr(related, field).through
            column = f"{source._meta.model_name}_id"
            owner = f"{related._meta.model_name}_id"
            owners = through.objects.filter(**{column: source.pk}).values_list(owner, flat=True)
            through.objects.bulk_create(
                [through(**{column: target.pk, owner: pk}) for pk in owners], ignore_conflicts=True
            )
            through.objects.filter(**{column: source.pk}).delete()
        elif related is ActorAlias:
            known = set(ActorAlias.objects.filter(actor_id=target.pk).values_list("name", flat=True))
            ActorAlias.objects.filter(actor_id=source.pk).exclude(name__in=known).update(actor_id=target.pk)
            ActorAlias.objects.filter(actor_id=source.pk).delete()
        else:
            related._default_manager.filter(**{field: source}).update(**{field: target})


def record_merge(*, record_type: str, source_id: int, target_id: int, acting_user: User | None) -> CitedRecord:
    """Merge a duplicate actor or place into another: references, aliases, identifiers and citations move
    to the target, and the duplicate is retired pointing at it, so its number still leads somewhere."""
    if record_type not in MERGEABLE:
        raise KnowledgeError("not_mergeable", f"only {' and '.join(MERGEABLE)} records are merged")
    if source_id == target_id:
        raise KnowledgeError("same_record", "a record cannot be merged into itself")
    model = _model(record_type)
    with transaction.atomic():
        source = cast(Actor | Place, model._default_manager.select_for_update().get(pk=source_id))
        target = cast(Actor | Place, model._default_manager.select_for_update().get(pk=target_id))
        if source.merged_into_id is not None or target.merged_into_id is not None:
            raise KnowledgeError("merged", "one of the records was merged already")
        if isinstance(source, Actor) and isinstance(target, Actor):
            ActorAlias.objects.get_or_create(actor=target, name=source.name, defaults={"language": ""})
        _repoint(source, target)
        target.more_citations.add(source.citation, *source.more_citations.all())
        source.merged_into = target
        source.retired, source.retired_reason = True, f"merged into {record_type} {target.pk}"
        source.save(update_fields=["merged_into", "retired", "retired_reason"])
        version_add(source, action=RecordAction.MERGED, acting_user=acting_user, note=f"into {target.pk}")
        version_add(target, action=RecordAction.ABSORBED, acting_user=acting_user, note=f"{source.pk}")
        if isinstance(target, Actor):
            _known_identifiers_sync(target)
    return target


def actor_alias_add(*, actor: Actor, name: str, language: str = "") -> ActorAlias:
    if not name.strip():
        raise KnowledgeError("missing_field", "an alias needs a name")
    alias, _ = ActorAlias.objects.get_or_create(actor=actor, name=name.strip(), defaults={"language": language})
    return alias


def actor_identifier_add(
    *,
    actor: Actor,
    kind: str,
    value: str,
    citations: list[Citation],
    acting_user: User | None,
    platform: str = "",
    region: str = "",
) -> ActorIdentifier:
    """Record a published identifier of an actor and put it into the correlation index, so a report
    holding it links to the actor (and reports already holding it get an alert)."""
    try:
        canonical = normalise(kind, value, platform=platform, region=region or actor.country or "NL")
    except InvalidIdentifier as error:
        raise KnowledgeError(f"identifier_{error.code}", str(error)) from error
    identifier = cast(
        ActorIdentifier,
        record_create(
            record_type="identifier",
            values={"actor": actor, "kind": kind, "platform": platform, "value": value.strip(), "canonical": canonical},
            citations=citations,
            acting_user=acting_user,
        ),
    )
    transaction.on_commit(lambda: _known_identifiers_sync(actor))
    return identifier


def actor_ref(actor: Actor) -> str:
    """How the correlation index names an actor, so either app can land first (correlate KnownIdentifier)."""
    return f"knowledge.actor:{actor.pk}"


def _known_identifiers_sync(actor: Actor) -> None:
    from meldpunt.correlate.linking import known_identifier_add
    from meldpunt.intake.services import blind_index

    index = blind_index()
    for identifier in actor.identifiers.filter(retired=False):
        known_identifier_add(
            kind=identifier.kind,
            digest=index.digest(identifier.kind, identifier.canonical),
            actor_ref=actor_ref(actor),
            actor_label=actor.name,
        )
