"""The official XML of answers to parliamentary questions (officielebekendmakingen.nl, "Aanhangsel van de
Handelingen"): <vraag> and <antwoord> with their <nr> and <al> paragraphs, footnotes in <noot>.

The text is laid out the way the PDF reads, "Vraag 1" and "Antwoord 1" on lines of their own, footnote
markers glued to their word and the footnotes after the last answer, so the same parser reads both and
every offset points into this text.
The metadata's date becomes a "Datum" line, the document's own date for relative dates.

Parsing refuses what a hostile file could use: no DTD is loaded, no entity resolved, nothing fetched
from the network (XXE, entity expansion).
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information (lxml-stubs is not installed)

from meldpunt.ingest.lexicon import lexicon

ROLES = {"vraag": "Vraag", "antwoord": "Antwoord"}
PARAGRAPHS = frozenset(
    {"al", "p", "titel", "kamervraagnummer", "kamervraagomschrijving", "kamervraagopmerking", "kamervraagmededeling"}
)
SKIPPED = frozenset({"metadata", "meta", "noot", "nr"})
DATE_KEYS = ("OVERHEIDop.datumOntvangst", "DCTERMS.issued", "DC.date", "OVERHEIDop.datumIndiening")


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""


def _text(element: etree._Element) -> str:
    """An element's words, a footnote as its number glued to the word before ("gevonden?1"), as in the PDF."""
    parts: list[str] = [element.text or ""]
    for child in element:
        parts.append(_note_number(child) if _name(child) == "noot" else _text(child))
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _note_number(note: etree._Element) -> str:
    return next((_text(c) for c in note if _name(c) in {"noot.nr", "nr"}), "")


def _label(element: etree._Element) -> str:
    role = ROLES[_name(element)]
    number = element.get("nummer") or ""
    for child in element:
        if _name(child) == "nr":
            number = _text(child)
    number = re.sub(rf"^(?:{role}|Vragen|Antwoorden)\b\s*", "", number, flags=re.IGNORECASE).rstrip(".:")
    return f"{role} {number}".strip()


def _dateline(root: etree._Element) -> str | None:
    values = {m.get("name"): m.get("content") for m in root.iter() if _name(m) == "meta"}
    months = {number: name for name, number in lexicon("nl")["months"].items() if len(name) > 4 or name == "mei"}
    for key in DATE_KEYS:
        try:
            day = date.fromisoformat((values.get(key) or "")[:10])
        except ValueError:
            continue
        return f"Datum {day.day} {months[day.month]} {day.year}"
    return None


def _blocks(element: etree._Element, out: list[str]) -> None:
    name = _name(element)
    if name in ROLES:
        out.append(_label(element))
        for child in element:
            _blocks(child, out)
        out.append("")
    elif name in PARAGRAPHS:
        text = _text(element)
        if text:
            out.append(text)
    elif name not in SKIPPED:
        for child in element:
            _blocks(child, out)


def _footnotes(root: etree._Element) -> list[str]:
    notes = []
    for index, note in enumerate((n for n in root.iter() if _name(n) == "noot"), start=1):
        number = _note_number(note) or str(index)
        body = " ".join(_text(c) for c in note if _name(c) not in {"noot.nr", "nr"}) or _text(note)
        notes.append(f"{number} {body}")
    return notes


def parse(data: bytes) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed XML ({exc})") from exc
    lines: list[str] = []
    dateline = _dateline(root)
    if dateline:
        lines.extend((dateline, ""))
    _blocks(root, lines)
    notes = _footnotes(root)
    if notes:
        lines.extend(("", *notes))
    text = "\n".join(lines).strip() + "\n"
    if not text.strip():
        raise ValueError("the XML holds no text")
    return text
