"""Test files built in memory, each carrying the kind of metadata a reporter's device leaves behind.

Every identifying value contains "MARKER", so a test can assert that no byte of it survives cleaning.
"""

from __future__ import annotations

import struct
import wave
import zipfile
import zlib
from io import BytesIO

from mutagen.apev2 import APEv2
from mutagen.flac import FLAC, Picture
from mutagen.id3 import ID3, TIT2, TPE1
from mutagen.mp4 import MP4
from mutagen.ogg import OggPage
from mutagen.wave import WAVE
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.annotations import Text
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

MARKER = b"MARKER"

XMP_PACKET = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="MARKER-XMP-CREATOR"/>'
    b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def _image_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "MARKER-MAKE"
    exif[ExifTags.Base.Model] = "MARKER-MODEL"
    exif[ExifTags.Base.Artist] = "MARKER-ARTIST"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "MARKER-SERIAL"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 7.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 41.25)
    gps[ExifTags.GPS.GPSProcessingMethod] = b"ASCII\x00\x00\x00MARKER-GPS"
    return exif


def jpeg_with_metadata(size: tuple[int, int] = (64, 48), orientation: int | None = None) -> bytes:
    """A photo with EXIF (GPS, make, model, serial), XMP, an ICC profile and a COM comment."""
    img = Image.new("RGB", size, (200, 40, 40))
    out = BytesIO()
    img.save(
        out,
        "JPEG",
        exif=_image_exif(orientation),
        xmp=XMP_PACKET,
        comment=b"MARKER-COMMENT",
        icc_profile=b"MARKER-ICC" * 20,
    )
    return out.getvalue()


