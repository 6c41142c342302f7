"""Strip metadata segments from a JPEG without re-encoding it.

Used for JPEG images embedded inside PDFs (phone "scan to PDF" apps often embed the camera's JPEG
as is), where re-encoding would mean rebuilding the page. Protects against the EXIF (GPS, camera
serial), XMP, IPTC, ICC and comment segments such a JPEG carries, and against data after its end.
Only APP14 "Adobe" is kept, because decoders need it to get the colours of CMYK images right.
"""

from __future__ import annotations

from typing import Final

_SOI: Final = 0xD8
_EOI: Final = 0xD9
_SOS: Final = 0xDA
_COM: Final = 0xFE
_APP0: Final = 0xE0
_APP14: Final = 0xEE
_APP15: Final = 0xEF
# Markers without a length field: TEM and the restart markers RST0-RST7.
_STANDALONE: Final = frozenset({0x01, *range(0xD0, 0xD8)})


class JpegStructureError(ValueError):
    """The JPEG's segments cannot be followed, so it cannot be shown to be clean."""


def _is_metadata(marker: int, payload: bytes) -> bool:
    if marker == _APP14:
        return not payload.startswith(b"Adobe")
    return marker == _COM or _APP0 <= marker <= _APP15


def _end_of_scan(data: bytes, pos: int) -> int:
    """Offset of the first marker after entropy-coded data starting at `pos`."""
    while (pos := data.find(b"\xff", pos)) != -1 and pos + 1 < len(data):
        following = data[pos + 1]
        if following == 0x00 or following in _STANDALONE or following == 0xFF:
            pos += 1
            continue
        return pos
    raise JpegStructureError("scan runs past the end of the data")


def strip_jpeg_metadata(data: bytes) -> bytes:
    """The JPEG's segments minus APPn (except Adobe) and COM, ending at its EOI marker."""
    if not data.startswith(b"\xff\xd8"):
        raise JpegStructureError("no start-of-image marker")
    kept = [b"\xff\xd8"]
    pos = 2
    while pos + 1 < len(data):
        if data[pos] != 0xFF:
            raise JpegStructureError("expected a marker")
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == _EOI:
            kept.append(b"\xff\xd9")
            return b"".join(kept)
        if marker in _STANDALONE or marker == _SOI:
            raise JpegStructureError("marker out of place")
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise JpegStructureError("segment runs past the end of the data")
        if not _is_metadata(marker, data[pos + 4 : end]):
            kept.append(data[pos:end])
        if marker == _SOS:
            scan_end = _end_of_scan(data, end)
            kept.append(data[end:scan_end])
            end = scan_end
        pos = end
    raise JpegStructureError("no end-of-image marker")
