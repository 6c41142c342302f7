"""MPEG audio (MP3) frames and ID3v2 tags, read by hand.

Cleaning an MP3 keeps nothing but the audio frames it can walk, one after another, so ID3v1/v2,
APEv2 and Lyrics3 tags, and anything appended to make a polyglot, are left behind however they are
placed. Only the encoder's own first frame (Xing/LAME) remains, which names a library, not a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from meldpunt.intake.attachments.errors import AttachmentRejected

# Kilobits per second by (is MPEG-1, layer) and bitrate index; index 0 ("free") and 15 are invalid.
_BITRATES: Final[dict[tuple[bool, int], tuple[int, ...]]] = {
    (True, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
# Sample rates by version bits (0 = MPEG-2.5, 2 = MPEG-2, 3 = MPEG-1); version 1 is reserved.
_SAMPLE_RATES: Final[dict[int, tuple[int, int, int]]] = {
    3: (44100, 48000, 32000),
    2: (22050, 24000, 16000),
    0: (11025, 12000, 8000),
}
_ID3_HEADER_BYTES: Final = 10
# A byte 0xFF followed by the rest of a sync word and a bitrate index other than 15.
_SYNC_CANDIDATE: Final = re.compile(rb"\xff(?=[\xe0-\xff][\x00-\xef])")
MAX_RESYNC_CANDIDATES: Final = 20_000


@dataclass(frozen=True)
class FrameHeader:
    """What a frame header says: enough to find the next frame and to check the stream is uniform."""

    version: int
    layer: int
    sample_rate: int
    length: int


def frame_header(data: bytes, pos: int) -> FrameHeader | None:
    """The MPEG audio frame header at `pos`, or None when those bytes are not a valid one."""
    if pos + 4 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
        return None
    version = (data[pos + 1] >> 3) & 0x3
    layer = 4 - ((data[pos + 1] >> 1) & 0x3)
    bitrate_index = data[pos + 2] >> 4
    rate_index = (data[pos + 2] >> 2) & 0x3
    if version == 1 or layer == 4 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    mpeg1 = version == 3
    bitrate = _BITRATES[(mpeg1, layer)][bitrate_index] * 1000
    sample_rate = _SAMPLE_RATES[version][rate_index]
    padding = (data[pos + 2] >> 1) & 0x1
    if layer == 1:
        length = (12 * bitrate // sample_rate + padding) * 4
    elif layer == 3 and not mpeg1:
        length = 72 * bitrate // sample_rate + padding
    else:
        length = 144 * bitrate // sample_rate + padding
    return FrameHeader(version=version, layer=layer, sample_rate=sample_rate, length=length)


def skip_id3v2(data: bytes, pos: int = 0) -> int:
    """Offset just past any ID3v2 tags (and zero padding after them) that start at `pos`."""
    while data[pos : pos + 3] == b"ID3" and len(data) >= pos + _ID3_HEADER_BYTES:
        size_bytes = data[pos + 6 : pos + 10]
        if any(byte & 0x80 for byte in size_bytes):
            return pos
        size = 0
        for byte in size_bytes:
            size = (size << 7) | byte
        has_footer = data[pos + 5] & 0x10
        pos += _ID3_HEADER_BYTES + size + (_ID3_HEADER_BYTES if has_footer else 0)
        while pos < len(data) and data[pos] == 0:
            pos += 1
    return pos


def _same_stream(a: FrameHeader, b: FrameHeader | None) -> bool:
    return b is not None and (a.version, a.layer, a.sample_rate) == (b.version, b.layer, b.sample_rate)


class _Resync:
    """Finds the next frame after junk; a frame counts only if a frame (or the end) follows it.

    Candidates are found by a regular expression and their total is capped, so a hostile file
    made of almost-headers costs a bounded amount of work.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.candidates_left = MAX_RESYNC_CANDIDATES

    def after(self, pos: int, first: FrameHeader | None) -> int | None:
        for match in _SYNC_CANDIDATE.finditer(self.data, pos):
            self.candidates_left -= 1
            if self.candidates_left < 0:
                raise AttachmentRejected("damaged", "Too much non-audio data between MP3 frames.")
            header = frame_header(self.data, match.start())
            if header is not None and (first is None or _same_stream(first, header)):
                end = match.start() + header.length
                if end == len(self.data) or _same_stream(header, frame_header(self.data, end)):
                    return match.start()
        return None


def clean_mpeg(data: bytes) -> bytes:
    """The audio frames of an MP3, in order, without any tag or trailing data."""
    frames: list[bytes] = []
    first: FrameHeader | None = None
    resync = _Resync(data)
    pos: int | None = skip_id3v2(data)
    while pos is not None and pos < len(data):
        after_tag = skip_id3v2(data, pos)  # files joined together carry a tag in the middle
        if after_tag != pos:
            pos = after_tag
            continue
        header = frame_header(data, pos)
        if header is None or (first is not None and not _same_stream(first, header)):
            pos = resync.after(pos + 1, first)
            continue
        end = pos + header.length
        if end > len(data):
            break
        first = first or header
        frames.append(data[pos:end])
        pos = end
    if not frames:
        raise AttachmentRejected("damaged", "No MPEG audio frames found.")
    return b"".join(frames)
