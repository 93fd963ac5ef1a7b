"""`egov backup` and `egov restore` within one database: the manifest, refusals, --force."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from pytest_django.fixtures import Settings

from egov.conftest import Cast, make_staff
from egov.platform.accounts.models import Role, User
from egov.platform.audit.models import AuditEvent
from egov.platform.audit.verification import verify_chain

SCAN = b"%PDF-1.7 scan of a birth certificate"
RESULT = "Kết quả: đã cấp".encode()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def media(settings: Settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    (root / "scans").mkdir(parents=True)
    (root / "results" / "2026").mkdir(parents=True)
    (root / "scans" / "a1b2.pdf").write_bytes(SCAN)
    (root / "results" / "2026" / "kq.txt").write_bytes(RESULT)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def backup(cast: Cast, media: Path, tmp_path: Path) -> Path:
    destination = tmp_path / "backup"
    call_command("backup", str(destination))
    return destination


def state(media: Path) -> tuple[int, int, dict[str, bytes]]:
    files = {
        p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()
    }
    return User.objects.count(), AuditEvent.objects.count(), files


def test_the_manifest_holds_every_checksum_the_schema_and_the_version(backup: Path) -> None:
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    dump = (backup / "database.jsonl").read_bytes()

    assert manifest["format"] == "egov-backup/1"
    assert manifest["app_version"] == "0.1.0"
    assert manifest["files"] == {
        "media/results/2026/kq.txt": sha(RESULT),
        "media/scans/a1b2.pdf": sha(SCAN),
    }
    assert manifest["database"] == {
        "vendor": connection.vendor,
        "dump": "database.jsonl",
        "serialisation": "jsonl",
        "sha256": sha(dump),
        "objects": len(dump.splitlines()),
    }
    assert manifest["migrations"]["audit"] == ["0001_initial", "0002_audit_hash_chain"]
    assert (backup / "media" / "scans" / "a1b2.pdf").read_bytes() == SCAN
    models = {json.loads(line)["model"] for line in dump.splitlines()}
    assert {"accounts.user", "audit.auditevent", "audit.auditchainhead"} <= models
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def test_times_keep_their_microseconds(backup: Path) -> None:
    # Django's own JSON keeps milliseconds; the audit chain hashes microseconds.
    event = AuditEvent.objects.order_by("pk").first()
    assert event is not None
    line = next(
        json.loads(raw)
        for raw in (backup / "database.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(raw)["model"] == "audit.auditevent"
    )
    assert line["fields"]["created_at"] == event.created_at.isoformat().replace("+00:00", "Z")
    assert len(line["fields"]["created_at"]) == len("2026-03-02T01:00:00.123456Z")


def tamper_dump(root: Path) -> None:
    with (root / "database.jsonl").open("a", encoding="utf-8") as dump:
        dump.write("\n")


def tamper_scan(root: Path) -> None:
    (root / "media" / "scans" / "a1b2.pdf").write_bytes(SCAN.replace(b"birth", b"death"))


def remove_scan(root: Path) -> None:
    (root / "media" / "scans" / "a1b2.pdf").unlink()


def add_file(root: Path) -> None:
    (root / "media" / "scans" / "extra.pdf").write_bytes(SCAN)


def escape_manifest(root: Path) -> None:
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["media/../../etc/passwd"] = sha(b"")
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (tamper_dump, "database.jsonl: sai mã SHA-256"),
        (tamper_scan, "media/scans/a1b2.pdf: sai mã SHA-256"),
        (remove_scan, "media/scans/a1b2.pdf: thiếu tệp"),
        (add_file, "media/scans/extra.pdf: tệp không có trong manifest"),
        (escape_manifest, "media/../../etc/passwd: đường dẫn không hợp lệ"),
    ],
)
def test_a_tampered_backup_is_refused_and_nothing_restored(
    backup: Path, media: Path, tamper: object, message: str, settings: Settings, tmp_path: Path
) -> None:
    # Given a backup changed after it was written, and an empty media folder
    assert callable(tamper)
    tamper(backup)
    target = tmp_path / "target-media"
    settings.MEDIA_ROOT = target
    before = state(target)
    # When it is restored, even with --force
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup), force=True)
    # Then it is refused with the file named, and nothing changed
    assert str(refused.value) == (
        f"backup_tampered: Bản sao lưu đã bị thay đổi hoặc hỏng ({message}). Không khôi phục gì."
    )
    assert state(target) == before
    assert not target.exists()


def test_a_folder_without_manifest_is_unreadable(backup: Path) -> None:
    (backup / "manifest.json").unlink()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup))
    assert str(refused.value) == (
        "backup_unreadable: Không đọc được bản sao lưu: thiếu tệp manifest.json."
    )


def test_a_database_with_data_is_refused_without_force(backup: Path, media: Path) -> None:
    before = state(media)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup))
    assert str(refused.value).startswith(
        "restore_target_not_empty: Cơ sở dữ liệu hoặc thư mục tệp đích đã có dữ liệu ("
    )
    assert str(refused.value).endswith("Dùng --force để xoá và khôi phục đè.")
    assert state(media) == before


def test_force_replaces_the_rows_and_the_chain_still_verifies(
    backup: Path, media: Path, cast: Cast
) -> None:
    # Given a backup, then a new officer and a changed file
    before = state(media)
    make_staff("moi", "Người Mới", (cast.reception.memberships.get().unit, Role.RECEPTION))
    (media / "scans" / "a1b2.pdf").write_bytes(b"changed")
    assert User.objects.filter(username="moi").exists()
    # When the backup is restored over them
    call_command("restore", str(backup), force=True)
    # Then the database and the files are the backup's again
    assert state(media) == before
    assert not User.objects.filter(username="moi").exists()
    report = verify_chain()
    assert (report.ok, report.entries) == (True, before[1])


def test_an_existing_destination_is_refused(backup: Path) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("backup", str(backup))
    assert str(refused.value) == f"backup_destination_exists: Đích sao lưu {backup} đã tồn tại."


def test_a_tar_backup_restores_like_a_folder(cast: Cast, media: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    call_command("backup", str(archive))
    shutil.rmtree(media)
    call_command("restore", str(archive), force=True)
    assert (media / "scans" / "a1b2.pdf").read_bytes() == SCAN


def test_a_backup_from_a_newer_version_is_refused(backup: Path, media: Path) -> None:
    manifest_path = backup / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["migrations"]["audit"].append("0099_future")
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    before = state(media)

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup), force=True)

    assert str(refused.value) == (
        "backup_schema_mismatch: Lược đồ cơ sở dữ liệu đích khác bản sao lưu (phiên bản "
        "0.1.0): thiếu audit.0099_future, thừa -. Hãy khôi phục bằng đúng phiên bản đã sao "
        "lưu rồi nâng cấp."
    )
    assert state(media) == before
