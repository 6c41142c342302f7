"""Reading the questionnaire from an HTML form posted without JavaScript, and what it shows again.

Identifier rows are numbered fields (identifier-0-kind, identifier-0-value …); "more rows" posts the
form back and the page returns with the answers kept and more empty rows, so no script is needed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import QueryDict
from django.utils.dates import MONTHS

from meldpunt.intake.countries import country_choices
from meldpunt.intake.questionnaire import MULTI_CHOICE_FIELDS, SINGLE_CHOICE_FIELDS
from meldpunt.vocab import concept

DEFAULT_ROWS = 3
ROWS_STEP = 3
MAX_ROWS = 50


def row_count(post: QueryDict | None) -> int:
    try:
        rows = int(post.get("identifier_rows", DEFAULT_ROWS)) if post is not None else DEFAULT_ROWS
    except ValueError:
        rows = DEFAULT_ROWS
    if post is not None and "more_rows" in post:
        rows += ROWS_STEP
    return max(DEFAULT_ROWS, min(rows, MAX_ROWS))


def raw_answers(post: QueryDict, *, language: str) -> dict[str, Any]:
    """The posted form as the plain values `parse_answers` takes."""
    year, month = post.get("incident_year", ""), post.get("incident_month", "")
    raw: dict[str, Any] = {
        "language": language,
        "narrative": post.get("narrative", ""),
        "incident_month": f"{year}-{int(month):02d}" if year and month.isdigit() else year,
        "identifiers": [
            {
                "kind": post.get(f"identifier-{i}-kind", ""),
                "value": post.get(f"identifier-{i}-value", ""),
                "platform": post.get(f"identifier-{i}-platform", ""),
            }
            for i in range(row_count(post))
        ],
        "consents": {name: post.get(f"consent_{name}") for name in ("replies", "statistics", "police_help")},
    }
    for name in ("country", "municipality", "origin_state", *SINGLE_CHOICE_FIELDS):
        raw[name] = post.get(name, "")
    for name in MULTI_CHOICE_FIELDS:
        raw[name] = post.getlist(name)
    return raw


def _row_error(errors: dict[str, Any], index: int) -> Any:
    prefix = f"identifiers.{index}."
    return next((message for field, message in errors.items() if field.startswith(prefix)), None)


def form_context(
    post: QueryDict | None, *, language: str, today: date, errors: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Everything the questionnaire template needs: choices from the vocabularies, answers so far."""
    rows = row_count(post)
    data = post or QueryDict()
    errors = errors or {}
    return {
        "errors": errors,
        "data": data,
        "rows": [
            {
                "index": i,
                "kind": data.get(f"identifier-{i}-kind", ""),
                "value": data.get(f"identifier-{i}-value", ""),
                "platform": data.get(f"identifier-{i}-platform", ""),
                "error": _row_error(errors, i),
            }
            for i in range(rows)
        ],
        "row_count": rows,
        "more_rows_possible": rows < MAX_ROWS,
        "selected": {name: data.getlist(name) for name in MULTI_CHOICE_FIELDS},
        "tactic_groups": [
            (label, [term for term in concept("tactics").terms if term.group == group])
            for group, label in concept("tactics").groups.items()
        ],
        "vocab": {
            name: concept(vocab).terms for name, vocab in {**MULTI_CHOICE_FIELDS, **SINGLE_CHOICE_FIELDS}.items()
        },
        "identifier_kinds": concept("identifier_kinds").terms,
        "countries": country_choices(language),
        "years": list(range(today.year, today.year - 40, -1)),
        "months": sorted(MONTHS.items()),
    }
