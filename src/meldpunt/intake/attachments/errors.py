"""Why an attachment was refused, as a stable code that callers translate.

Messages are plain English for logs and developers; they never repeat the file name or any of the
file's content, because both can identify the reporter.
"""

from __future__ import annotations

from typing import Final

REJECTION_CODES: Final[tuple[str, ...]] = (
    "too_large",
    "too_many",
    "total_too_large",
    "unknown_type",
    "damaged",
    "decompression_bomb",
    "active_content",
    "empty",
)

_DEFAULT_MESSAGES: Final[dict[str, str]] = {
    "too_large": "The file is larger than allowed.",
    "too_many": "Too many files were attached.",
    "total_too_large": "The files together are larger than allowed.",
    "unknown_type": "The file's content is not one of the accepted types.",
    "damaged": "The file is damaged or cannot be inspected.",
    "decompression_bomb": "The file would expand to more than allowed when opened.",
    "active_content": "The file contains scripts, actions or embedded files.",
    "empty": "The file is empty.",
}


class AttachmentRejected(Exception):
    """An uploaded file that will not be stored; `code` is one of REJECTION_CODES."""

    def __init__(self, code: str, message: str | None = None) -> None:
        if code not in REJECTION_CODES:
            raise ValueError(f"unknown rejection code {code!r}")
        self.code = code
        self.message = message or _DEFAULT_MESSAGES[code]
        super().__init__(self.message)
