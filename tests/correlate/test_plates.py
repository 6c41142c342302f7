"""Vehicle number plates: letters and digits as the plate shows them, without separators."""

from __future__ import annotations

import pytest

from meldpunt.correlate.normalise import InvalidIdentifier, normalise

pytestmark = pytest.mark.usefixtures("offline")


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        ("12-ABC-3", "12ABC3"),
        ("12 abc 3", "12ABC3"),
        ("12·ABC·3", "12ABC3"),
        ("１２－ＡＢＣ－３", "12ABC3"),
        ("А123ВС 77", "A123BC77"),  # Russian plate typed with a Cyrillic keyboard
        ("ΙΚΧ-1234", "IKX1234"),  # Greek plate letters
        ("京A·12345", "京A12345"),  # the province character of a Chinese plate stays
        ("B-MW 1234", "BMW1234"),
        ("٣٤٥ ABC", "345ABC"),  # Arabic-Indic digits
    ],
)
def test_plates_become_canonical(value: str, canonical: str) -> None:
    assert normalise("vehicle_plate", value) == canonical


@pytest.mark.parametrize(("first", "second"), [("12-ABC-3", "12-ABD-3"), ("京A12345", "沪A12345")])
def test_different_plates_stay_apart(first: str, second: str) -> None:
    assert normalise("vehicle_plate", first) != normalise("vehicle_plate", second)


@pytest.mark.parametrize("value", ["-", "A", "--- ---", "A" * 16])
def test_malformed_plates_are_refused(value: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise("vehicle_plate", value)
    assert raised.value.code == "not_a_plate"
