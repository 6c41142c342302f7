"""What a referral package is made of: plain values that the Django shell gathers from a report.

The pure core sees no database and no gettext: the caller decrypts the report, reads the custody
trail from the audit log and passes the vocabulary labels already translated (`vocabulary_labels`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from meldpunt.vocab import concepts

if TYPE_CHECKING:  # intake.selectors reads the database; the core only needs the shape of its values
    from meldpunt.intake.questionnaire import ReportAnswers
    from meldpunt.intake.selectors import MessageView


@dataclass(frozen=True)
class CustodyEntry:
    seq: int
    when: str  # ISO date or datetime, as the audit log stores it
    actor: str
    event: str
    details: str


@dataclass(frozen=True)
class ReferralFile:
    """One decrypted attachment; `sha256` and `size` are those recorded at intake."""

    filename: str = field(repr=False)
    media_type: str
    sha256: str
    size: int
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class ReferralInput:
    report_number: int
    language: Literal["nl", "en"]  # of the package's own labels, for the police
    reporter_language: str
    received_on: date
    status: str
    answers: ReportAnswers = field(repr=False)  # report text stays out of logs and tracebacks
    messages: Sequence[MessageView] = field(repr=False)
    files: Sequence[ReferralFile]
    custody: Sequence[CustodyEntry]
    prepared_by: str
    prepared_on: date
    labels: Mapping[str, str] = field(repr=False)  # "<vocabulary>.<term id>" -> label, see vocabulary_labels


class AttachmentMismatch(ValueError):
    """An attachment's bytes do not match the digest or size recorded at intake."""


def vocabulary_labels(translate: Callable[[str], str]) -> dict[str, str]:
    """Every vocabulary label keyed "<vocabulary>.<term id>", e.g. gettext under the package's language.

    Keys carry the vocabulary because ids repeat across vocabularies ("other", "phone", "email").
    """
    return {
        f"{name}.{term.id}": translate(term.label)
        for name, vocabulary in concepts().items()
        for term in vocabulary.terms
    }


def check_files(files: Sequence[ReferralFile]) -> None:
    """Refuse to package a file whose bytes are not the ones the PDF vouches for."""
    for number, file in enumerate(files, start=1):
        if len(file.data) != file.size or hashlib.sha256(file.data).hexdigest() != file.sha256.lower():
            raise AttachmentMismatch(f"attachment {number} does not match its recorded size and SHA-256")
