"""Inspect a PDF for active content, then rebuild it from its pages alone.

Protects against documents that run code or open other things (JavaScript, launch, submit and
import actions, automatic actions, embedded or attached files, RichMedia/Flash, XFA forms,
PostScript), and against identifying metadata: the document information dictionary (author,
creator, producer, dates), XMP packets on the document, pages, images and forms, per-application
private data, page thumbnails (which may show content from before a redaction), authors of
comments, and the EXIF/XMP inside embedded JPEG photos. Earlier revisions kept by incremental
saves, outlines, named trees and form definitions are not copied. Encrypted files that need a
password cannot be inspected and are refused.

The object graph is walked once per indirect reference with a budget of objects, so a hostile
file with cycles or millions of objects cannot keep a worker busy for long.

Limitation: JPEG 2000 images inside a PDF are copied as they are, with any XML boxes they hold.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Final

from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.errors import LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject, StreamObject

from meldpunt.intake.attachments.errors import AttachmentRejected
from meldpunt.intake.attachments.jpeg_segments import JpegStructureError, strip_jpeg_metadata

MAX_PAGES: Final = 2_000
# Indirect objects read per walk: more than honest documents of the allowed size hold (a long tagged
# report has some 100,000), while bounding the seconds a hostile file can cost. Direct values need
# no budget: they are finite trees parsed from the file.
WALK_BUDGET: Final = 300_000

_ACTIVE_KEYS: Final = frozenset(
    {"/JavaScript", "/JS", "/AA", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent", "/RichMediaSettings"}
)
# Values of these keys that mean an action, annotation or object that runs or carries something.
_ACTIVE_NAMES: Final = {
    "/S": frozenset(
        {
            "/JavaScript",
            "/Launch",
            "/SubmitForm",
            "/ImportData",
            "/GoToR",
            "/GoToE",
            "/RichMediaExecute",
            "/Rendition",
            "/Movie",
            "/Sound",
        }
    ),
    "/Subtype": frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D", "/PS"}),
    "/Type": frozenset({"/EmbeddedFile"}),
}
# Dropped from every dictionary of the output: XMP, application data, dates, old thumbnails.
_METADATA_KEYS: Final = ("/Metadata", "/PieceInfo", "/LastModified", "/Thumb")
# Not copied from pages either: article beads, whose threads carry a title and author of their own.
_PAGE_EXCLUDED_KEYS: Final = (*_METADATA_KEYS, "/B")
# Dropped from annotations: author, modification and creation dates, unique name.
_ANNOTATION_KEYS: Final = ("/T", "/M", "/CreationDate", "/NM")


def _resolve(obj: object) -> object:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _walk(root: PdfObject, visit: Callable[[DictionaryObject], None]) -> None:
    """Call `visit` on every dictionary reachable from `root`, each indirect object once."""
    stack: list[object] = [root]
    seen: set[tuple[int, int]] = set()
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            if len(seen) >= WALK_BUDGET:
                raise AttachmentRejected("damaged", "The PDF is too complex to inspect.")
            seen.add(ref)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            visit(obj)
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)


def _refuse_active(obj: DictionaryObject) -> None:
    if not _ACTIVE_KEYS.isdisjoint(obj.keys()):
        raise AttachmentRejected("active_content")
    for key, names in _ACTIVE_NAMES.items():
        value = _resolve(obj.get(key))
        if isinstance(value, NameObject) and value in names:
            raise AttachmentRejected("active_content")


def _strip_embedded_jpeg(obj: StreamObject) -> None:
    filters = _resolve(obj.get("/Filter"))
    if isinstance(filters, ArrayObject) and len(filters) == 1:
        filters = _resolve(filters[0])
    if filters != "/DCTDecode":
        return
    try:
        StreamObject.set_data(obj, strip_jpeg_metadata(obj.get_data()))
    except JpegStructureError as exc:
        raise AttachmentRejected("damaged", "An image inside the PDF is damaged.") from exc


def _scrub(obj: DictionaryObject) -> None:
    for key in _METADATA_KEYS:
        obj.pop(key, None)
    if "/Rect" in obj and "/Subtype" in obj:
        for key in _ANNOTATION_KEYS:
            obj.pop(key, None)
    if isinstance(obj, StreamObject) and _resolve(obj.get("/Subtype")) == "/Image":
        _strip_embedded_jpeg(obj)


def _open(data: bytes) -> PdfReader:
    reader = PdfReader(BytesIO(data), strict=False)
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise AttachmentRejected("damaged", "The PDF is protected with a password.")
    return reader


def clean_pdf(data: bytes) -> bytes:
    """A new PDF holding only the pages, once nothing active was found anywhere in the original."""
    try:
        reader = _open(data)
        page_count = len(reader.pages)
        if page_count > MAX_PAGES:
            raise AttachmentRejected("decompression_bomb", "The PDF has too many pages.")
        if page_count == 0:
            raise AttachmentRejected("damaged", "The PDF has no pages.")
        _walk(reader.trailer, _refuse_active)
        writer = PdfWriter()
        writer.metadata = None  # removes the /Info pypdf creates, with its /Producer
        for page in reader.pages:
            writer.add_page(page, excluded_keys=_PAGE_EXCLUDED_KEYS)
        _walk(writer.root_object, _scrub)
        out = BytesIO()
        writer.write(out)
    except LimitReachedError as exc:
        raise AttachmentRejected("decompression_bomb") from exc
    cleaned = out.getvalue()
    _check_rebuilt(cleaned, page_count)
    return cleaned


def _check_rebuilt(cleaned: bytes, page_count: int) -> None:
    """Fail closed if the rebuilt file lost pages or gained document metadata."""
    check = PdfReader(BytesIO(cleaned), strict=False)
    root = check.trailer["/Root"]
    if not isinstance(root, DictionaryObject):
        raise AttachmentRejected("damaged", "The PDF could not be rebuilt.")
    if len(check.pages) != page_count or "/Info" in check.trailer or "/Metadata" in root:
        raise AttachmentRejected("damaged", "The PDF could not be rebuilt.")
