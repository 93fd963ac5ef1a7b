"""A disk that fills up: the storage's writes fail with ENOSPC after some bytes.

`fill_up(monkeypatch, room=...)` lets the default storage (FileSystemStorage's
_save) write `room` more bytes in all, then fails the write that goes past
them with ENOSPC, as a real full disk does: the bytes that fit are on disk.
Only the storage's own writes are affected (its module's `os` is replaced).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import IO, Any

import pytest
from django.core.files.storage import filesystem


@dataclass
class FullDisk:
    room: int
    # Every file the storage opened for writing, and the bytes that reached it.
    written: dict[Path, int] = field(default_factory=dict)


class _FillingFile:
    def __init__(self, real: IO[Any], path: Path, disk: FullDisk) -> None:
        self._real, self._path, self._disk = real, path, disk
        disk.written[path] = 0

    def write(self, data: bytes) -> int:
        fits = data[: max(self._disk.room, 0)]
        self._real.write(fits)
        self._real.flush()
        self._disk.room -= len(fits)
        self._disk.written[self._path] += len(fits)
        if len(fits) < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return len(data)

    def close(self) -> None:
        self._real.close()


class _OsOnAFullDisk(ModuleType):
    def __init__(self, disk: FullDisk) -> None:
        super().__init__("os")
        self._disk = disk

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fdopen(self, fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> _FillingFile:
        path = Path(os.readlink(f"/proc/self/fd/{fd}"))
        return _FillingFile(os.fdopen(fd, mode, *args, **kwargs), path, self._disk)


def fill_up(monkeypatch: pytest.MonkeyPatch, *, room: int) -> FullDisk:
    disk = FullDisk(room=room)
    monkeypatch.setattr(filesystem, "os", _OsOnAFullDisk(disk))
    return disk


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
