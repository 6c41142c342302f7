"""Rebuild an Ogg Opus or Ogg Vorbis stream with an empty comment header.

Protects against Vorbis comments (title, artist, the recording app's notes, location fields,
embedded cover pictures) and the binary data Opus allows after them, and against other logical
streams (video, a second audio track, anything) multiplexed or chained into the same file. Every
page is parsed and written back, so bytes between or after pages are dropped.
"""

from __future__ import annotations

from io import BytesIO
from typing import Final

from mutagen.ogg import OggPage

from meldpunt.intake.attachments.errors import AttachmentRejected

MAX_PAGES: Final = 100_000
# Codec by the start of its first header packet: (comment packet with no vendor and no comments,
# number of header packets). Vorbis's comment packet ends with a framing bit.
_CODECS: Final[dict[bytes, tuple[bytes, int]]] = {
    b"OpusHead": (b"OpusTags" + bytes(8), 2),
    b"\x01vorbis": (b"\x03vorbis" + bytes(8) + b"\x01", 3),
}


def _read_pages(data: bytes) -> list[OggPage]:
    fileobj = BytesIO(data)
    pages: list[OggPage] = []
    while fileobj.tell() < len(data):
        if len(pages) >= MAX_PAGES:
            raise AttachmentRejected("damaged", "The Ogg file has too many pages.")
        try:
            pages.append(OggPage(fileobj))  # type: ignore[no-untyped-call]  # mutagen's Ogg code is unannotated
        except EOFError:  # only zero bytes left after the last page
            break
    return pages


def _header_page_count(pages: list[OggPage], packets_needed: int) -> int:
    """How many pages after the first hold the remaining header packets, which must end a page."""
    finished = 0
    for count, page in enumerate(pages[1:], start=1):
        finished += len(page.packets) - (0 if page.complete else 1)
        if finished >= packets_needed and page.complete:
            if finished > packets_needed:
                break
            return count
    raise AttachmentRejected("damaged", "The Ogg headers are malformed.")


def clean_ogg(data: bytes) -> bytes:
    """The stream's identification header, a blank comment header, the setup header and the audio."""
    pages = _read_pages(data)
    if not pages or not pages[0].first or len(pages[0].packets) != 1 or not pages[0].complete:
        raise AttachmentRejected("damaged", "The Ogg file does not start with a stream header.")
    serial = pages[0].serial
    if any(page.serial != serial for page in pages):
        raise AttachmentRejected("unknown_type", "The Ogg file holds more than one stream.")
    codec = next((value for magic, value in _CODECS.items() if pages[0].packets[0].startswith(magic)), None)
    if codec is None:
        raise AttachmentRejected("unknown_type", "The Ogg file is neither Opus nor Vorbis.")
    blank_comment, header_packets = codec
    header_pages = _header_page_count(pages, header_packets - 1)
    old_headers: list[bytes] = OggPage.to_packets(  # type: ignore[no-untyped-call]  # unannotated, as above
        pages[1 : header_pages + 1], strict=True
    )
    audio = pages[header_pages + 1 :]
    if audio and audio[0].continued:
        raise AttachmentRejected("damaged", "The Ogg audio does not start on a page of its own.")
    new_headers: list[OggPage] = OggPage.from_packets(  # type: ignore[no-untyped-call]  # unannotated, as above
        [blank_comment, *old_headers[1:]], sequence=1
    )
    for sequence, page in enumerate([*new_headers, *audio], start=1):
        page.sequence = sequence
        page.serial = serial
    rebuilt = [pages[0], *new_headers, *audio]
    return b"".join(page.write() for page in rebuilt)  # type: ignore[no-untyped-call]  # unannotated, as above