def png_with_metadata(size: tuple[int, int] = (32, 16)) -> bytes:
    """A screenshot with tEXt, zTXt and iTXt chunks and an eXIf chunk."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "MARKER-TEXT")
    info.add_text("Comment", "MARKER-ZTXT" * 10, zip=True)
    info.add_itxt("Description", "MARKER-ITXT", lang="en")
    out = BytesIO()
    Image.new("RGBA", size, (10, 20, 30, 128)).save(out, "PNG", pnginfo=info, exif=_image_exif())
    return out.getvalue()


def gif_with_comment(frames: int = 1) -> bytes:
    images = [Image.new("P", (8, 8), index) for index in range(frames)]
    out = BytesIO()
    images[0].save(out, "GIF", comment=b"MARKER-GIF", save_all=frames > 1, append_images=images[1:])
    return out.getvalue()


def webp_with_metadata() -> bytes:
    out = BytesIO()
    Image.new("RGB", (16, 16), (0, 128, 255)).save(out, "WEBP", exif=_image_exif(), xmp=XMP_PACKET)
    return out.getvalue()


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A 1-bit PNG declaring width x height pixels that compresses to a few kilobytes."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    compressor = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _pdf_bytes(writer: PdfWriter) -> bytes:
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_writer(pages: int = 2) -> PdfWriter:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    return writer


def pdf_with_metadata(pages: int = 3) -> bytes:
    """Document info, catalog and page XMP, an annotation author and an embedded camera JPEG."""
    writer = pdf_writer(pages)
    writer.add_metadata({"/Author": "MARKER-AUTHOR", "/Title": "MARKER-TITLE", "/Producer": "MARKER-PRODUCER"})
    writer.xmp_metadata = XMP_PACKET
    page = writer.pages[0]
    page_xmp = DecodedStreamObject()
    page_xmp.set_data(b"<x:xmpmeta>MARKER-PAGE-XMP</x:xmpmeta>")
    page[NameObject("/Metadata")] = writer._add_object(page_xmp)
    page[NameObject("/PieceInfo")] = DictionaryObject(
        {NameObject("/Illustrator"): DictionaryObject({NameObject("/Private"): TextStringObject("MARKER-PIECE")})}
    )
    photo = StreamObject()
    photo.set_data(jpeg_with_metadata())
    photo.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(64),
            NameObject("/Height"): NumberObject(48),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(photo)})}
    )
    content = DecodedStreamObject()
    content.set_data(b"q 64 0 0 48 10 10 cm /Im0 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    note = writer.add_annotation(page_number=0, annotation=Text(rect=(10, 10, 50, 50), text="visible note"))
    note[NameObject("/T")] = TextStringObject("MARKER-ANNOTATION-AUTHOR")
    return _pdf_bytes(writer)


def _action(kind: str, **entries: str) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = TextStringObject(value)
    return action


def pdf_open_action_javascript() -> bytes:
    writer = pdf_writer()
    writer.root_object[NameObject("/OpenAction")] = _action("/JavaScript", JS="app.alert(1)")
    return _pdf_bytes(writer)


def pdf_open_action_launch() -> bytes:
    writer = pdf_writer()
    writer.root_object[NameObject("/OpenAction")] = _action("/Launch", F="calc.exe")
    return _pdf_bytes(writer)


def pdf_page_additional_action() -> bytes:
    writer = pdf_writer()
    writer.pages[1][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _action("/URI", URI="https://x.test")})
    return _pdf_bytes(writer)


def pdf_names_javascript() -> bytes:
    writer = pdf_writer()
    names = ArrayObject([TextStringObject("init"), writer._add_object(_action("/JavaScript", JS="app.alert(1)"))])
    writer.root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): names})}
    )
    return _pdf_bytes(writer)


def pdf_embedded_file() -> bytes:
    writer = pdf_writer()
    writer.add_attachment("payload.exe", b"MZ not really")
    return _pdf_bytes(writer)


def pdf_link_submit_form() -> bytes:
    """A link annotation, reached only through the page, whose action posts the form away."""
    writer = pdf_writer()
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(9), NumberObject(9)]),
            NameObject("/A"): _action("/SubmitForm", F="https://collector.test/"),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _pdf_bytes(writer)


def pdf_xfa_form() -> bytes:
    writer = pdf_writer()
    xfa = DecodedStreamObject()
    xfa.set_data(b"<xdp:xdp/>")
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(xfa)}
    )
    return _pdf_bytes(writer)


def pdf_with_cycle() -> bytes:
    """Dictionaries that refer to each other; the inspection walk must still end."""
    writer = pdf_writer()
    first = DictionaryObject()
    first_ref = writer._add_object(first)
    second_ref = writer._add_object(DictionaryObject({NameObject("/Next"): first_ref}))
    first[NameObject("/Next")] = second_ref
    writer.root_object[NameObject("/Loop")] = first_ref
    return _pdf_bytes(writer)


def pdf_encrypted(user_password: str) -> bytes:
    writer = pdf_writer()
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    return _pdf_bytes(writer)


MP3_FRAME_HEADER = b"\xff\xfb\x90\x64"  # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding
MP3_FRAME_BYTES = 144 * 128_000 // 44_100


def mp3_frames(count: int = 10) -> bytes:
    return (MP3_FRAME_HEADER + bytes(MP3_FRAME_BYTES - 4)) * count


def mp3_with_tags(count: int = 10) -> bytes:
    """Frames behind an ID3v2 tag, followed by ID3v1 and APEv2 tags and an appended archive."""
    fileobj = BytesIO(mp3_frames(count))
    tags = ID3()
    tags.add(TIT2(encoding=3, text="MARKER-ID3-TITLE"))
    tags.add(TPE1(encoding=3, text="MARKER-ID3-ARTIST"))
    tags.save(fileobj, v1=2)
    ape = APEv2()
    ape["Comment"] = "MARKER-APE"
    ape.save(fileobj)
    return fileobj.getvalue() + b"PK\x03\x04MARKER-APPENDED"


def _riff_chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) % 2 else b"")


def wav_with_tags() -> bytes:
    """A stdlib-written WAV with a RIFF INFO list, a Broadcast WAV chunk and an ID3 chunk."""
    fileobj = BytesIO()
    with wave.open(fileobj, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(8000)
        writer.writeframes(bytes(range(256)) * 8)
    info = _riff_chunk(b"IART", b"MARKER-INFO-ARTIST\x00") + _riff_chunk(b"ICMT", b"MARKER-INFO-COMMENT\x00")
    extra = _riff_chunk(b"LIST", b"INFO" + info) + _riff_chunk(b"bext", b"MARKER-BEXT-ORIGINATOR".ljust(602, b"\x00"))
    body = fileobj.getvalue()[12:] + extra
    tagged = BytesIO(b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body)
    audio = WAVE(tagged)
    audio.add_tags()
    audio.tags.add(TIT2(encoding=3, text="MARKER-WAV-ID3"))
    audio.save(tagged)
    return tagged.getvalue()


def flac_with_tags() -> bytes:
    """A FLAC stream (fake frames) with comments, a picture, padding, and ID3v2/ID3v1/APE around it."""
    streaminfo = struct.pack(">HH", 4096, 4096) + bytes(6) + bytes.fromhex("0ac440f000000100") + bytes(16)
    frames = b"\xff\xf8\x69\x08\x00\x00" + bytes(200)
    fileobj = BytesIO(b"fLaC" + b"\x80" + len(streaminfo).to_bytes(3, "big") + streaminfo + frames)
    audio = FLAC(fileobj)
    audio["title"] = "MARKER-VORBIS-TITLE"
    picture = Picture()
    picture.data = b"MARKER-PICTURE"
    picture.mime = "image/jpeg"
    audio.add_picture(picture)
    fileobj.seek(0)
    audio.save(fileobj)
    tags = ID3()
    tags.add(TIT2(encoding=3, text="MARKER-FLAC-ID3"))
    fileobj.seek(0)
    tags.save(fileobj, v1=2)
    ape = APEv2()
    ape["Comment"] = "MARKER-FLAC-APE"
    ape.save(fileobj)
    return fileobj.getvalue()


def _vorbis_comment(vendor: bytes, comments: list[bytes]) -> bytes:
    body = struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", len(comments))
    return body + b"".join(struct.pack("<I", len(comment)) + comment for comment in comments)


def _ogg(packets: list[list[bytes]], serial: int = 0x5EED) -> bytes:
    """Pages holding the given packets, one list of packets per page; the last page ends the stream."""
    pages = []
    position = 0
    for sequence, page_packets in enumerate(packets):
        page = OggPage()
        page.serial, page.sequence, page.packets = serial, sequence, page_packets
        page.first = sequence == 0
        page.last = sequence == len(packets) - 1
        if sequence >= 2:
            position += 960 * len(page_packets)
        page.position = position
        pages.append(page)
    return b"".join(page.write() for page in pages)


OPUS_HEAD = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48_000, 0, 0)
OPUS_SILENCE = b"\xf8\xff\xfe"


def opus_with_tags(audio_pages: int = 4) -> bytes:
    """Ogg Opus built without an encoder: real headers, silent CELT frames, comments and Opus padding data."""
    tags = b"OpusTags" + _vorbis_comment(b"MARKER-VENDOR", [b"TITLE=MARKER-OPUS-TITLE", b"LOCATION=MARKER-GPS"])
    tags += b"\x01MARKER-PADDING-DATA"
    return _ogg([[OPUS_HEAD], [tags]] + [[OPUS_SILENCE] * 5 for _ in range(audio_pages)])


def vorbis_with_tags() -> bytes:
    """Ogg Vorbis headers (the setup header is a stand-in; mutagen does not decode it) with comments."""
    ident = b"\x01vorbis" + struct.pack("<IBIiiiBB", 0, 1, 44_100, 0, 96_000, 0, 0xB8, 1)
    comment = b"\x03vorbis" + _vorbis_comment(b"MARKER-VENDOR", [b"ARTIST=MARKER-VORBIS"]) + b"\x01"
    setup = b"\x05vorbis" + bytes(40)
    return _ogg([[ident], [comment, setup], [b"\x00" * 30] * 3, [b"\x00" * 30] * 3])


def ogg_two_streams() -> bytes:
    return opus_with_tags() + _ogg([[OPUS_HEAD], [b"OpusTags" + _vorbis_comment(b"", [])], [OPUS_SILENCE]], serial=7)


def _box(kind: bytes, *children: bytes) -> bytes:
    payload = b"".join(children)
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full_box(kind: bytes, version_flags: int, *children: bytes) -> bytes:
    return _box(kind, struct.pack(">I", version_flags), *children)


def m4a_with_tags(handler: bytes = b"soun") -> bytes:
    """An M4A with a phone's GPS (©xyz), an XMP uuid box, dates, a handler name and iTunes tags."""
    samples = b"\x21\x00\x49\x90" * 64
    ftyp = _box(b"ftyp", b"M4A ", bytes(4), b"M4A mp42isom")
    marker_time = struct.pack(">II", 0xDEADBEEF, 0xDEADBEEF)
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    mvhd = _full_box(
        b"mvhd",
        0,
        marker_time,
        struct.pack(">IIIH", 44_100, 256, 0x10000, 0x100),
        bytes(10),
        matrix,
        bytes(24),
        b"\x00\x00\x00\x02",
    )
    tkhd = _full_box(b"tkhd", 7, marker_time, struct.pack(">III", 1, 0, 256), bytes(8), bytes(8), matrix, bytes(8))
    mdhd = _full_box(b"mdhd", 0, marker_time, struct.pack(">IIHH", 44_100, 256, 0x55C4, 0))
    hdlr = _full_box(b"hdlr", 0, bytes(4), handler, bytes(12), b"MARKER-HANDLER\x00")
    mp4a = _box(
        b"mp4a",
        bytes(6),
        struct.pack(">H", 1),
        bytes(8),
        struct.pack(">HHHHI", 1, 16, 0, 0, 44_100 << 16),
        _box(b"btrt", bytes(12)),
    )
    stbl = _box(
        b"stbl",
        _full_box(b"stsd", 0, struct.pack(">I", 1), mp4a),
        _full_box(b"stts", 0, struct.pack(">III", 1, 1, 256)),
        _full_box(b"stsc", 0, struct.pack(">IIII", 1, 1, 1, 1)),
        _full_box(b"stsz", 0, struct.pack(">II", len(samples), 1)),
        _full_box(b"stco", 0, struct.pack(">II", 1, 0)),
    )
    dinf = _box(b"dinf", _full_box(b"dref", 0, struct.pack(">I", 1), _full_box(b"url ", 1)))
    minf = _box(b"minf", _full_box(b"smhd", 0, bytes(4)), dinf, stbl)
    trak = _box(b"trak", tkhd, _box(b"mdia", mdhd, hdlr, minf))
    xyz = _box(b"\xa9xyz", struct.pack(">HH", 18, 0x15C7), b"+52.3700+004.8900/")
    udta = _box(b"udta", xyz, _box(b"MRKR", b"MARKER-UDTA"))
    moov = _box(b"moov", mvhd, trak, udta)
    uuid = _box(b"uuid", bytes(16), b"MARKER-UUID-XMP")
    free = _box(b"free", b"MARKER-OLD-TAG-LEFTOVER")
    head = ftyp + moov + uuid + free
    mdat_payload_offset = len(head) + 8
    stco_old = _full_box(b"stco", 0, struct.pack(">II", 1, 0))
    stco_new = _full_box(b"stco", 0, struct.pack(">II", 1, mdat_payload_offset))
    fileobj = BytesIO(head.replace(stco_old, stco_new) + _box(b"mdat", samples))
    audio = MP4(fileobj)
    audio.add_tags()
    audio.tags["\xa9nam"] = ["MARKER-ITUNES-TITLE"]
    audio.tags["\xa9ART"] = ["MARKER-ITUNES-ARTIST"]
    audio.save(fileobj)
    return fileobj.getvalue()


def zip_archive() -> bytes:
    fileobj = BytesIO()
    with zipfile.ZipFile(fileobj, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return fileobj.getvalue()
