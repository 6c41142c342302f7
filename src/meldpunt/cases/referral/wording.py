"""The package's own wording for the police, read from `labels.yaml`, and how values are written.

Dates stay ISO 8601 in both languages: a police officer, a court and another country's police read
2024-05-03 the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from meldpunt.intake.countries import country_choices
from meldpunt.vocab import concepts

Language = Literal["nl", "en"]
_BABEL_LOCALE = {"zh-hans": "zh_Hans", "zh-hant": "zh_Hant"}


@cache
def label_table() -> dict[str, dict[str, str]]:
    """language -> key -> text, as `labels.yaml` gives it."""
    raw = yaml.safe_load(resources.files(__package__).joinpath("labels.yaml").read_text(encoding="utf-8"))
    return {language: {str(key): str(text) for key, text in table.items()} for language, table in raw.items()}


class Wording:
    """Labels and value formatting in one language of the package."""

    def __init__(self, language: Language, vocabulary_labels: Mapping[str, str]) -> None:
        self.language = language
        self._labels = label_table()[language]
        self._vocabulary_labels = vocabulary_labels

    def __getitem__(self, key: str) -> str:
        return self._labels[key]

    def __contains__(self, key: str) -> bool:
        return key in self._labels

    def term(self, vocabulary: str, term_id: str) -> str:
        """A vocabulary term as the caller translated it; the English label or the id if it did not."""
        if not term_id:
            return ""
        translated = self._vocabulary_labels.get(f"{vocabulary}.{term_id}")
        if translated:
            return translated
        known = concepts().get(vocabulary)
        return known.get(term_id).label if known and term_id in known else term_id

    def terms(self, vocabulary: str, term_ids: tuple[str, ...]) -> str:
        return "; ".join(self.term(vocabulary, term_id) for term_id in term_ids)

    def country(self, code: str) -> str:
        if not code:
            return ""
        name = dict(country_choices(self.language)).get(code, code)
        return f"{name} ({code})"

    def language_name(self, code: str) -> str:
        try:
            name = Locale.parse(_BABEL_LOCALE.get(code, code)).get_display_name(self.language)
        except (ValueError, UnknownLocaleError):  # not a language Babel knows; show the code as stored
            return code
        return f"{name} ({code})" if name else code

    def size(self, size: int) -> str:
        return f"{format_decimal(size, locale=self.language)} {self['bytes']}"

    def yes_no(self, value: bool) -> str:
        return self["answer_yes"] if value else self["answer_no"]
