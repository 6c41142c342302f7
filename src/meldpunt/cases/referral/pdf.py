"""Lays a referral document out as an A4 PDF with fpdf2: fonts per script, text that wraps and flows.

Right-to-left paragraphs (Uyghur) are set in the Arabic font, right-aligned, and shaped by HarfBuzz;
fpdf2 orders mixed-direction lines with the Unicode bidi algorithm. A character no font here can
draw (an emoji, Tibetan or Ge'ez script) would vanish from the page and the text layer alike; it is
written as "[U+0F56]" instead, so the police can see that it was there and what it was.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time
from itertools import chain
from typing import Final

from fpdf import FPDF
from fpdf.fonts import FontFace

from meldpunt.cases.referral.document import Block, Cell, PageBreak, ReferralDocument, Table, Text
from meldpunt.cases.referral.fonts import (
    ARABIC_SCRIPT,
    BOLD,
    HAN_SIMPLIFIED,
    HAN_TRADITIONAL,
    REGULAR,
    add_static_font,
    characters,
    font_path,
    static_fonts,
)
from meldpunt.cases.referral.visible_text import direction, has_right_to_left

MARGIN_MM: Final = 18
BODY_PT: Final = 10
NOTE_PT: Final = 8.5
TABLE_PT: Final = 8.5
DIGEST_PT: Final = 8
LINE_MM_PER_PT: Final = 0.5  # line height; roomy enough for Arabic marks and Han
ARABIC_SCALE: Final = 1.15  # DejaVu draws Arabic small beside Noto's Latin and Han at the same size
GREY: Final = 90
CODE_POINT_CHARACTERS: Final = "[U+0123456789ABCDEF]"  # what `drawable` writes for a missing glyph
HAN: Final = "han"
HAN_SC: Final = "hansc"
ARABIC_FAMILY: Final = "arabic"
# A table row must fit on one page (fpdf2 refuses otherwise): a longer cell continues in the rows
# below. Lines are counted as if every character were as wide as a Han character, the widest.
CELL_LINES_PER_ROW: Final = 25
HAN_CHAR_MM: Final = TABLE_PT * 25.4 / 72


class _ReferralPDF(FPDF):
    def __init__(self, document: ReferralDocument) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document = document
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=MARGIN_MM)
        self.has_arabic = False
        self.covered: frozenset[int] = frozenset()

    def header(self) -> None:
        self.set_font(HAN, "", 7.5)
        self.set_text_color(GREY)
        self.set_y(8)
        self.cell(0, 4, self.document.running_title, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, self.document.confidential, align="R")
        self.set_text_color(0)
        self.set_y(MARGIN_MM)

    def footer(self) -> None:
        self.set_font(HAN, "", 7.5)
        self.set_text_color(GREY)
        self.set_y(-12)
        self.cell(0, 4, self.document.page_label.format(page=self.page_no(), pages="{nb}"), align="C")
        self.set_text_color(0)

    def drawable(self, text: str) -> str:
        return "".join(char if char == "\n" or ord(char) in self.covered else f"[U+{ord(char):04X}]" for char in text)

    def font_for(self, text: str, size: float) -> tuple[str, float]:
        """Family and size for a paragraph or cell: the Arabic font for right-to-left text, else Han."""
        if self.has_arabic and direction(text) == "rtl":
            return ARABIC_FAMILY, size * ARABIC_SCALE
        return HAN, size


def _add_fonts(pdf: _ReferralPDF, document: ReferralDocument) -> None:
    text = "".join(document.strings()) + CODE_POINT_CHARACTERS
    han = HAN_TRADITIONAL if document.traditional_chinese else HAN_SIMPLIFIED
    regular, bold = static_fonts(han, weights=(REGULAR, BOLD), text=text)
    add_static_font(pdf, HAN, "", regular)
    add_static_font(pdf, HAN, "B", bold)
    fallbacks = [HAN]
    covered = characters(font_path(han))
    if has_right_to_left(text):
        arabic = font_path(ARABIC_SCRIPT)
        pdf.add_font(ARABIC_FAMILY, fname=arabic)
        pdf.has_arabic = True
        fallbacks.insert(0, ARABIC_FAMILY)
        covered |= characters(arabic)
    if document.traditional_chinese:  # TC lacks many simplified characters
        (simplified,) = static_fonts(HAN_SIMPLIFIED, weights=(REGULAR,), text=text)
        add_static_font(pdf, HAN_SC, "", simplified)
        fallbacks.append(HAN_SC)
        covered |= characters(font_path(HAN_SIMPLIFIED))
    pdf.covered = covered
    pdf.set_fallback_fonts(fallbacks, exact_match=False)
    pdf.set_text_shaping(use_shaping_engine=True)


def _lines(pdf: _ReferralPDF, text: str, *, size: float, style: str = "") -> None:
    """Each line of `text` as its own paragraph, in the font and alignment of its direction."""
    height = size * LINE_MM_PER_PT
    for line in pdf.drawable(text).split("\n"):
        if not line.strip():
            pdf.ln(height)
            continue
        rtl = direction(line) == "rtl"
        family, scaled = (HAN, size) if style else pdf.font_for(line, size)
        pdf.set_font(family, style, scaled)
        pdf.multi_cell(0, height, line, align="R" if rtl else "L", new_x="LMARGIN", new_y="NEXT")


def _chunks(text: str, *, line_chars: int, lines: int) -> list[str]:
    """`text` cut into pieces of at most `lines` lines, a line ending at "\n" or after `line_chars`."""
    chunks, start, line_start, count = [], 0, 0, 0
    for index, char in enumerate(text):
        if char == "\n" or index - line_start >= line_chars:
            line_start = index + 1 if char == "\n" else index
            count += 1
            if count >= lines:
                chunks.append(text[start:line_start])
                start, count = line_start, 0
    return [*chunks, text[start:]]


def _rows_fitting_a_page(cells: tuple[Cell, ...], widths_mm: list[float]) -> list[tuple[Cell, ...]]:
    """The row, or the row followed by continuation rows when a cell is too long for one page."""
    column = 0
    chunked = []
    for cell in cells:
        width = sum(widths_mm[column : column + cell.colspan])
        column += cell.colspan
        line_chars = max(1, int(width / HAN_CHAR_MM))
        chunked.append(_chunks(cell.text, line_chars=line_chars, lines=CELL_LINES_PER_ROW))
    count = max(len(chunks) for chunks in chunked)
    return [
        tuple(
            replace(cell, text=chunks[index] if index < len(chunks) else "")
            for cell, chunks in zip(cells, chunked, strict=True)
        )
        for index in range(count)
    ]


def _rows(table: Table, width_mm: float) -> list[tuple[Cell, ...]]:
    """The rows to draw. Rows spanned together (short cells by construction) are kept whole."""
    if any(cell.rowspan > 1 for cell in chain.from_iterable(table.rows)):
        return list(table.rows)
    widths_mm = [width_mm * width / sum(table.widths) for width in table.widths]
    return [fitting for cells in table.rows for fitting in _rows_fitting_a_page(cells, widths_mm)]


def _table(pdf: _ReferralPDF, table: Table) -> None:
    pdf.set_font(HAN, "", TABLE_PT)
    headings_style = FontFace(family=HAN, emphasis="BOLD", size_pt=TABLE_PT, fill_color=(232, 232, 232))
    with pdf.table(
        col_widths=table.widths,
        first_row_as_headings=bool(table.headings),
        headings_style=headings_style,
        line_height=TABLE_PT * LINE_MM_PER_PT,
        text_align="LEFT",
        v_align="TOP",
        padding=(1, 1.5),
    ) as rendered:
        if table.headings:
            heading_row = rendered.row()
            for heading in table.headings:
                heading_row.cell(heading)
        for cells in _rows(table, pdf.epw):
            row = rendered.row()
            for cell in cells:
                text = pdf.drawable(cell.text)
                family, size = pdf.font_for(text, DIGEST_PT if cell.digest else TABLE_PT)
                style = FontFace(family=family, size_pt=size)
                align = "RIGHT" if direction(text) == "rtl" else "LEFT"
                row.cell(text, align=align, style=style, colspan=cell.colspan, rowspan=cell.rowspan)
    pdf.ln(2)


def _block(pdf: _ReferralPDF, block: Block) -> None:
    match block:
        case Text(kind="title", text=text):
            _lines(pdf, text, size=22, style="B")
            pdf.ln(2)
        case Text(kind="heading", text=text):
            if pdf.will_page_break(30):  # keep a heading with what follows it
                pdf.add_page()
            pdf.ln(3)
            _lines(pdf, text, size=14, style="B")
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
            pdf.ln(2)
        case Text(kind="entry", text=text):
            if pdf.will_page_break(15):
                pdf.add_page()
            pdf.ln(2)
            _lines(pdf, text, size=BODY_PT, style="B")
        case Text(kind="note", text=text):
            pdf.set_text_color(GREY)
            _lines(pdf, text, size=NOTE_PT)
            pdf.set_text_color(0)
            pdf.ln(1)
        case Text(kind="verbatim", text=text):
            _lines(pdf, text, size=BODY_PT)
        case Table():
            _table(pdf, block)
        case PageBreak():
            pdf.add_page()


def render_pdf(document: ReferralDocument) -> bytes:
    pdf = _ReferralPDF(document)
    _add_fonts(pdf, document)
    # Fixed creation date and no random parts: fpdf2 derives the file ID from the content.
    pdf.set_creation_date(datetime.combine(document.prepared_on, time(), tzinfo=UTC))
    pdf.set_title(document.title)
    pdf.set_creator("Meldpunt")
    pdf.set_lang(document.language)
    pdf.alias_nb_pages()
    pdf.add_page()
    for block in document.blocks:
        _block(pdf, block)
    return bytes(pdf.output())
