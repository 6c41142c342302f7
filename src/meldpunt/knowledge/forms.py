"""Analysts' forms. Choices come from the vocabularies with translated labels; the services check
the values again, and their KnowledgeError messages are shown on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.knowledge.models import RECORD_MODELS, Actor, CandidateKind, Place, Source
from meldpunt.knowledge.services.curation import CitationInput
from meldpunt.vocab import concept

# The fields an analyst edits, per kind of record (the rest is set by their own services).
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "place": ("name", "name_nl", "name_en", "country", "latitude", "longitude"),
    "actor": ("kind", "name", "country", "place", "operating_body", "opened", "closed", "status", "description"),
    "partnership": ("kind", "place_a", "actor_a", "place_b", "actor_b", "start", "end", "status", "stated_reason"),
    "event": ("kind", "date", "place", "actors", "summary"),
    "statement": ("speaker", "speaker_name", "date", "stance", "quote", "subject", "subject_actor"),
}
VOCABULARIES: dict[tuple[str, str], str] = {
    ("actor", "kind"): "knowledge_actor_kinds",
    ("actor", "status"): "station_statuses",
    ("partnership", "kind"): "partnership_kinds",
    ("partnership", "status"): "partnership_statuses",
    ("event", "kind"): "knowledge_event_kinds",
    ("statement", "stance"): "stances",
}
# Field labels for forms and detail pages (the models' verbose names are not translated).
FIELD_LABELS: dict[str, Any] = {
    "name": _("Name"),
    "name_nl": _("Name in Dutch"),
    "name_en": _("Name in English"),
    "country": _("Country (ISO code)"),
    "latitude": _("Latitude"),
    "longitude": _("Longitude"),
    "kind": _("Kind"),
    "place": _("Place"),
    "operating_body": _("Operating body"),
    "opened": _("Opened"),
    "closed": _("Closed"),
    "status": _("Status"),
    "description": _("Description"),
    "place_a": _("Place (first party)"),
    "actor_a": _("Body (first party)"),
    "place_b": _("Place (second party)"),
    "actor_b": _("Body (second party)"),
    "start": _("Start"),
    "end": _("End"),
    "stated_reason": _("Stated reason"),
    "date": _("Date"),
    "actors": _("Actors"),
    "summary": _("Summary in our own words"),
    "speaker": _("Speaker (known actor)"),
    "speaker_name": _("Speaker as named"),
    "stance": _("Stance"),
    "quote": _("Quote"),
    "subject": _("Subject"),
    "subject_actor": _("Subject (known actor)"),
}
_DATE_HELP = _("YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source")


def vocabulary_choices(vocabulary: str, *, blank: bool = True) -> list[tuple[str, Any]]:
    terms = [(term.id, _(term.label)) for term in concept(vocabulary).terms]  # YAML labels, translated lazily
    return [("", "—"), *terms] if blank else terms


class RecordForm(forms.ModelForm):  # type: ignore[type-arg]  # one form class per record kind, built below
    """The fields of one kind of record, with live places and actors only (not merged ones)."""

    record_type = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, form_field in self.fields.items():
            vocabulary = VOCABULARIES.get((self.record_type, name))
            if vocabulary:
                required = form_field.required
                form_field.choices = vocabulary_choices(vocabulary, blank=not required)  # type: ignore[attr-defined]
            queryset = getattr(form_field, "queryset", None)
            if queryset is not None and queryset.model in (Actor, Place):
                form_field.queryset = queryset.filter(merged_into=None)  # type: ignore[attr-defined]
            if name in ("date", "opened", "closed", "start", "end"):
                form_field.help_text = _DATE_HELP

    def values(self) -> dict[str, Any]:
        """The cleaned values for the record services."""
        return {name: self.cleaned_data[name] for name in self.fields}


def record_form_class(record_type: str) -> type[RecordForm]:
    fields = RECORD_FIELDS[record_type]
    meta = type("Meta", (), {"model": RECORD_MODELS[record_type], "fields": fields, "labels": FIELD_LABELS})
    return type(f"{record_type.title()}Form", (RecordForm,), {"Meta": meta, "record_type": record_type})


class CitationForm(forms.Form):
    """Where a fact comes from: the exact quote of a source with text, or a locator in a reference-only one."""

    source = forms.ModelChoiceField(label=_("Source"), queryset=Source.objects.defer("text"))
    quote = forms.CharField(
        label=_("Exact quote"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Copied exactly from the source's text."),
    )
    start = forms.IntegerField(
        label=_("Start offset"),
        required=False,
        min_value=0,
        help_text=_("Only when the quote occurs more than once: the character where the one meant begins."),
    )
    locator = forms.CharField(
        label=_("Locator"),
        required=False,
        max_length=200,
        help_text=_("For a source without text: where in it (page, answer number)."),
    )

    def citation(self) -> CitationInput:
        data = self.cleaned_data
        return CitationInput(
            source=data["source"], quote=data["quote"], start=data["start"], locator=data["locator"].strip()
        )


class SourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    publisher = forms.CharField(label=_("Publisher"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=500)
    url = forms.URLField(label=_("Web address"), max_length=1000, required=False, assume_scheme="https")
    date = forms.CharField(label=_("Date"), max_length=10, required=False, help_text=_DATE_HELP)
    language = forms.CharField(label=_("Language"), max_length=10, required=False, help_text=_("e.g. nl, en, zh"))
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Paste the document's text to quote passages from it; leave empty for a reference only."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = vocabulary_choices("source_kinds", blank=False)  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=500, required=False)


class MergeForm(forms.Form):
    target = forms.IntegerField(label=_("Merge into number"), min_value=1)


class AliasForm(forms.Form):
    name = forms.CharField(label=_("Alias"), max_length=300)
    language = forms.CharField(label=_("Language tag"), max_length=20, required=False, help_text=_("e.g. zh-Hans, nl"))


class IdentifierForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of identifier"), choices=())
    value = forms.CharField(label=_("Value as published"), max_length=300)
    platform = forms.CharField(label=_("Platform (for a social handle)"), max_length=30, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = vocabulary_choices("identifier_kinds", blank=False)  # type: ignore[attr-defined]


class AcceptForm(forms.Form):
    """What an extractor cannot know: what a statement is about, a place's country."""

    subject = forms.CharField(label=_("Subject"), max_length=300, required=False)
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, required=False)


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", "—"),
            (CandidateKind.EVENT.value, _("Event")),
            (CandidateKind.STATEMENT.value, _("Statement")),
            (CandidateKind.ENTITY.value, _("Place, organisation or person")),
            (CandidateKind.QUANTITY.value, _("Quantity")),
        ],
    )
    source = forms.IntegerField(label=_("Source number"), required=False, min_value=1)
