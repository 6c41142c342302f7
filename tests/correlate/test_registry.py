"""The table of normalisers, the vocabulary and the contract callers rely on."""

from __future__ import annotations

import inspect
import socket

import pytest

from meldpunt.correlate.base import MAX_LENGTH
from meldpunt.correlate.normalise import NORMALISERS, InvalidIdentifier, normalise
from meldpunt.vocab import concept

pytestmark = pytest.mark.usefixtures("offline")


def test_every_identifier_kind_in_the_vocabulary_has_a_normaliser_and_no_other() -> None:
    assert set(NORMALISERS) == set(concept("identifier_kinds").ids())


def test_the_table_is_keyed_by_each_normalisers_own_kind() -> None:
    assert all(normaliser.kind == kind for kind, normaliser in NORMALISERS.items())


def test_kinds_that_need_a_platform_are_the_ones_the_vocabulary_marks() -> None:
    marked = {term.id for term in concept("identifier_kinds").terms if term.extra.get("needs_platform")}
    assert marked == {"social_handle"}


def test_the_signature_the_intake_calls_is_kept() -> None:
    parameters = inspect.signature(normalise).parameters
    assert list(parameters) == ["kind", "value", "platform", "region"]
    assert parameters["platform"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["platform"].default == ""
    assert parameters["region"].default == "NL"


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise("fax", "+31 20 123 4567")
    assert raised.value.code == "unknown_kind"


@pytest.mark.parametrize("kind", sorted(NORMALISERS))
@pytest.mark.parametrize("value", ["", "   ", "\u200b", "\u200e\u200f \t\n"])
def test_an_empty_value_is_refused_as_empty(kind: str, value: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise(kind, value, platform="x")
    assert raised.value.code == "empty"


@pytest.mark.parametrize("kind", sorted(NORMALISERS))
def test_an_overlong_value_is_refused_before_any_work(kind: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise(kind, "a" * (MAX_LENGTH + 1))
    assert raised.value.code == "too_long"


def test_an_invalid_identifier_is_a_value_error_with_a_stable_code() -> None:
    with pytest.raises(ValueError, match="phone") as raised:
        normalise("phone", "no number here")
    assert isinstance(raised.value, InvalidIdentifier)
    assert raised.value.code == "not_a_phone_number"


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("phone", "06-1234 zqzq"),
        ("email", "zqzq@localhost"),
        ("telegram", "@zqzq"),
        ("url", "https://zqzq.invalidtld/"),
        ("social_handle", "@zqzq"),
        ("person_name", "zqzq!" * 500),
    ],
)
def test_error_messages_never_repeat_the_value(kind: str, value: str) -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        normalise(kind, value)
    assert "zqzq" not in str(raised.value)
    assert "zqzq" not in repr(raised.value)


def test_the_network_is_refused_while_these_tests_run() -> None:
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("192.0.2.1", 80))
