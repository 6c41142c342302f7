"""Lays the periodic report out as an A4 PDF with fpdf2, in the referral package's fonts.

Deterministic: the creation date is the period's last day, fpdf2 derives the file ID from the content,
fonts are cut from the same files with their shipped timestamps, and charts are equal PNG bytes.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from io import BytesIO
from typing import Final

from fpdf import FPDF
from fpdf.fonts import FontFace

from meldpunt.cases.referral.fonts import BOLD, HAN_SIMPLIFIED, REGULAR, add_static_font, static_fonts
from meldpunt.insight.periodic.content import Chart, PageBreak, ReportContent, TableBlock, Text

MARGIN_MM: Final = 18
FAMILY: Final = "noto"
GREY: Final = 90
CHART_WIDTH_MM: Final = 150
_SIZES: Final = {"title": 22.0, "subtitle": 14.0, "heading": 15.0, "subheading": 11.5, "paragraph": 10.0, "note": 8.5}
LINE_MM_PER_PT: Final = 0.5


class _ReportPDF(FPDF):
    def __init__(self, content: ReportContent) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.content = content
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=MARGIN_MM)

    def footer(self) -> None:
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(GREY)
        self.set_y(-12)
        self.cell(0, 4, self.content.title, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, self.content.page_label.format(page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0)


def _text(pdf: _ReportPDF, block: Text) -> None:
    size = _SIZES[block.kind]
    if block.kind in {"heading", "subheading"} and pdf.will_page_break(40):  # keep it with what follows
        pdf.add_page()
    pdf.ln({"heading": 4, "subheading": 2}.get(block.kind, 0))
    bold = block.kind in {"title", "subtitle", "heading", "subheading"}
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(GREY if block.kind == "note" else 0)
    pdf.multi_cell(0, size * LINE_MM_PER_PT, block.text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    if block.kind == "heading":
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.ln(2 if block.kind in {"title", "heading", "paragraph"} else 1)


def _chart(pdf: _ReportPDF, chart: Chart) -> None:
    placed = pdf.image(BytesIO(chart.png), x=pdf.l_margin, w=CHART_WIDTH_MM, alt_text=chart.label)
    pdf.set_y(pdf.get_y() + 1 if placed else pdf.get_y())


def _table(pdf: _ReportPDF, table: TableBlock) -> None:
    pdf.set_font(FAMILY, "", 8.5)
    widths = (3, 1) if len(table.headings) == 2 else (3, 1, *(1.5,) * (len(table.headings) - 2))
    with pdf.table(
        width=120,
        align="LEFT",
        col_widths=widths,
        headings_style=FontFace(family=FAMILY, emphasis="BOLD", size_pt=8.5, fill_color=(232, 232, 232)),
        line_height=8.5 * LINE_MM_PER_PT,
        text_align=("LEFT", *("RIGHT",) * (len(table.headings) - 1)),
        padding=(1, 1.5),
    ) as rendered:
        rendered.row(table.headings)
        for cells in table.rows:
            rendered.row(cells)
    pdf.ln(3)


def report_pdf(content: ReportContent) -> bytes:
    pdf = _ReportPDF(content)
    text = "".join(content.strings()) + "0123456789"  # the footer's page numbers
    regular, bold = static_fonts(HAN_SIMPLIFIED, weights=(REGULAR, BOLD), text=text)
    add_static_font(pdf, FAMILY, "", regular)
    add_static_font(pdf, FAMILY, "B", bold)
    pdf.set_text_shaping(use_shaping_engine=True)
    pdf.set_creation_date(datetime.combine(content.period.end, time(), tzinfo=UTC))
    pdf.set_title(content.title)
    pdf.set_subject(content.period.label)
    pdf.set_creator("Meldpunt")
    pdf.set_lang(content.language)
    pdf.alias_nb_pages()
    pdf.add_page()
    for block in content.blocks:
        match block:
            case Text():
                _text(pdf, block)
            case Chart():
                _chart(pdf, block)
            case TableBlock():
                _table(pdf, block)
            case PageBreak():
                pdf.add_page()
    return bytes(pdf.output())
