"""The referral document as a sequence of blocks: what is said, in which order, before any layout.

Every string the reader will see passes through `visible` here, so the PDF cannot show text whose
hidden characters say something else. The renderer only decides fonts, sizes and page breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Literal

from meldpunt.cases.referral.archive import stored_name
from meldpunt.cases.referral.inputs import ReferralInput
from meldpunt.cases.referral.visible_text import shortened, visible
from meldpunt.cases.referral.wording import Wording

MAX_SHOWN_NAME = 200


# title and heading: the package's structure; note: its own wording, in small print; entry: the line
# that opens a timeline entry; verbatim: words of the reporter or a reply, unchanged but for `visible`.
TextKind = Literal["title", "heading", "note", "entry", "verbatim"]


@dataclass(frozen=True)
class Text:
    kind: TextKind
    text: str


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1  # rows spanned together are never split over two pages
    digest: bool = False


@dataclass(frozen=True)
class Table:
    widths: tuple[float, ...]  # relative column widths
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


Block = Text | Table | PageBreak


@dataclass(frozen=True)
class ReferralDocument:
    language: str
    traditional_chinese: bool  # the reporter wrote in Traditional Chinese: draw Han in its TC forms
    prepared_on: date
    title: str
    running_title: str  # at the top of every page
    confidential: str
    page_label: str  # with {page} and {pages}
    blocks: tuple[Block, ...]

    def strings(self) -> list[str]:
        """Every string the PDF may show: the fonts are cut down to exactly these characters."""
        found = [self.title, self.running_title, self.confidential, self.page_label, "0123456789"]
        for block in self.blocks:
            if isinstance(block, Table):
                found += block.headings
                found += [cell.text for cell in chain.from_iterable(block.rows)]
            elif not isinstance(block, PageBreak):
                found.append(block.text)
        return found


def _cells(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell(visible(text)) for text in texts)


def _cover(data: ReferralInput, say: Wording) -> list[Block]:
    rows = (
        (say["report_number"], str(data.report_number)),
        (say["received_on"], data.received_on.isoformat()),
        (say["status"], say.term("case_statuses", data.status)),
        (say["reporter_language"], say.language_name(data.reporter_language)),
        (say["prepared_by"], data.prepared_by),
        (say["prepared_on"], data.prepared_on.isoformat()),
    )
    return [
        Text("title", say["title"]),
        Text("note", say["subtitle"]),
        Table(widths=(1, 2), headings=(), rows=tuple(_cells(*row) for row in rows)),
        Text("note", say["consent_note"]),
        Text("note", say["contents_note"]),
        PageBreak(),
    ]


def _summary(data: ReferralInput, say: Wording) -> list[Block]:
    answers = data.answers
    fields = (
        ("field_incident_month", answers.incident_month),
        ("field_country", say.country(answers.country)),
        ("field_municipality", answers.municipality),
        ("field_targeted", say.term("reporter_roles", answers.targeted)),
        ("field_urgency", say.term("urgency", answers.urgency)),
        ("field_community", say.term("communities", answers.community)),
        ("field_origin_state", say.country(answers.origin_state)),
        ("field_tactics", say.terms("tactics", answers.tactics)),
        ("field_media", say.terms("media", answers.media)),
        ("field_demands", say.terms("demands", answers.demands)),
        ("field_actor_types", say.terms("actor_types", answers.actor_types)),
        ("field_reported_elsewhere", say.terms("reported_elsewhere", answers.reported_elsewhere)),
        ("field_police_consent", say.yes_no(answers.consents.police_help)),
    )
    rows = tuple(_cells(say[key], value) for key, value in fields if value)
    return [Text("heading", say["summary"]), Table(widths=(1, 2), headings=(), rows=rows)]


def _narrative(data: ReferralInput, say: Wording) -> list[Block]:
    return [
        Text("heading", say["narrative"]),
        Text("note", say["verbatim_note"]),
        Text("verbatim", visible(data.answers.narrative)),
    ]


def _timeline(data: ReferralInput, say: Wording) -> list[Block]:
    numbers = {file.sha256.lower(): number for number, file in enumerate(data.files, start=1)}
    # (when, order, what, blocks after the title). ISO dates sort as text; a bare month sorts before
    # the days in it, the report before the messages that follow it on the same day.
    entries: list[tuple[str, int, str, list[Block]]] = []
    if data.answers.incident_month:
        entries.append((visible(data.answers.incident_month), -2, say["timeline_incident"], []))
    entries.append((data.received_on.isoformat(), -1, say["timeline_received"], []))
    for order, message in enumerate(data.messages):
        author = f"timeline_message_{message.author}"
        blocks: list[Block] = [Text("verbatim", visible(message.text))]
        if message.attachments:
            shown = (str(numbers.get(a.sha256.lower(), visible(a.filename))) for a in message.attachments)
            blocks.append(Text("note", f"{say['message_attachments']}: {', '.join(shown)}"))
        what = say[author] if author in say else visible(message.author)
        entries.append((message.created_on.isoformat(), order, what, blocks))
    out: list[Block] = [Text("heading", say["timeline"])]
    for when, _order, what, blocks in sorted(entries, key=lambda entry: entry[:2]):
        out += [Text("entry", f"{when} · {what}"), *blocks]
    return out


def _identifiers(data: ReferralInput, say: Wording) -> list[Block]:
    rows = tuple(
        _cells(say.term("identifier_kinds", identifier.kind), identifier.platform, identifier.value)
        for identifier in data.answers.identifiers
    )
    table = Table(
        widths=(3, 2, 5), headings=(say["column_kind"], say["column_platform"], say["column_value"]), rows=rows
    )
    return [
        Text("heading", say["identifiers"]),
        Text("note", say["identifiers_note"]),
        table if rows else Text("note", say["none"]),
    ]


def _attachments(data: ReferralInput, say: Wording) -> list[Block]:
    rows: list[tuple[Cell, ...]] = []
    for number, file in enumerate(data.files, start=1):
        name = stored_name(number, file)
        original = visible(file.filename)
        if name != f"{number}-{original}":
            # Shortened only here: manifest.txt in the ZIP gives the original name in full.
            name += f"\n({say['original_name']}: {shortened(original, MAX_SHOWN_NAME)})"
        rows += [
            (
                Cell(str(number), rowspan=2),
                Cell(name),
                Cell(shortened(visible(file.media_type), MAX_SHOWN_NAME)),
                Cell(say.size(file.size)),
            ),
            (Cell(f"{say['column_sha256']}: {file.sha256.lower()}", colspan=3, digest=True),),
        ]
    headings = (say["column_number"], say["column_file_name"], say["column_media_type"], say["column_size"])
    table = Table(widths=(1, 8, 3, 3), headings=headings, rows=tuple(rows))
    return [Text("heading", say["attachments"]), table if rows else Text("note", say["none"])]


def _custody(data: ReferralInput, say: Wording) -> list[Block]:
    rows = tuple(_cells(str(entry.seq), entry.when, entry.actor, entry.event, entry.details) for entry in data.custody)
    headings = tuple(say[f"column_{key}"] for key in ("seq", "when", "actor", "event", "details"))
    table = Table(widths=(1.8, 5, 3, 3.6, 5), headings=headings, rows=rows)
    return [
        Text("heading", say["custody"]),
        Text("note", say["custody_note"]),
        table if rows else Text("note", say["none"]),
    ]


SECTIONS = (_cover, _summary, _narrative, _timeline, _identifiers, _attachments, _custody)


def referral_document(data: ReferralInput) -> ReferralDocument:
    say = Wording(data.language, data.labels)
    blocks: list[Block] = []
    for section in SECTIONS:
        blocks += section(data, say)
    return ReferralDocument(
        language=data.language,
        traditional_chinese=data.reporter_language == "zh-hant",
        prepared_on=data.prepared_on,
        title=f"{say['title']} {data.report_number}",
        running_title=f"Meldpunt · {say['title']} · {say['report_number']} {data.report_number}",
        confidential=say["confidential"].upper(),
        page_label=say["page"],
        blocks=tuple(blocks),
    )
