"""The analysts' pages (DESIGN: analysts curate the knowledge base). Only analysts get in: handlers,
supervisors and admins have no part in curation, and everything published is public anyway.
Thin: each page reads through a selector or calls one service and shows its KnowledgeError."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from meldpunt.accounts.decorators import staff_required, staff_user
from meldpunt.accounts.models import Role
from meldpunt.knowledge import forms, selectors
from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.models import Actor, CandidateFact, CandidateStatus, CitedRecord, Source
from meldpunt.knowledge.services import (
    actor_alias_add,
    actor_identifier_add,
    record_merge,
    record_restore,
    record_retire,
    record_update,
    source_create,
)
from meldpunt.knowledge.services.curation import citation_make, record_corroborate, record_create_cited
from meldpunt.knowledge.services.review import (
    candidate_accept,
    candidate_record_type,
    candidate_reject,
    candidate_values,
)

CURATORS = (Role.ANALYST,)
PAGES = ("list", "new", "detail", "edit", "cite", "retire", "restore")


@dataclass(frozen=True)
class RecordKind:
    record_type: str
    segment: str
    title: Promise
    mergeable: bool = False

    @property
    def routes(self) -> dict[str, str]:
        """Route names per page, for `{% url kind.routes.detail number=… %}`."""
        return {page: f"knowledge:{self.record_type}_{page}" for page in (*PAGES, "merge")}


KINDS: dict[str, RecordKind] = {
    kind.record_type: kind
    for kind in (
        RecordKind("place", "places", gettext_lazy("Places"), mergeable=True),
        RecordKind("actor", "actors", gettext_lazy("Actors and stations"), mergeable=True),
        RecordKind("partnership", "partnerships", gettext_lazy("Partnerships")),
        RecordKind("event", "events", gettext_lazy("Events")),
        RecordKind("statement", "statements", gettext_lazy("Statements")),
    )
}


def _record(record_type: str, number: int) -> CitedRecord:
    record = selectors.record_get(record_type=record_type, number=number)
    if record is None:
        raise Http404
    return record


def _actor(number: int) -> Actor:
    actor = _record("actor", number)
    if not isinstance(actor, Actor):
        raise Http404
    return actor


def _detail_url(record: CitedRecord) -> str:
    return reverse(KINDS[record.record_type].routes["detail"], kwargs={"number": record.pk})


def _display(record: CitedRecord, name: str) -> Any:
    model_field = record._meta.get_field(name)
    if model_field.many_to_many:
        return ", ".join(str(related) for related in getattr(record, name).all())
    value = getattr(record, name)
    vocabulary = forms.VOCABULARIES.get((record.record_type, name))
    if vocabulary and value:
        return dict(forms.vocabulary_choices(vocabulary)).get(value, value)
    return "" if value is None else value


@staff_required(*CURATORS)
def index(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    pending = CandidateFact.objects.filter(status=CandidateStatus.PENDING).count()
    return render(request, "knowledge/staff/index.html", {"kinds": KINDS.values(), "pending": pending})


# Sources


@staff_required(*CURATORS)
def source_list(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    return render(request, "knowledge/staff/sources.html", {"sources": selectors.source_list()})


@require_http_methods(["GET", "POST"])
@staff_required(*CURATORS)
def source_new(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    form = forms.SourceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            source = source_create(**form.cleaned_data)
        except KnowledgeError as refused:
            form.add_error(None, refused.message)
        else:
            return HttpResponseRedirect(reverse("knowledge:source", kwargs={"number": source.pk}))
    status = 400 if request.method == "POST" else 200
    return render(request, "knowledge/staff/source_new.html", {"form": form}, status=status)


@staff_required(*CURATORS)
def source_detail(request: HttpRequest, number: int, *, private_key: bytes) -> HttpResponse:
    source = get_object_or_404(Source, pk=number)
    context = {"source": source, "pieces": selectors.source_passages(source=source)}
    return render(request, "knowledge/staff/source.html", context)


# Records of every kind


@staff_required(*CURATORS)
def record_list(request: HttpRequest, *, record_type: str, private_key: bytes) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    show_retired = request.GET.get("retired") == "1"
    context = {
        "kind": KINDS[record_type],
        "records": selectors.record_list(record_type=record_type, query=query, show_retired=show_retired),
        "query": query,
        "show_retired": show_retired,
    }
    return render(request, "knowledge/staff/records.html", context)


def _detail(request: HttpRequest, record: CitedRecord, *, status: int = 200, **forms_given: Any) -> HttpResponse:
    kind = KINDS[record.record_type]
    shown = forms.RECORD_FIELDS[kind.record_type]
    context: dict[str, Any] = {
        "kind": kind,
        "record": record,
        "fields": [(forms.FIELD_LABELS[name], _display(record, name)) for name in shown],
        "citations": selectors.record_citations(record=record),
        "history": selectors.record_history(record=record),
        "cite_form": forms.CitationForm(),
        "retire_form": forms.ReasonForm(),
        "merge_form": forms.MergeForm() if kind.mergeable else None,
    }
    if isinstance(record, Actor):
        context |= {
            "aliases": record.aliases.all(),
            "identifiers": record.identifiers.select_related("citation__source"),
            "alias_form": forms.AliasForm(),
            "identifier_form": forms.IdentifierForm(),
            "identifier_cite_form": forms.CitationForm(prefix="cite"),
        }
    context |= forms_given
    return render(request, "knowledge/staff/record.html", context, status=status)


@staff_required(*CURATORS)
def record_detail(request: HttpRequest, number: int, *, record_type: str, private_key: bytes) -> HttpResponse:
    return _detail(request, _record(record_type, number))


@require_http_methods(["GET", "POST"])
@staff_required(*CURATORS)
def record_new(request: HttpRequest, *, record_type: str, private_key: bytes) -> HttpResponse:
    form = forms.record_form_class(record_type)(request.POST or None)
    cite_form = forms.CitationForm(request.POST or None, prefix="cite")
    if request.method == "POST" and form.is_valid() and cite_form.is_valid():
        try:
            record = record_create_cited(
                record_type=record_type,
                values=form.values(),
                cite=cite_form.citation(),
                acting_user=staff_user(request),
            )
        except KnowledgeError as refused:
            cite_form.add_error(None, refused.message)
        else:
            messages.success(request, _("Record created."))
            return HttpResponseRedirect(_detail_url(record))
    context = {"kind": KINDS[record_type], "form": form, "cite_form": cite_form, "record": None}
    return render(request, "knowledge/staff/record_form.html", context, status=400 if request.method == "POST" else 200)


def _attempt(form: BaseForm, action: Callable[[], object]) -> bool:
    """Run a service; a refusal becomes the form's error, which the page shows, instead of an error page."""
    try:
        action()
    except KnowledgeError as refused:
        form.add_error(None, refused.message)
        return False
    return True


