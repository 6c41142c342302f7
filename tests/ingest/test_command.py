import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings


@pytest.mark.skipif(
    "meldpunt.ingest" not in settings.INSTALLED_APPS, reason="meldpunt.ingest is not yet in INSTALLED_APPS"
)
def test_extract_command_writes_one_json_per_document(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Vraag 1\nKlopt het?\n\nAntwoord\nJa.\n\nVraag 2\nEn dit?\n\nAntwoord\nNee.\n")
    (docs / "b.pdf").write_bytes(b"not a pdf")
    out = tmp_path / "out"
    completed = subprocess.run(
        [sys.executable, "-c", "from meldpunt.cli import main; main()", "extract", str(docs), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")},
    )
    assert "extracted 1 of 2 documents" in completed.stdout, completed.stderr
    assert "b.pdf" in completed.stderr
    result = json.loads((out / "a.txt.json").read_text())
    assert [p["number"] for p in result["qa_pairs"]] == [1, 2]
