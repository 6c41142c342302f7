"""The official XML of parliamentary answers, unreadable files among readable ones, and the Dask engine."""

import json
from pathlib import Path

import pytest

from meldpunt.ingest import readers
from meldpunt.ingest.pipeline import DASK, documents_extract, extract_text

FIXTURE = Path(__file__).parent / "fixtures" / "ah-tk-example.xml"


def test_the_xml_reads_as_numbered_pairs_with_the_footnote_out_of_the_question() -> None:
    text = readers.read(FIXTURE)
    result = extract_text(text, document=FIXTURE.name)
    assert result.kind == "parliamentary_answers"
    assert [(p.number, p.question, p.answer) for p in result.qa_pairs] == [
        (1, "Bent u bekend met het bericht dat er een kantoor in Utrecht is gevonden?", "Ja."),
        (
            2,
            "Is het kantoor inmiddels gesloten?",
            "Het kantoor in Utrecht is vorige week gesloten. De ambassadeur van Noorwegen is op 1 maart 2023 ontboden.",
        ),
        (3, "Is de ambassadeur ontboden?", result.qa_pairs[1].answer),
    ]
    assert "2023Z01234" in result.references
    assert "1 Dagblad, 18 februari 2023." in text


def test_the_xml_metadata_date_places_relative_dates_and_offsets_point_into_the_text_as_read() -> None:
    text = readers.read(FIXTURE)
    result = extract_text(text, document=FIXTURE.name)
    assert ("2023-W10", "vorige week") in {(d.value, d.text) for d in result.dates}  # week before 14 March 2023
    assert {(e.kind, e.place) for e in result.events} >= {("closed", "Utrecht"), ("summoned", "Noorwegen")}
    assert ("Bakker", "asserts") in {(s.speaker, s.stance) for s in result.statements}
    for item in [*result.entities, *result.dates, *result.events, *result.statements]:
        assert text[item.start : item.end].strip()


def test_broken_xml_is_unreadable_with_the_reason() -> None:
    with pytest.raises(readers.UnreadableDocument, match=r"a\.xml: not well-formed XML"):
        readers.parse("a.xml", b"<vraag><al>open")


def test_an_external_entity_is_never_resolved() -> None:
    data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x><al>a &e; b</al></x>'
    assert readers.parse("a.xml", data) == "a &e; b\n"


def _tree(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "answers.xml").write_bytes(FIXTURE.read_bytes())
    (docs / "broken.xml").write_bytes(b"<vraag><al>open")
    (docs / "bad.pdf").write_bytes(b"not a pdf")
    (docs / "news.txt").write_text(
        "Published 3 May 2023\nThe office in Leeds was shut down last week, police spokesperson Tom Baker said.\n",
        encoding="utf-8",
    )
    return docs


def _outputs(folder: Path) -> dict[str, object]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def test_unreadable_files_are_reported_and_the_rest_go_on(tmp_path: Path) -> None:
    outcomes = documents_extract(paths=[_tree(tmp_path)], out=tmp_path / "out", workers=2)
    errors = {o.path.name: o.error for o in outcomes if o.error}
    assert set(errors) == {"broken.xml", "bad.pdf"}
    assert "not well-formed XML" in (errors["broken.xml"] or "")
    assert set(_outputs(tmp_path / "out")) == {"answers.xml.json", "news.txt.json"}


def test_the_dask_engine_writes_what_the_local_run_writes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    docs = _tree(tmp_path)
    local = documents_extract(paths=[docs], out=tmp_path / "local")
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        remote = documents_extract(
            paths=[docs], out=tmp_path / "dask", engine=DASK, scheduler=cluster.scheduler_address
        )
    assert [(o.path, o.error) for o in remote] == [(o.path, o.error) for o in local]
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    assert len(_outputs(tmp_path / "dask")) == 2


def test_the_dask_engine_needs_a_scheduler(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scheduler"):
        documents_extract(paths=[], out=tmp_path, engine=DASK)
