"""`meldpunt ingest`: documents become sources with candidate facts, once, whatever engine extracts them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from meldpunt.ingest.store import IngestSummary, documents_ingest
from meldpunt.knowledge.models import CandidateFact, CandidateKind, Source

pytestmark = pytest.mark.django_db

NEWS = (
    "Rotterdam and Amsterdam, 3 November 2022. The Dutch government ordered two stations run by "
    "Chinese police bureaus to close. Safeguard Defenders counted at least 102 stations in 53 countries. "
    "Minister Wopke Hoekstra said the ambassador had been told.\n"
)
NIEUWS = (
    "Den Haag, 1 november 2022. Het kabinet heeft de Chinese ambassadeur laten weten dat de twee "
    "politiebureaus in Amsterdam en Rotterdam moeten sluiten. Volgens Safeguard Defenders gaat het om "
    "ten minste 102 stations in 53 landen.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "nieuws.txt").write_text(NIEUWS, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 this is not a PDF")
    return tmp_path


def _stored() -> set[tuple[str, str, str, int, int]]:
    return {
        (c.source.content_hash, c.kind, repr(sorted(c.payload.items())), c.start, c.end)
        for c in CandidateFact.objects.select_related("source")
    }


def test_documents_become_sources_with_cited_candidates(folder: Path) -> None:
    summary = documents_ingest(paths=[folder], publisher="Example Courier")
    assert sorted(p.name for p in summary.stored) == ["news.txt", "nieuws.txt"]
    assert [p.name for p, _ in summary.failed] == ["broken.pdf"]  # reported, and the rest went on
    news = Source.objects.get(text=NEWS)
    assert (news.kind, news.language, news.publisher) == ("news", "en", "Example Courier")
    assert Source.objects.get(text=NIEUWS).language == "nl"
    candidates = list(CandidateFact.objects.filter(source=news))
    assert summary.candidates == CandidateFact.objects.count() > 0
    for candidate in candidates:
        assert 0 <= candidate.start < candidate.end <= len(NEWS)
    entities = [c for c in candidates if c.kind == CandidateKind.ENTITY]
    assert entities
    for entity in entities:  # an entity's passage is the name as written
        assert NEWS[entity.start : entity.end].casefold() == entity.payload["name"].casefold()
    names = [c.payload["name"] for c in entities]
    assert len(names) == len({(c.payload["type"], n.casefold()) for c, n in zip(entities, names, strict=True)})
    quantities = {c.payload["value"] for c in candidates if c.kind == CandidateKind.QUANTITY}
    assert {102, 53} <= quantities


def test_a_document_already_ingested_is_skipped(folder: Path) -> None:
    documents_ingest(paths=[folder / "news.txt"], publisher="P")
    before = _stored()
    (folder / "copy.txt").write_text(NEWS, encoding="utf-8")
    summary = documents_ingest(paths=[folder / "news.txt", folder / "copy.txt"], publisher="P")
    assert (summary.stored, len(summary.skipped)) == ([], 2)
    assert _stored() == before


def test_a_process_pool_stores_what_one_process_stores(folder: Path) -> None:
    documents_ingest(paths=[folder], publisher="P")
    alone = _stored()
    CandidateFact.objects.all().delete()
    Source.objects.all().delete()
    summary = documents_ingest(paths=[folder], publisher="P", workers=2)
    assert len(summary.stored) == 2
    assert _stored() == alone


def test_a_dask_cluster_stores_what_one_process_stores(folder: Path) -> None:
    from distributed import LocalCluster

    documents_ingest(paths=[folder], publisher="P")
    alone = _stored()
    CandidateFact.objects.all().delete()
    Source.objects.all().delete()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        summary: IngestSummary = documents_ingest(paths=[folder], publisher="P", scheduler=cluster.scheduler_address)
    assert sorted(p.name for p in summary.stored) == ["news.txt", "nieuws.txt"]
    assert _stored() == alone


def test_the_command_reports_and_refuses_dask_without_a_scheduler(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("ingest", str(folder), "--publisher", "Example Courier")
    out = capsys.readouterr()
    assert "stored 2, skipped 0 already ingested, failed 1" in out.out
    assert "broken.pdf" in out.err
    with pytest.raises(CommandError, match="--scheduler"):
        call_command("ingest", str(folder), "--engine", "dask")


def test_names_documented_in_the_knowledge_base_are_found_in_any_script(tmp_path: Path) -> None:
    from tests.knowledge.factories import station

    bureau = station("Lishui public security bureau", kind="state_body", status="", country="CN")
    bureau.aliases.create(name="丽水市公安局", language="zh-Hans")
    text = "据报道，丽水市公安局在阿姆斯特丹设立了一个服务站。Harbour Desk Oost did not answer.\n"
    (tmp_path / "bericht.txt").write_text(text, encoding="utf-8")
    documents_ingest(paths=[tmp_path], publisher="P")
    found = {(c.payload["type"], c.payload["name"]) for c in CandidateFact.objects.filter(kind=CandidateKind.ENTITY)}
    assert ("organisation", "丽水市公安局") in found
    assert not any(name == "Harbour Desk Oost" for _, name in found)  # nothing says what that is
