"""The extractor's output, as JSON-ready dicts: every cited item carries offsets into the text as read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Entity:
    type: str
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class DateMention:
    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Quantity:
    value: int
    unit: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """Something that happened to a place or party; start/end are the sentence that says so."""

    kind: str
    place: str
    date: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """Who said what, as named; the quote lies within the passage start/end."""

    speaker: str
    stance: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class QAPair:
    number: int
    question: str
    answer: str


@dataclass
class Extraction:
    document: str
    language: str
    kind: str
    references: list[str] = field(default_factory=list)
    qa_pairs: list[QAPair] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)
