"""The shape every identifier normaliser has (STYLE 7, after FollowTheMoney's property types)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from meldpunt.correlate.errors import InvalidIdentifier
from meldpunt.correlate.folding import visible

# Longer than any identifier a person types (the longest are URLs); bounds the work per value.
MAX_LENGTH = 2048


@dataclass(frozen=True)
class Hints:
    """What the report says beside the value: the platform of a social handle, the region whose
    phone numbers are written without a country code."""

    platform: str = ""
    region: str = "NL"


class Normaliser(ABC):
    """One identifier kind: `clean` reads a value into its canonical form, `validate` checks that a
    canonical form keeps the kind's rules. Both raise InvalidIdentifier, never anything else."""

    kind: ClassVar[str]

    @abstractmethod
    def clean(self, text: str, hints: Hints) -> str:
        """The canonical form of `text` (already stripped, NFKC and free of invisible characters)."""

    @abstractmethod
    def validate(self, canonical: str) -> None:
        """Raise InvalidIdentifier when `canonical` breaks the rules of this kind."""

    def normalise(self, value: str, hints: Hints) -> str:
        if len(value) > MAX_LENGTH:
            raise InvalidIdentifier("too_long", f"longer than {MAX_LENGTH} characters")
        text = visible(value).strip()
        if not text:
            raise InvalidIdentifier("empty", "the value is empty")
        canonical = self.clean(text, hints)
        self.validate(canonical)
        return canonical