@require_http_methods(["GET", "POST"])
@staff_required(*CURATORS)
def record_edit(request: HttpRequest, number: int, *, record_type: str, private_key: bytes) -> HttpResponse:
    record = _record(record_type, number)
    form = forms.record_form_class(record_type)(request.POST or None, instance=record)
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(form, lambda: record_update(record=record, values=form.values(), acting_user=staff_user(request)))
    ):
        messages.success(request, _("Changes saved."))
        return HttpResponseRedirect(_detail_url(record))
    context = {"kind": KINDS[record_type], "form": form, "cite_form": None, "record": record}
    return render(request, "knowledge/staff/record_form.html", context, status=400 if request.method == "POST" else 200)


@require_POST
@staff_required(*CURATORS)
def record_cite(request: HttpRequest, number: int, *, record_type: str, private_key: bytes) -> HttpResponse:
    record = _record(record_type, number)
    cite_form = forms.CitationForm(request.POST)
    if cite_form.is_valid() and _attempt(
        cite_form, lambda: record_corroborate(record=record, cite=cite_form.citation(), acting_user=staff_user(request))
    ):
        messages.success(request, _("Citation added."))
        return HttpResponseRedirect(_detail_url(record))
    return _detail(request, record, status=400, cite_form=cite_form)


@require_POST
@staff_required(*CURATORS)
def record_retire_view(request: HttpRequest, number: int, *, record_type: str, private_key: bytes) -> HttpResponse:
    record = _record(record_type, number)
    form = forms.ReasonForm(request.POST)
    if form.is_valid() and _attempt(
        form, lambda: record_retire(record=record, reason=form.cleaned_data["reason"], acting_user=staff_user(request))
    ):
        messages.success(request, _("Record retired."))
        return HttpResponseRedirect(_detail_url(record))
    return _detail(request, record, status=400, retire_form=form)


@require_POST
@staff_required(*CURATORS)
def record_restore_view(request: HttpRequest, number: int, *, record_type: str, private_key: bytes) -> HttpResponse:
    record = _record(record_type, number)
    try:
        record_restore(record=record, acting_user=staff_user(request))
    except KnowledgeError as refused:
        return _detail(request, record, status=400, error=refused.message)
    messages.success(request, _("Record restored."))
    return HttpResponseRedirect(_detail_url(record))


@require_POST
@staff_required(*CURATORS)
def record_merge_view(request: HttpRequest, number: int, *, record_type: str, private_key: bytes) -> HttpResponse:
    record = _record(record_type, number)
    form = forms.MergeForm(request.POST)
    if form.is_valid():
        target_id = form.cleaned_data["target"]
        if selectors.record_get(record_type=record_type, number=target_id) is None:
            form.add_error("target", _("There is no such record of this kind."))
        else:
            try:
                target = record_merge(
                    record_type=record_type, source_id=record.pk, target_id=target_id, acting_user=staff_user(request)
                )
            except KnowledgeError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Record merged."))
                return HttpResponseRedirect(_detail_url(target))
    return _detail(request, record, status=400, merge_form=form)


@require_POST
@staff_required(*CURATORS)
def actor_alias(request: HttpRequest, number: int, *, private_key: bytes) -> HttpResponse:
    actor = _actor(number)
    form = forms.AliasForm(request.POST)
    if form.is_valid() and _attempt(
        form,
        lambda: actor_alias_add(actor=actor, name=form.cleaned_data["name"], language=form.cleaned_data["language"]),
    ):
        return HttpResponseRedirect(_detail_url(actor))
    return _detail(request, actor, status=400, alias_form=form)


