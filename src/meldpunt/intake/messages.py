"""Translated wording for the stable problem codes of the questionnaire and the attachment checks."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PROBLEM_MESSAGES: dict[str, Promise] = {
    "required": _("Please fill this in."),
    "too_long": _("This text is too long."),
    "invalid": _("This answer could not be read."),
    "invalid_characters": _(
        "This text contains invisible control or direction-changing characters. Please remove them and try again."
    ),
    "unknown_choice": _("Please choose one of the options given."),
    "unknown_country": _("Please choose a country from the list."),
    "invalid_month": _("Please give a valid month and year."),
    "future_month": _("This date lies in the future."),
    "too_many": _("Too many rows; please keep the most important ones."),
    "malformed_upload": _("The form could not be read. Please send it again."),
}

# Keyed by meldpunt.intake.attachments.REJECTION_CODES; a test keeps the two in step.
ATTACHMENT_MESSAGES: dict[str, Promise] = {
    "too_large": _("A file is larger than allowed (10 MB per file)."),
    "too_many": _("Too many files at once (at most 10)."),
    "total_too_large": _("The files together are larger than allowed (25 MB)."),
    "unknown_type": _("A file is not of an accepted type. Accepted: photos (JPEG, PNG, WebP), PDF and audio."),
    "damaged": _("A file could not be read; it may be damaged."),
    "decompression_bomb": _("A file expands to an unreasonable size and was refused."),
    "active_content": _("A PDF file contains scripts, actions or embedded files and was refused."),
    "empty": _("A file is empty."),
}


def problem_message(code: str) -> Promise:
    return PROBLEM_MESSAGES.get(code, PROBLEM_MESSAGES["invalid"])


def attachment_message(code: str) -> Promise:
    return ATTACHMENT_MESSAGES.get(code, ATTACHMENT_MESSAGES["damaged"])
