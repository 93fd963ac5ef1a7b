# ruff: noqa: F811 - the `desk` fixture imported from the dossiers tests
"""A backup restores into an empty database, row for row and byte for byte (issue 16, item 8).

The restore runs as the operator runs it: `egov restore` in a separate
process, against a second database (a second SQLite file, or a second
PostgreSQL database made and dropped here) and a second media folder.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from pytest_django.fixtures import Settings

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierDocument
from egov.onestop.dossiers.services import Applicant
from egov.onestop.dossiers.tests.conftest import Desk, desk, receive  # noqa: F401 - fixture
from egov.onestop.dossiers.tests.samples import PNG, pdf_bytes
from egov.platform.accounts.models import User
from egov.platform.audit.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def second_database(tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database beside the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    config = connection.settings_dict
    name = f"{config['NAME']}_restored"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = quote(config["USER"] or "", safe="")
    password = quote(config["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}" if password else user
    try:
        yield f"postgres://{credentials}@{config['HOST']}:{config['PORT']}/{name}"
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def egov(database_url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egov.settings",
        "DATABASE_URL": database_url,
        "EGOV_DATA_DIR": str(data_dir),
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "egov.manage", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def rows(dump: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def source_media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "source-media"
    return Path(settings.MEDIA_ROOT)


def test_a_backup_restores_into_an_empty_database(
    desk: Desk,
    cast: Cast,
    province: Province,
    tmp_path: Path,
    source_media: Path,
    second_database: str,
) -> None:
    # Given three dossiers received with scans (two PDFs and a PNG)
    first = receive(
        desk,
        cast,
        province,
        scans={
            desk.documents[0].pk: SimpleUploadedFile("to-khai.pdf", pdf_bytes("to khai")),
            desk.documents[1].pk: SimpleUploadedFile("chung-sinh.png", PNG, "image/png"),
        },
    )
    receive(
        desk,
        cast,
        province,
        applicant=Applicant(name="Lê Thị Hồng Nhung", id_number="072190004321"),
        scans={desk.documents[0].pk: SimpleUploadedFile("a.pdf", pdf_bytes("Hồng Nhung"))},
    )
    receive(desk, cast, province, outcome="refuse", reason="Không thuộc thẩm quyền")
    media = files(source_media)
    assert len(media) == 3
    # When it is backed up to a tar
    archive = tmp_path / "backup.tar"
    call_command("backup", str(archive))
    # Then a tampered copy is refused by `egov restore`, and nothing is written
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name.startswith("media/") and member.name.endswith(".pdf") and data:
                content = bytearray(data.read())
                content[-10] ^= 0xFF
                target.addfile(member, io.BytesIO(bytes(content)))
            else:
                target.addfile(member, data)
    target_dir = tmp_path / "target"
    target_dir.mkdir()
    refused = egov(second_database, target_dir, "restore", str(tampered))
    assert refused.returncode == 1
    assert "backup_tampered: Bản sao lưu đã bị thay đổi hoặc hỏng (media/scans/" in refused.stderr
    assert "sai mã SHA-256). Không khôi phục gì." in refused.stderr
    assert files(target_dir) == {}
    # And the real one restores into the empty database and media folder
    restored = egov(second_database, target_dir, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    events = AuditEvent.objects.count()
    assert f"audit chain: OK ({events} entries)" in restored.stdout
    verified = egov(second_database, target_dir, "audit", "verify")
    assert verified.stdout.strip() == f"OK: {events} entries"
    # Every file, byte for byte
    assert files(target_dir / "media") == media
    # Every row of every model: a backup of the restored database is the same dump
    again = tmp_path / "again"
    assert egov(second_database, target_dir, "backup", str(again)).returncode == 0
    with tarfile.open(archive) as source:
        source.extract("database.jsonl", tmp_path / "original", filter="data")
    original = rows(tmp_path / "original" / "database.jsonl")
    copy = rows(again / "database.jsonl")
    assert copy == original
    # ... the dossiers explicitly, as the source database holds them
    dossiers = [row for row in copy if row["model"] == "dossiers.dossier"]
    assert [(row["pk"], row["fields"]["code"]) for row in dossiers] == list(
        Dossier.objects.order_by("pk").values_list("pk", "code")
    )
    assert dossiers[0]["fields"]["applicant_name"] == first.applicant_name == "Trần Văn An"
    scans = [
        row["fields"]["scan"]
        for row in copy
        if row["model"] == "dossiers.dossierdocument" and row["fields"]["scan"]
    ]
    assert sorted(scans) == sorted(
        DossierDocument.objects.exclude(scan="").values_list("scan", flat=True)
    )
    for name in scans:
        assert (target_dir / "media" / name).read_bytes() == (source_media / name).read_bytes()
    # And a second restore is refused: the target now holds data
    twice = egov(second_database, target_dir, "restore", str(archive))
    assert twice.returncode == 1
    assert "restore_target_not_empty" in twice.stderr


def test_a_backup_of_an_older_version_restores_and_is_upgraded(
    cast: Cast, tmp_path: Path, source_media: Path, second_database: str
) -> None:
    # Given a backup whose manifest says it predates the NFC migration of
    # user names, holding a name stored decomposed (as that version could)
    decomposed = unicodedata.normalize("NFD", "Trần Thị Ánh")
    User.objects.filter(pk=cast.citizen.pk).update(full_name=decomposed)
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    manifest_path = backup / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["migrations"]["accounts"].remove("0002_nfc_names")
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    target_dir = tmp_path / "target"
    # When it is restored into a new database with this version
    restored = egov(second_database, target_dir, "restore", str(backup))
    # Then the rows load at the backup's schema and the newer migration runs over them
    assert restored.returncode == 0, restored.stderr
    shown = egov(second_database, target_dir, "showmigrations", "accounts")
    assert shown.stdout.split() == ["accounts", "[X]", "0001_initial", "[X]", "0002_nfc_names"]
    name = egov(
        second_database,
        target_dir,
        "shell",
        "-v",
        "0",
        "-c",
        "from egov.platform.accounts.models import User; "
        f"print(User.objects.get(username={cast.citizen.username!r}).full_name)",
    )
    assert name.stdout.strip() == "Trần Thị Ánh"
