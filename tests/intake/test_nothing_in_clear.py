"""After a report, nothing it said can be found at rest: database files, dumps, folders, temp, logs.

One unique marker goes into the narrative, an identifier, a follow-up message and the EXIF data of a
photo; the request carries a telltale user agent, referrer and forwarded address. None of them may
appear anywhere the server writes.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from PIL import Image

from meldpunt.intake.models import Report
from tests.conftest import Staff

pytestmark = pytest.mark.django_db(transaction=True)

# Drawn per run, so a copy of this file elsewhere on the machine cannot be mistaken for a leak.
RUN = uuid.uuid4().hex
AGENT = f"TelltaleAgent/{RUN}"
REFERRER = f"https://referrer.example/{RUN}"
ADDRESS = f"203.0.{int(RUN[:2], 16)}.{int(RUN[2:4], 16)}"


def jpeg_with_exif(marker: str) -> bytes:
    image = Image.new("RGB", (16, 16), "blue")
    exif = Image.Exif()
    exif[0x010F] = f"Camera {marker}"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0), 3: "E", 4: (4.0, 53.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def files_written_since(folder: Path, since: float) -> Iterator[Path]:
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            try:
                if path.is_file() and path.stat().st_mtime >= since and path.stat().st_size < 200_000_000:
                    yield path
            except OSError:
                continue


def needles(marker: str) -> list[bytes]:
    return [
        marker.encode(),
        marker.encode("utf-16-le"),
        marker.encode().hex().encode(),
        AGENT.encode(),
        REFERRER.encode(),
        ADDRESS.encode(),
    ]


def assert_absent(blob: bytes, where: str, marker: str) -> None:
    for needle in needles(marker):
        assert needle not in blob, f"{needle!r} found in {where}"


def database_bytes() -> dict[str, bytes]:
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        return {str(p): p.read_bytes() for p in (name, Path(f"{name}-wal"), Path(f"{name}-journal")) if p.exists()}
    assert connection.vendor == "postgresql"
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.fail("pg_dump is needed to check the PostgreSQL database (apt-get install postgresql-client)")
    params = connection.get_connection_params()
    command = [pg_dump, "--no-owner", "-h", str(params.get("host", "127.0.0.1")), "-p", str(params.get("port", 5432))]
    command += ["-U", str(params.get("user", "postgres")), str(params["dbname"])]
    return {"pg_dump": subprocess.run(command, check=True, capture_output=True).stdout}


def test_a_report_leaves_no_plaintext_anywhere(
    handler: Staff, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    marker = f"MARKER{uuid.uuid4().hex}"
    started = time.time() - 1
    client = Client(HTTP_USER_AGENT=AGENT, HTTP_REFERER=REFERRER, HTTP_X_FORWARDED_FOR=ADDRESS, REMOTE_ADDR=ADDRESS)
    client.get("/en/report/new/")
    photo = SimpleUploadedFile(f"{marker}.jpg", jpeg_with_exif(marker), content_type="image/jpeg")
    response = client.post(
        "/en/report/new/",
        {
            "narrative": f"They threatened me. {marker}",
            "municipality": marker,
            "identifier_rows": "3",
            "identifier-0-kind": "email",
            "identifier-0-value": f"{marker}@example.org",
            "identifier-1-kind": "person_name",
            "identifier-1-value": f"Zhang {marker}",
            "consent_statistics": "on",
            "attachments": photo,
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    receipt = response.content.decode().split('id="receipt"')[1].split(">")[1].split("<")[0]
    client.post("/en/return/", {"receipt": receipt})
    assert client.post("/en/report/", {"text": f"More: {marker}"}).status_code == 302
    locator_digest = Report.objects.get().locator_digest.encode()
    connection.close()  # let SQLite write everything it holds back to its files

    dumped = database_bytes()
    assert any(locator_digest in blob for blob in dumped.values()), "the check must read the real database"
    for where, blob in dumped.items():
        assert_absent(blob, where, marker)
    var_tmp = Path("/var/tmp")  # noqa: S108  # searched for leaks, never written
    for folder in {Path(settings.HOME), Path(tempfile.gettempdir()), var_tmp}:
        for path in files_written_since(folder, started):
            assert_absent(path.read_bytes(), str(path), marker)
    logged = caplog.text + "".join(capfd.readouterr())
    assert_absent(logged.encode(), "logs", marker)
