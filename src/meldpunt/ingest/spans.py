"""Helpers shared by the extractors for offsets into the text as read."""

from __future__ import annotations

import re

URL = re.compile(r"(?:https?://|www\.)\S+")


def masked(text: str) -> str:
    """The text with URLs blanked out, same length, so offsets stay valid and URL parts never become facts."""
    return URL.sub(lambda m: " " * len(m.group()), text)


def overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)
