"""The public knowledge pages: thin views over `public_selectors`, plain GET, no login, no cookies, no script."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from meldpunt.knowledge import public_selectors as selectors
from meldpunt.knowledge.mapping import Dot, bounding_box_around, countries, map_svg
from meldpunt.vocab import concept


def _station_map(groups: list[selectors.CountryStations]) -> str:
    rows = [row for group in groups for row in group.stations]
    located = [row for row in rows if row.place and row.place.latitude is not None and row.place.longitude is not None]
    dots = [
        Dot(
            latitude=row.place.latitude,  # type: ignore[union-attr,arg-type]  # filtered just above
            longitude=row.place.longitude,  # type: ignore[union-attr,arg-type]  # filtered just above
            title=f"{row.fact.record.name} ({row.place.name})",  # type: ignore[union-attr]  # filtered above
        )
        for row in located
    ]
    counts = Counter(group.iso for group in groups for _row in group.stations)
    titles = {
        country.iso: ngettext("%(country)s: %(count)d station", "%(country)s: %(count)d stations", counts[country.iso])
        % {"country": selectors.country_name(country.iso), "count": counts[country.iso]}
        for country in countries()
        if country.iso
    }
    label = _(
        "Map of the stations: countries shaded by their number of stations, a dot per station with a known place "
        "(%(located)d of %(total)d). The tables below give the same facts."
    ) % {"located": len(located), "total": len(rows)}
    return map_svg(
        label=label,
        box=bounding_box_around((dot.latitude, dot.longitude) for dot in dots),
        counts=counts,
        dots=dots,
        country_title=titles,
    )


@require_GET
def stations(request: HttpRequest) -> HttpResponse:
    groups = selectors.stations_by_country()
    return render(
        request,
        "knowledge/public/stations.html",
        {
            "countries": groups,
            "station_count": sum(len(group.stations) for group in groups),
            # Built from escaped text only (mapping.svg escapes every title and label).
            "map": mark_safe(_station_map(groups)),  # noqa: S308  # every text in it is escaped by map_svg
        },
    )


@require_GET
def timeline(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/public/timeline.html", {"events": selectors.event_timeline()})


def _choices(vocabulary: str) -> list[tuple[str, Any]]:
    return [("", gettext_lazy("All")), *((t.id, gettext_lazy(t.label)) for t in concept(vocabulary).terms)]


class PartnershipFilter(forms.Form):
    """The table's filters as a GET form: a link to a filtered table can be shared and needs no script."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False, choices=_choices("partnership_kinds"))
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False, choices=_choices("partnership_statuses"))
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args: object, countries: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own signature
        self.fields["country"].choices = [("", _("All")), *countries]  # type: ignore[attr-defined]  # a ChoiceField


@require_GET
def partnerships(request: HttpRequest) -> HttpResponse:
    form = PartnershipFilter(request.GET or None, countries=selectors.partnership_countries())
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.partnership_list(
        kind=chosen.get("kind", ""), status=chosen.get("status", ""), country=chosen.get("country", "")
    )
    return render(request, "knowledge/public/partnerships.html", {"form": form, "partnerships": rows})


@require_GET
def statements(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/public/statements.html", {"groups": selectors.statement_groups()})


@require_GET
def actors(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/public/actors.html", {"kinds": selectors.actors_by_kind()})


@require_GET
def actor(request: HttpRequest, number: int) -> HttpResponse:
    published = selectors.actor_published(number=number)
    if published is None:
        raise Http404(_("No published actor has this number."))
    if published.pk != number:
        return redirect("knowledge_public:actor", number=published.pk, permanent=True)
    page = selectors.actor_page(number=number)
    if page is None:
        raise Http404(_("No published actor has this number."))
    return render(request, "knowledge/public/actor.html", {"page": page})
