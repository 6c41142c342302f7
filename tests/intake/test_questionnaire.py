from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from meldpunt.intake.questionnaire import InvalidAnswers, ReportAnswers, parse_answers
from tests.conftest import answers_raw

TODAY = date(2026, 11, 24)


def problems(**overrides: Any) -> set[tuple[str, str]]:
    with pytest.raises(InvalidAnswers) as caught:
        parse_answers(answers_raw(**overrides), today=TODAY)
    return {(p.field, p.code) for p in caught.value.problems}


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"narrative": ""}, ("narrative", "required")),
        ({"narrative": "   \n "}, ("narrative", "required")),
        ({"narrative": "x" * 20_001}, ("narrative", "too_long")),
        ({"narrative": "he said \u202egnp.exe"}, ("narrative", "invalid_characters")),
        ({"narrative": "isolate \u2067text\u2069"}, ("narrative", "invalid_characters")),
        ({"narrative": "nul \x00 byte"}, ("narrative", "invalid_characters")),
        ({"narrative": "bell \x07"}, ("narrative", "invalid_characters")),
        ({"narrative": "private use \ue000"}, ("narrative", "invalid_characters")),
        ({"language": "fr"}, ("language", "unknown_choice")),
        ({"tactics": ["direct_threat", "mind_control"]}, ("tactics", "unknown_choice")),
        ({"tactics": "direct_threat"}, ("tactics", "invalid")),
        ({"community": "martians"}, ("community", "unknown_choice")),
        ({"country": "XX"}, ("country", "unknown_country")),
        ({"origin_state": "China"}, ("origin_state", "unknown_country")),
        ({"incident_month": "2026-13"}, ("incident_month", "invalid_month")),
        ({"incident_month": "March 2026"}, ("incident_month", "invalid_month")),
        ({"incident_month": "2027-01"}, ("incident_month", "future_month")),
        ({"identifiers": [{"kind": "carrier_pigeon", "value": "x"}]}, ("identifiers.0.kind", "unknown_choice")),
        ({"identifiers": [{"kind": "", "value": "+31 6 1"}]}, ("identifiers.0.kind", "required")),
        ({"identifiers": [{"kind": "email", "value": "a\u202e@b"}]}, ("identifiers.0.value", "invalid_characters")),
        ({"identifiers": [{"kind": "phone", "value": str(n)} for n in range(51)]}, ("identifiers", "too_many")),
        ({"consents": ["yes"]}, ("consents", "invalid")),
    ],
)
def test_bad_answers_are_refused_with_a_field_and_code(overrides: dict[str, Any], expected: tuple[str, str]) -> None:
    assert expected in problems(**overrides)


def test_every_problem_is_reported_at_once() -> None:
    found = problems(narrative="", country="XX", tactics=["nope"])
    assert {field for field, _ in found} == {"narrative", "country", "tactics"}


def test_good_answers_are_cleaned_and_round_trip_through_json() -> None:
    answers = parse_answers(
        answers_raw(
            narrative="  他每天打电话\r\n第二行 ",
            tactics=["pressure_to_return", "direct_threat"],
            identifiers=[
                {"kind": "phone", "value": "+31 6 1234 5678"},
                {"kind": "", "value": "", "platform": ""},
                {"kind": "phone", "value": "+31 6 1234 5678"},
            ],
            community="uyghur",
            incident_month="2026-02",
            country="nl",
        ),
        today=TODAY,
    )
    assert answers.narrative == "他每天打电话\n第二行"
    assert answers.tactics == ("direct_threat", "pressure_to_return")  # vocabulary order
    assert len(answers.identifiers) == 1  # empty rows skipped, duplicates folded
    assert answers.origin_state == "CN"  # taken from the community when not given
    assert answers.country == "NL"
    assert ReportAnswers.from_json(answers.to_json()) == answers


def test_year_alone_is_a_valid_rough_date() -> None:
    assert parse_answers(answers_raw(incident_month="2025"), today=TODAY).incident_month == "2025"


def test_right_to_left_marks_are_allowed_in_uyghur_text() -> None:
    text = "ماڭا ھەر كۈنى تېلېفون قىلدى\u200f +86 10 5555"
    assert parse_answers(answers_raw(language="ug", narrative=text), today=TODAY).narrative == text
