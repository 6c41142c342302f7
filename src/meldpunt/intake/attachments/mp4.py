"""Neutralise metadata in an M4A (MP4/ISO BMFF audio) file in place.

Protects against iTunes-style tags (moov/udta/meta/ilst), the recording's GPS position (©xyz in
udta, written by phones), XMP in uuid boxes, handler names, creation and modification times, and
leftovers of earlier tags in free/skip padding. Refuses files holding video or any non-sound track.

Every box is kept at its size so the sample offsets in the chunk tables stay valid: a box that is
not on the allow-list below keeps its size but becomes a "free" box full of zeros. The audio
samples in mdat, the sample tables in minf and movie fragments are copied as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

from meldpunt.intake.attachments.errors import AttachmentRejected

# Far more boxes than an audio file has outside its sample tables; bounds the work on hostile files.
MAX_BOXES: Final = 10_000


@dataclass(frozen=True)
class _Box:
    kind: bytes
    start: int
    payload: int
    end: int


@dataclass
class _Budget:
    boxes_left: int = MAX_BOXES


def _boxes(buf: bytearray, start: int, end: int, budget: _Budget) -> Iterator[_Box]:
    pos = start
    while pos < end:
        budget.boxes_left -= 1
        if budget.boxes_left < 0:
            raise AttachmentRejected("damaged", "The MP4 file has too many boxes.")
        if end - pos < 8:
            raise AttachmentRejected("damaged", "An MP4 box header is truncated.")
        size, header = int.from_bytes(buf[pos : pos + 4], "big"), 8
        if size == 1 and end - pos >= 16:
            size, header = int.from_bytes(buf[pos + 8 : pos + 16], "big"), 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise AttachmentRejected("damaged", "An MP4 box runs past its container.")
        yield _Box(bytes(buf[pos + 4 : pos + 8]), pos, pos + header, pos + size)
        pos += size


def _keep(buf: bytearray, box: _Box, budget: _Budget) -> None:
    """Allowed as it is: sample data, tables and brands that say nothing about the reporter."""


def _blank(buf: bytearray, box: _Box, budget: _Budget) -> None:
    buf[box.start + 4 : box.start + 8] = b"free"
    buf[box.payload : box.end] = bytes(box.end - box.payload)


def _zero_times(buf: bytearray, box: _Box, budget: _Budget) -> None:
    """mvhd, tkhd and mdhd open with version, flags, creation time and modification time."""
    width = 8 if buf[box.payload : box.payload + 1] == b"\x01" else 4
    times = slice(box.payload + 4, box.payload + 4 + 2 * width)
    if times.stop > box.end:
        raise AttachmentRejected("damaged", "An MP4 header box is truncated.")
    buf[times] = bytes(2 * width)


def _sound_handler(buf: bytearray, box: _Box, budget: _Budget) -> None:
    """Refuse anything but sound; blank the handler's free-text name (offset 24)."""
    if box.end - box.payload < 24:
        raise AttachmentRejected("damaged", "An MP4 handler box is truncated.")
    if buf[box.payload + 8 : box.payload + 12] != b"soun":
        raise AttachmentRejected("unknown_type", "The MP4 file holds video or other non-sound tracks.")
    buf[box.payload + 24 : box.end] = bytes(box.end - box.payload - 24)


_Action = Callable[[bytearray, _Box, _Budget], None]


def _container(rules: dict[bytes, _Action], required: dict[bytes, bool]) -> _Action:
    """An action that cleans a box's children; `required` maps child kinds to "exactly one"."""

    def clean(buf: bytearray, box: _Box, budget: _Budget) -> None:
        seen: Counter[bytes] = Counter()
        for child in _boxes(buf, box.payload, box.end, budget):
            seen[child.kind] += 1
            rules.get(child.kind, _blank)(buf, child, budget)
        for kind, exactly_one in required.items():
            if seen[kind] < 1 or (exactly_one and seen[kind] > 1):
                raise AttachmentRejected("damaged", "The MP4 file lacks a required box or repeats one.")

    return clean


_MDIA = _container({b"mdhd": _zero_times, b"hdlr": _sound_handler, b"minf": _keep}, {b"hdlr": True, b"minf": True})
_TRAK = _container({b"tkhd": _zero_times, b"edts": _keep, b"tref": _keep, b"mdia": _MDIA}, {b"mdia": True})
_MOOV = _container({b"mvhd": _zero_times, b"trak": _TRAK, b"iods": _keep, b"mvex": _keep}, {b"trak": False})
# Fragmented files (Safari's MediaRecorder writes them) keep their fragment and index boxes.
_FILE = _container(
    {b"ftyp": _keep, b"moov": _MOOV, b"mdat": _keep, b"moof": _keep, b"mfra": _keep, b"sidx": _keep, b"styp": _keep},
    {b"ftyp": True, b"moov": True},
)


def clean_mp4(data: bytes) -> bytes:
    """The file with every box outside the allow-list turned into zeroed free space."""
    buf = bytearray(data)
    _FILE(buf, _Box(b"", 0, 0, len(buf)), _Budget())
    return bytes(buf)
