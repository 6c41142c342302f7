"""The questionnaire as data: one validation path for the web form and the JSON API.

`parse_answers` takes plain values (strings, lists, booleans) from either surface and returns a
`ReportAnswers` or every problem at once, each as a field and a stable code that the pages and the
API translate. Nothing is stored before this has passed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from meldpunt.intake.countries import is_country
from meldpunt.intake.text_rules import forbidden_characters, normalise_text
from meldpunt.vocab import concept

LANGUAGES = ("nl", "en", "zh-hans", "zh-hant", "ug")
MAX_NARRATIVE = 20_000
MAX_SHORT_TEXT = 300
MAX_IDENTIFIERS = 50
MAX_MESSAGE = 20_000
_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?$")

# Optional multiple-choice questions beside tactics, each answered from its vocabulary.
MULTI_CHOICE_FIELDS = {
    "tactics": "tactics",
    "media": "media",
    "demands": "demands",
    "actor_types": "actor_types",
    "reported_elsewhere": "reported_elsewhere",
}
SINGLE_CHOICE_FIELDS = {"targeted": "reporter_roles", "urgency": "urgency", "community": "communities"}


@dataclass(frozen=True)
class Problem:
    field: str
    code: str


class InvalidAnswers(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Identifier:
    kind: str
    value: str
    platform: str = ""


@dataclass(frozen=True)
class Consents:
    replies: bool = False
    statistics: bool = False
    police_help: bool = False


@dataclass(frozen=True)
class ReportAnswers:
    language: str
    narrative: str
    incident_month: str = ""
    country: str = ""
    municipality: str = ""
    targeted: str = ""
    urgency: str = ""
    community: str = ""
    origin_state: str = ""
    tactics: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    demands: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    reported_elsewhere: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    consents: Consents = field(default_factory=Consents)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> ReportAnswers:
        raw = json.loads(data)
        raw["identifiers"] = tuple(Identifier(**row) for row in raw["identifiers"])
        raw["consents"] = Consents(**raw["consents"])
        for name in MULTI_CHOICE_FIELDS:
            raw[name] = tuple(raw[name])
        return cls(**raw)


class _Checker:
    """Collects problems while cleaning, so the reporter sees every one in a single round."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def text(self, name: str, value: Any, *, max_length: int, required: bool = False) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problems.append(Problem(name, "invalid"))
            return ""
        cleaned = normalise_text(value).strip()
        if required and not cleaned:
            self.problems.append(Problem(name, "required"))
        elif len(cleaned) > max_length:
            self.problems.append(Problem(name, "too_long"))
        elif forbidden_characters(cleaned):
            self.problems.append(Problem(name, "invalid_characters"))
        return cleaned

    def choice(self, name: str, value: Any, vocabulary: str) -> str:
        if value in (None, ""):
            return ""
        if value not in concept(vocabulary):
            self.problems.append(Problem(name, "unknown_choice"))
            return ""
        return str(value)

    def choices(self, name: str, values: Any, vocabulary: str) -> tuple[str, ...]:
        if values in (None, ""):
            return ()
        if isinstance(values, str) or not isinstance(values, list | tuple):
            self.problems.append(Problem(name, "invalid"))
            return ()
        known = concept(vocabulary)
        if any(value not in known for value in values):
            self.problems.append(Problem(name, "unknown_choice"))
            return ()
        return tuple(term for term in known.ids() if term in values)

    def country(self, name: str, value: Any) -> str:
        if value in (None, ""):
            return ""
        if not isinstance(value, str) or not is_country(value.upper()):
            self.problems.append(Problem(name, "unknown_country"))
            return ""
        return value.upper()

    def month(self, name: str, value: Any, today: date) -> str:
        if value in (None, ""):
            return ""
        match = _MONTH.match(value) if isinstance(value, str) else None
        if not match or not 1 <= int(match[2] or 1) <= 12 or not int(match[1]) >= 1900:
            self.problems.append(Problem(name, "invalid_month"))
            return ""
        if (int(match[1]), int(match[2] or 1)) > (today.year, today.month):
            self.problems.append(Problem(name, "future_month"))
            return ""
        return str(value)

    def identifiers(self, values: Any) -> tuple[Identifier, ...]:
        if values in (None, ""):
            return ()
        if not isinstance(values, list | tuple):
            self.problems.append(Problem("identifiers", "invalid"))
            return ()
        kinds = concept("identifier_kinds")
        rows = []
        for index, row in enumerate(values):
            where = f"identifiers.{index}"
            if not isinstance(row, Mapping):
                self.problems.append(Problem(where, "invalid"))
                continue
            value = self.text(f"{where}.value", row.get("value"), max_length=MAX_SHORT_TEXT)
            platform = self.text(f"{where}.platform", row.get("platform"), max_length=60)
            kind = row.get("kind") or ""
            if not value and not platform:
                continue  # an empty row of the form, not an answer
            if kind not in kinds:
                self.problems.append(Problem(f"{where}.kind", "unknown_choice" if kind else "required"))
                continue
            if not value:
                self.problems.append(Problem(f"{where}.value", "required"))
                continue
            rows.append(Identifier(kind=kind, value=value, platform=platform))
        if len(rows) > MAX_IDENTIFIERS:
            self.problems.append(Problem("identifiers", "too_many"))
        return tuple(dict.fromkeys(rows))


def _flag(value: Any) -> bool:
    return value is True or value in ("on", "true", "1", "yes")


def parse_answers(raw: Mapping[str, Any], *, today: date) -> ReportAnswers:
    """Validate one submission's answers, or raise InvalidAnswers listing every problem."""
    check = _Checker()
    language = raw.get("language")
    if language not in LANGUAGES:
        check.problems.append(Problem("language", "unknown_choice"))
    consents = raw.get("consents") or {}
    if not isinstance(consents, Mapping):
        check.problems.append(Problem("consents", "invalid"))
        consents = {}
    community = check.choice("community", raw.get("community"), "communities")
    origin_state = check.country("origin_state", raw.get("origin_state"))
    if community and not origin_state:
        origin_state = concept("communities").get(community).extra.get("origin_state", "")
    answers = ReportAnswers(
        language=str(language),
        narrative=check.text("narrative", raw.get("narrative"), max_length=MAX_NARRATIVE, required=True),
        incident_month=check.month("incident_month", raw.get("incident_month"), today),
        country=check.country("country", raw.get("country")),
        municipality=check.text("municipality", raw.get("municipality"), max_length=100),
        targeted=check.choice("targeted", raw.get("targeted"), "reporter_roles"),
        urgency=check.choice("urgency", raw.get("urgency"), "urgency"),
        community=community,
        origin_state=origin_state,
        identifiers=check.identifiers(raw.get("identifiers")),
        consents=Consents(
            replies=_flag(consents.get("replies")),
            statistics=_flag(consents.get("statistics")),
            police_help=_flag(consents.get("police_help")),
        ),
        **{name: check.choices(name, raw.get(name), vocab) for name, vocab in MULTI_CHOICE_FIELDS.items()},
    )
    if check.problems:
        raise InvalidAnswers(check.problems)
    return answers


def parse_message(text: Any, *, required: bool = True) -> str:
    """A follow-up message's text, with the same rules as the narrative (optional beside files)."""
    check = _Checker()
    cleaned = check.text("text", text, max_length=MAX_MESSAGE, required=required)
    if check.problems:
        raise InvalidAnswers(check.problems)
    return cleaned
