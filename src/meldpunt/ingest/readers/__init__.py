"""Readers turn a file into the text every offset points into; one module per format."""

from __future__ import annotations

from pathlib import Path

from meldpunt.ingest.readers import html, pdf, text


class UnreadableDocument(Exception):
    """The file could not be turned into text; the message says why."""


READERS = {".txt": text.read, ".text": text.read, ".html": html.read, ".htm": html.read, ".pdf": pdf.read}
SUFFIXES = frozenset(READERS)


def read(path: Path) -> str:
    reader = READERS.get(path.suffix.lower(), text.read)
    try:
        return reader(path)
    except (OSError, ValueError) as exc:
        raise UnreadableDocument(f"{path}: {exc}") from exc
