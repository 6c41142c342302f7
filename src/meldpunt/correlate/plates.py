"""Vehicle number plates: upper-case letters and digits only, as the plate shows them without its
separators ("12-ABC-3", "12 abc 3" and "12ABC3" meet). Cyrillic and Greek letters that plates use
because they look like Latin ones (Russian А, В, Е, К, …; Greek Α, Β, Ε, …) are read as those Latin
letters, since a reporter types what they saw with whichever keyboard they have. Digits of other
scripts become ASCII digits; other letters (the province character of a Chinese plate) are kept.
"""

from __future__ import annotations

import unicodedata

from meldpunt.correlate.base import Hints, Normaliser
from meldpunt.correlate.errors import InvalidIdentifier

_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEKMHOPCTYXIJSABEZHIKMNOPTYX")
_LENGTH = range(2, 16)


def plate_key(text: str) -> str:
    kept = []
    for char in text.upper().translate(_LOOKALIKES):
        digit = unicodedata.decimal(char, None)
        if digit is not None:
            kept.append(str(digit))
        elif char.isalpha():
            kept.append(char)
    return "".join(kept)


class VehiclePlateNormaliser(Normaliser):
    kind = "vehicle_plate"

    def clean(self, text: str, hints: Hints) -> str:
        return plate_key(text)

    def validate(self, canonical: str) -> None:
        if len(canonical) not in _LENGTH:
            raise InvalidIdentifier("not_a_plate", "a number plate has 2 to 15 letters and digits")
