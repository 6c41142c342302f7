"""Names of people and organisations, folded to what different spellings of one name share.

People: case, diacritics, punctuation and word order are folded ("Zoë van Dijk" meets "DIJK, Zoe
van"). Han characters become simplified, then toneless pinyin, and a name written wholly in pinyin
is split into syllables, so 张国华, 張國華, Zhang Guohua, Guohua Zhang, ZHANG Guo-hua and zhang guohua
all become "guo hua zhang". This is a phonetic key: homophones (张国华, 章国花) and the same
syllables in another order meet too. That is the price of meeting across scripts; the handler who
sees both reports decides. Wade-Giles and other romanisations do not meet pinyin.

Organisations: case, diacritics, punctuation, whitespace and traditional/simplified Han are folded,
and legal-form designations at the end (B.V., Ltd., GmbH, 有限公司, …) are dropped, because
reporters leave them out or write them differently. Word order is kept: it carries meaning in an
organisation's name. Han is not turned into pinyin: an organisation's Chinese and English names
differ in meaning, not only in script, and pinyin would only add homophones.
"""

from __future__ import annotations

import re
import unicodedata

from meldpunt.correlate.base import Hints, Normaliser
from meldpunt.correlate.errors import InvalidIdentifier
from meldpunt.correlate.folding import fold_accents
from meldpunt.correlate.han import HAN, simplified, split_syllables, to_pinyin

_TONE_NUMBER = re.compile(r"(?<=[a-z])[1-5](?!\d)")
_BETWEEN_HAN = re.compile(f"(?<={HAN.pattern})\\s+(?={HAN.pattern})")
_LEGAL_FORMS = tuple(
    tuple(form.split())
    for form in (
        "b v", "bv", "n v", "nv", "v o f", "vof", "ltd", "limited", "inc", "incorporated", "corp", "corporation",
        "co", "llc", "l l c", "llp", "plc", "pty", "pte", "gmbh", "ag", "e v", "ev", "kg", "s a", "sa", "sarl",
        "sas", "srl", "s p a", "spa", "s r o", "sro", "oy", "kk", "bhd", "sdn",
    )
)  # fmt: skip
_HAN_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")


def words(text: str) -> list[str]:
    """Letters, digits and combining marks; everything else separates words."""
    return "".join(char if unicodedata.category(char)[0] in "LNM" else " " for char in text).split()


def _has_letter(canonical: str, what: str) -> None:
    if not any(unicodedata.category(char).startswith("L") for char in canonical):
        raise InvalidIdentifier("not_a_name", f"a {what} has at least one letter")


def person_key(text: str) -> str:
    found = words(_TONE_NUMBER.sub("", fold_accents(to_pinyin(simplified(text)))))
    split = [split_syllables(word) for word in found]
    if all(syllables is not None for syllables in split):
        found = [syllable for syllables in split if syllables for syllable in syllables]
    return " ".join(sorted(found))


def _without_legal_form(found: list[str]) -> list[str] | None:
    """`found` without one legal-form designation at its end, or None if it ends in none; a name that
    is nothing but a legal form keeps it."""
    for form in _LEGAL_FORMS:
        if len(found) > len(form) and tuple(found[-len(form) :]) == form:
            return found[: -len(form)]
    for han_form in _HAN_LEGAL_FORMS:
        if found[-1].endswith(han_form) and len(found[-1]) > len(han_form):
            return [*found[:-1], found[-1].removesuffix(han_form)]
    return None


def organisation_key(text: str) -> str:
    found = _BETWEEN_HAN.sub("", " ".join(words(fold_accents(simplified(text))))).split()
    while found and (shorter := _without_legal_form(found)) is not None:
        found = shorter
    return " ".join(found)


class PersonNameNormaliser(Normaliser):
    kind = "person_name"

    def clean(self, text: str, hints: Hints) -> str:
        return person_key(text)

    def validate(self, canonical: str) -> None:
        _has_letter(canonical, "person's name")


class OrganisationNameNormaliser(Normaliser):
    kind = "organisation_name"

    def clean(self, text: str, hints: Hints) -> str:
        return organisation_key(text)

    def validate(self, canonical: str) -> None:
        _has_letter(canonical, "organisation's name")
