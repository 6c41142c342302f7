"""PDF: the text layer of each page, pages joined by a newline (no OCR: a scan without text is unreadable)."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader
from pypdf.errors import PdfReadError


def parse(data: bytes) -> str:
    try:
        reader = PdfReader(BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as exc:
        raise ValueError(f"not a readable PDF ({exc})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise ValueError("the PDF has no text layer")
    return text
