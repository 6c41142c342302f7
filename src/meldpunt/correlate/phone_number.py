"""Phone numbers to E.164, the form every way of writing one number has in common.

Numbers are found with phonenumbers' PhoneNumberMatcher, never with a bare `parse()`: parse reads
letters as keypad digits, so "06-12345678 aub" would be indexed as a different, longer number.
A number written without a country code must be valid for the report's region: a Chinese mobile
number written without +86 in a Dutch report reads as a possible Dutch number, and is refused rather
than indexed as someone else's. A number written with its country code (+ or 00) needs only be
possible: there is no region guess to get wrong, and phonenumbers' metadata lags new ranges.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from meldpunt.correlate.base import Hints, Normaliser
from meldpunt.correlate.errors import InvalidIdentifier

# "0031 6…" is international in most of the world but not in every region's dialling plan (the US
# dials 011), so a leading 00 not inside a longer number is read as "+" (as " +", which keeps the
# offsets of text that numbers are found in).
_DOUBLE_ZERO = re.compile(r"(?<![\d+])(?<!\d[\s./()-])00(?=[\s./()-]?[1-9])")


def phone_matches(text: str, region: str, *, leniency: int) -> PhoneNumberMatcher:
    """The numbers written in `text`, with their offsets in it."""
    return PhoneNumberMatcher(_DOUBLE_ZERO.sub(" +", text), region.upper(), leniency=leniency)


def phone_e164(text: str, region: str) -> str:
    """The one number written in `text` (which may hold other words), as E.164; an extension is
    dropped, so a desk's direct line meets its switchboard number."""
    matches = list(phone_matches(text, region, leniency=Leniency.POSSIBLE))
    if not matches:
        raise InvalidIdentifier("not_a_phone_number", "no phone number found")
    accepted = {
        phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
        for match in matches
        if phonenumbers.is_valid_number(match.number) or match.raw_string.lstrip().startswith(("+", "＋"))
    }
    if not accepted:
        raise InvalidIdentifier(
            "invalid_phone_number",
            "not a valid phone number for the report's region; a foreign number needs its country code",
        )
    if len(accepted) > 1:
        raise InvalidIdentifier("several_phone_numbers", "more than one phone number; give one at a time")
    return accepted.pop()


def check_e164(canonical: str) -> None:
    try:
        number = phonenumbers.parse(canonical, None)
    except phonenumbers.NumberParseException as error:
        raise InvalidIdentifier("not_a_phone_number", "not a phone number in E.164 form") from error
    if (
        not phonenumbers.is_possible_number(number)
        or phonenumbers.format_number(number, PhoneNumberFormat.E164) != canonical
    ):
        raise InvalidIdentifier("invalid_phone_number", "not a possible phone number in E.164 form")


class PhoneNormaliser(Normaliser):
    kind = "phone"

    def clean(self, text: str, hints: Hints) -> str:
        return phone_e164(text, hints.region)

    def validate(self, canonical: str) -> None:
        check_e164(canonical)
