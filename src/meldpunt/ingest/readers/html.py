"""HTML: the main text as trafilatura extracts it (boilerplate dropped); offsets point into that text."""

from __future__ import annotations

import trafilatura

from meldpunt.ingest.readers.text import decode


def extract_text(markup: str) -> str:
    text = trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        raise ValueError("no main text found in the HTML")
    return text


def parse(data: bytes) -> str:
    return extract_text(decode(data))