@require_POST
@staff_required(*CURATORS)
def actor_identifier(request: HttpRequest, number: int, *, private_key: bytes) -> HttpResponse:
    actor = _actor(number)
    form = forms.IdentifierForm(request.POST)
    cite_form = forms.CitationForm(request.POST, prefix="cite")
    if form.is_valid() and cite_form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                actor_identifier_add(
                    actor=actor,
                    kind=data["kind"],
                    value=data["value"],
                    platform=data["platform"].strip(),
                    citations=[citation_make(cite=cite_form.citation())],
                    acting_user=staff_user(request),
                )
        except KnowledgeError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Identifier added; reports holding it are linked to this actor."))
            return HttpResponseRedirect(_detail_url(actor))
    return _detail(request, actor, status=400, identifier_form=form, identifier_cite_form=cite_form)


# Review queue


def _queue(request: HttpRequest, *, status: int = 200, error: str = "") -> HttpResponse:
    filters = forms.QueueFilterForm(request.GET)
    kind, source_id = "", None
    if filters.is_valid():
        kind, source_id = filters.cleaned_data["kind"], filters.cleaned_data["source"]
    context = {
        "rows": selectors.review_queue(kind=kind, source_id=source_id),
        "filters": filters,
        "sources": selectors.review_sources(),
        "accept_form": forms.AcceptForm(),
        "reject_form": forms.OptionalReasonForm(),
        "error": error,
    }
    return render(request, "knowledge/staff/review.html", context, status=status)


@staff_required(*CURATORS)
def review_queue(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    return _queue(request)


def _accepted(request: HttpRequest, record: CitedRecord) -> HttpResponse:
    messages.success(request, _("Candidate accepted."))
    return HttpResponseRedirect(_detail_url(record))


@require_POST
@staff_required(*CURATORS)
def candidate_accept_view(request: HttpRequest, number: int, *, private_key: bytes) -> HttpResponse:
    candidate = get_object_or_404(CandidateFact.objects.select_related("source"), pk=number)
    form = forms.AcceptForm(request.POST)
    if not form.is_valid():
        return _queue(request, status=400, error=_("Please check the subject and the country."))
    try:
        record = candidate_accept(candidate=candidate, acting_user=staff_user(request), **form.cleaned_data)
    except KnowledgeError as refused:
        return _queue(request, status=400, error=refused.message)
    return _accepted(request, record)


@require_POST
@staff_required(*CURATORS)
def candidate_reject_view(request: HttpRequest, number: int, *, private_key: bytes) -> HttpResponse:
    candidate = get_object_or_404(CandidateFact, pk=number)
    form = forms.OptionalReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        candidate_reject(candidate=candidate, acting_user=staff_user(request), reason=reason)
    except KnowledgeError as refused:
        return _queue(request, status=400, error=refused.message)
    messages.success(request, _("Candidate rejected."))
    return HttpResponseRedirect(reverse("knowledge:review"))


@require_http_methods(["GET", "POST"])
@staff_required(*CURATORS)
def candidate_edit(request: HttpRequest, number: int, *, private_key: bytes) -> HttpResponse:
    """Edit then accept: the form starts from the extractor's proposal; the passage stays the candidate's."""
    candidate = get_object_or_404(CandidateFact.objects.select_related("source"), pk=number)
    row = selectors.QueueRow(
        candidate=candidate,
        before=candidate.source.text[max(0, candidate.start - selectors.CONTEXT_CHARS) : candidate.start],
        passage=candidate.source.text[candidate.start : candidate.end],
        after=candidate.source.text[candidate.end : candidate.end + selectors.CONTEXT_CHARS],
    )
    context: dict[str, Any] = {
        "row": row,
        "reject_form": forms.OptionalReasonForm(),
        "form": None,
        "error": "",
        "record_kind": KINDS.get(candidate.record_type),
    }
    if candidate.status != CandidateStatus.PENDING and request.method == "GET":
        return render(request, "knowledge/staff/candidate.html", context)
    try:
        record_type = candidate_record_type(candidate)
    except KnowledgeError as refused:
        context["error"] = refused.message
        return render(request, "knowledge/staff/candidate.html", context)
    form_class = forms.record_form_class(record_type)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                record = candidate_accept(candidate=candidate, acting_user=staff_user(request), values=form.values())
            except KnowledgeError as refused:
                form.add_error(None, refused.message)
            else:
                return _accepted(request, record)
    else:
        form = form_class(initial=candidate_values(candidate))
    context |= {"form": form, "kind": KINDS[record_type]}
    return render(request, "knowledge/staff/candidate.html", context, status=400 if request.method == "POST" else 200)


# Contradictions


@staff_required(*CURATORS)
def contradictions(request: HttpRequest, *, private_key: bytes) -> HttpResponse:
    context = {"statements": selectors.statement_conflicts(), "events": selectors.event_conflicts()}
    return render(request, "knowledge/staff/contradictions.html", context)
