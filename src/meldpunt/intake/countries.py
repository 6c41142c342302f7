"""Countries for the questionnaire: ISO 3166-1 alpha-2 codes with names in the reporter's language.

Names come from the CLDR data that Babel ships, so every language of the interface, Uyghur included,
gets its own country names offline.
"""

from __future__ import annotations

from functools import cache

import phonenumbers
from babel import Locale

# Region codes with a numbering plan are the real countries and territories; this drops CLDR's
# groupings (EU, UN, 419 …) without a hand-kept list.
COUNTRY_CODES = frozenset(code for code in phonenumbers.SUPPORTED_REGIONS if len(code) == 2)

_BABEL_LOCALE = {"zh-hans": "zh_Hans", "zh-hant": "zh_Hant"}


@cache
def country_choices(language: str) -> tuple[tuple[str, str], ...]:
    """(code, name) pairs sorted by name as the language writes it."""
    names = Locale.parse(_BABEL_LOCALE.get(language, language)).territories
    english = Locale.parse("en").territories
    pairs = [(code, names.get(code) or english.get(code, code)) for code in COUNTRY_CODES]
    return tuple(sorted(pairs, key=lambda pair: pair[1]))


def is_country(code: str) -> bool:
    return code in COUNTRY_CODES
