"""The backup's layout on disk and its manifest of checksums.

Plain functions over paths: they know nothing of the database.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.utils.translation import gettext as _

from egov.platform.backup.errors import BackupError
from egov.platform.core.errors import InvalidInput

FORMAT = "egov-backup/1"
MANIFEST = "manifest.json"
DUMP = "database.jsonl"
MEDIA = "media"
CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(root: Path) -> list[Path]:
    """Every regular file below root, in a stable order."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


@dataclass(frozen=True)
class Manifest:
    created_at: str
    app_version: str
    vendor: str
    dump_sha256: str
    objects: int
    migrations: dict[str, list[str]]
    # Relative POSIX path under the backup's root -> SHA-256.
    files: dict[str, str]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "created_at": self.created_at,
            "app_version": self.app_version,
            "database": {
                "vendor": self.vendor,
                "dump": DUMP,
                "serialisation": "jsonl",
                "sha256": self.dump_sha256,
                "objects": self.objects,
            },
            "migrations": self.migrations,
            "files": self.files,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r}")
        database = data["database"]
        return cls(
            created_at=str(data["created_at"]),
            app_version=str(data["app_version"]),
            vendor=str(database["vendor"]),
            dump_sha256=str(database["sha256"]),
            objects=int(database["objects"]),
            migrations={str(k): [str(n) for n in v] for k, v in data["migrations"].items()},
            files={str(k): str(v) for k, v in data["files"].items()},
        )


def write_manifest(root: Path, manifest: Manifest) -> None:
    text = json.dumps(manifest.as_json(), ensure_ascii=False, indent=2, sort_keys=True)
    (root / MANIFEST).write_text(text + "\n", encoding="utf-8")


def _unreadable(detail: str) -> InvalidInput:
    return InvalidInput(
        BackupError.UNREADABLE,
        _("Không đọc được bản sao lưu: %(detail)s.") % {"detail": detail},
    )


def _tampered(path: str, problem: str) -> InvalidInput:
    return InvalidInput(
        BackupError.TAMPERED,
        _("Bản sao lưu đã bị thay đổi hoặc hỏng (%(path)s: %(problem)s). Không khôi phục gì.")
        % {"path": path, "problem": problem},
        details={"path": path, "problem": problem},
    )


def verify(root: Path) -> Manifest:
    """Read the manifest and check every file against it; raise on any difference.

    Checks the dump, every media file listed, and that nothing was added.
    """
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        manifest = Manifest.from_json(data)
    except FileNotFoundError:
        raise _unreadable(_("thiếu tệp manifest.json")) from None
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise _unreadable(str(error)) from None
    dump = root / DUMP
    if not dump.is_file():
        raise _tampered(DUMP, _("thiếu tệp"))
    if sha256_of(dump) != manifest.dump_sha256:
        raise _tampered(DUMP, _("sai mã SHA-256"))
    present = {p.relative_to(root).as_posix() for p in files_under(root / MEDIA)}
    for name, expected in sorted(manifest.files.items()):
        pure = PurePosixPath(name)
        if pure.is_absolute() or ".." in pure.parts or pure.parts[:1] != (MEDIA,):
            raise _tampered(name, _("đường dẫn không hợp lệ"))
        if name not in present:
            raise _tampered(name, _("thiếu tệp"))
        if sha256_of(root / name) != expected:
            raise _tampered(name, _("sai mã SHA-256"))
    extra = sorted(present - set(manifest.files))
    if extra:
        raise _tampered(extra[0], _("tệp không có trong manifest"))
    return manifest


def pack(root: Path, tar_path: Path) -> None:
    """Write the folder's contents into an uncompressed tar (scans do not compress)."""
    with tarfile.open(tar_path, "w") as archive:
        for path in sorted(root.rglob("*")):
            archive.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)


def unpack(tar_path: Path, into: Path) -> None:
    """Extract a tar refusing links, devices and paths outside `into`."""
    try:
        with tarfile.open(tar_path, "r") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise _unreadable(str(error)) from None


def copy_tree(source: Path, target: Path, written: list[Path] | None = None) -> list[Path]:
    """Copy every file of source under target; `written` collects them as it goes,
    so a caller can remove them when a later one fails."""
    written = [] if written is None else written
    for path in files_under(source):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        written.append(destination)
    return written
