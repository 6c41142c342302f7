"""Typed loading of the YAML vocabularies in `data/`, read once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: a stable id and an English label that gettext translates."""

    id: str
    label: str
    group: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocabulary:
    """A named list of terms, in the order the YAML gives (the order forms show)."""

    name: str
    multiple: bool
    terms: tuple[Term, ...]
    groups: dict[str, str]

    def ids(self) -> tuple[str, ...]:
        return tuple(term.id for term in self.terms)

    def get(self, term_id: str) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(f"{term_id!r} is not a term of {self.name}")

    def __contains__(self, term_id: object) -> bool:
        return any(term.id == term_id for term in self.terms)


_DATA = "meldpunt.vocab.data"
_KNOWN_KEYS = {"id", "label", "group"}


def _parse(name: str, raw: dict[str, Any]) -> Vocabulary:
    if raw.get("concept") != name:
        raise ValueError(f"{name}.yaml declares concept {raw.get('concept')!r}")
    groups = dict(raw.get("groups") or {})
    terms = []
    seen: set[str] = set()
    for entry in raw["terms"]:
        term_id = entry["id"]
        if term_id in seen or not term_id.replace("_", "").isalnum() or term_id != term_id.lower():
            raise ValueError(f"{name}: id {term_id!r} is duplicated or not snake_case")
        if entry.get("group") is not None and entry["group"] not in groups:
            raise ValueError(f"{name}: {term_id} names unknown group {entry['group']!r}")
        seen.add(term_id)
        extra = {key: value for key, value in entry.items() if key not in _KNOWN_KEYS}
        terms.append(Term(id=term_id, label=entry["label"], group=entry.get("group"), extra=extra))
    return Vocabulary(name=name, multiple=bool(raw.get("multiple")), terms=tuple(terms), groups=groups)


@cache
def concepts() -> dict[str, Vocabulary]:
    """Every vocabulary shipped in `data/`, by concept name."""
    loaded = {}
    for resource in sorted(resources.files(_DATA).iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".yaml"):
            name = resource.name.removesuffix(".yaml")
            loaded[name] = _parse(name, yaml.safe_load(resource.read_text(encoding="utf-8")))
    return loaded


def concept(name: str) -> Vocabulary:
    return concepts()[name]


def ids(name: str) -> tuple[str, ...]:
    return concept(name).ids()
