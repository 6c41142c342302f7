"""The one error a normaliser raises: input that cannot be read as the kind it was given as."""

from __future__ import annotations

from typing import Literal

ErrorCode = Literal[
    "empty",
    "too_long",
    "unknown_kind",
    "not_a_phone_number",
    "invalid_phone_number",
    "several_phone_numbers",
    "not_an_email",
    "bad_handle",
    "unknown_platform",
    "missing_platform",
    "platform_mismatch",
    "not_a_url",
    "not_a_name",
    "not_a_plate",
]


class InvalidIdentifier(ValueError):
    """Raised instead of indexing a value as something it is not.

    `code` is stable (forms and the API map it to a translated message); the English message says
    what was wrong. Messages never repeat the value: identifiers are kept only encrypted and as a blind
    index (DESIGN rule 5), and an error message may end up in a log.
    """

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code: ErrorCode = code
        self.message = message

    def __repr__(self) -> str:
        return f"InvalidIdentifier({self.code!r}, {self.message!r})"
