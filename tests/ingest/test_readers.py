from pathlib import Path

import pytest
from fpdf import FPDF

from meldpunt.ingest import readers


def test_text_keeps_crlf_and_drops_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffVraag 1\r\nBent u bekend?".encode())
    assert readers.read(path) == "Vraag 1\r\nBent u bekend?"


def test_html_gives_the_main_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    body = "De politie sloot twee stations in Rotterdam na onderzoek door journalisten van de krant."
    path.write_text(f"<html><body><nav>Menu</nav><article><p>{body}</p></article></body></html>", encoding="utf-8")
    assert body in readers.read(path)


def test_pdf_pages_are_joined_by_a_newline(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica")
    for words in ("Vraag 1", "Antwoord"):
        pdf.add_page()
        pdf.cell(text=words)
    path = tmp_path / "a.pdf"
    pdf.output(str(path))
    assert readers.read(path).split("\n") == ["Vraag 1", "Antwoord"]


@pytest.mark.parametrize(("name", "data"), [("bad.pdf", b"not a pdf"), ("bad.txt", b"\xff\xfe\xfa")])
def test_an_unreadable_file_says_why(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(readers.UnreadableDocument, match=name):
        readers.read(path)
