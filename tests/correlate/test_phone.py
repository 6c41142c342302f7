"""Phone numbers: every way of writing one number meets on its E.164 form."""

from __future__ import annotations

import pytest

from meldpunt.correlate.normalise import InvalidIdentifier, normalise

pytestmark = pytest.mark.usefixtures("offline")


@pytest.mark.parametrize(
    ("value", "region", "canonical"),
    [
        ("06-12345678", "NL", "+31612345678"),
        ("06 1234 5678", "NL", "+31612345678"),
        ("0612345678", "NL", "+31612345678"),
        ("+31 6 1234 5678", "NL", "+31612345678"),
        ("+31 (0)6 1234 5678", "NL", "+31612345678"),
        ("+31.6.12.34.56.78", "NL", "+31612345678"),
        ("0031 6 12345678", "NL", "+31612345678"),
        ("0031612345678", "US", "+31612345678"),  # the US dials 011, but 00 is read as + anyway
        ("０６－１２３４５６７８", "NL", "+31612345678"),  # full-width, as a Chinese keyboard types it
        ("\u200e+31\u00a06\u200b12345678", "NL", "+31612345678"),  # bidi mark, no-break and zero-width spaces
        ("tel:+31612345678", "NL", "+31612345678"),
        ("bel me op 06-12345678 aub", "NL", "+31612345678"),  # not 06-12345678-282 via the keypad
        ("(020) 123 4567", "NL", "+31201234567"),
        ("+1 (202) 555-0143 ext. 12", "NL", "+12025550143"),  # the extension is dropped
        ("138 0013 8000", "CN", "+8613800138000"),
        ("+86 138 0013 8000", "NL", "+8613800138000"),
        ("0086-10-1234-5678", "NL", "+861012345678"),
        ("0612345678", "nl", "+31612345678"),  # region case does not matter
        ("+31612345678 of +31 6 1234 5678", "NL", "+31612345678"),  # one number, twice
        # With its country code a number is taken as written, even where the metadata knows no such range.
        ("+31 6 9999 0000", "NL", "+31699990000"),
    ],
)
def test_numbers_become_e164(value: str, region: str, canonical: str) -> None:
    assert normalise("phone", value, region=region) == canonical


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("06-12345678", "06-12345679"),
        ("+31 20 123 4567", "+32 20 123 4567"),
    ],
)
def test_different_numbers_stay_apart(first: str, second: str) -> None:
    assert normalise("phone", first) != normalise("phone", second)


@pytest.mark.parametrize(
    ("value", "region", "code"),
    [
        ("hello", "NL", "not_a_phone_number"),
        ("call me maybe", "NL", "not_a_phone_number"),
        ("06 1234", "NL", "invalid_phone_number"),
        ("13800138000", "NL", "invalid_phone_number"),  # a Chinese mobile without +86 is no Dutch number
        ("06-12345678", "CN", "invalid_phone_number"),  # a Dutch mobile read in a Chinese report
        ("0612345678", "", "not_a_phone_number"),  # no region: only numbers with a country code
        ("+31612345678 of 0687654321", "NL", "several_phone_numbers"),
        ("2023-10-12", "NL", "invalid_phone_number"),
        ("06-9999 0000", "NL", "invalid_phone_number"),  # no Dutch mobile range starts 069
    ],
)
def test_malformed_numbers_are_refused(value: str, region: str, code: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise("phone", value, region=region)
    assert raised.value.code == code
