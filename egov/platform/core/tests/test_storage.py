"""The default storage on a full disk: no partial file, a domain error (issue 16)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from egov.platform.core.errors import InsufficientStorage
from egov.platform.core.storage import SafeFileSystemStorage
from egov.platform.core.tests.fulldisk import files_under, fill_up

MESSAGE = (
    "Máy chủ đã hết chỗ lưu trữ nên tệp chưa được lưu và hồ sơ chưa thay đổi. "
    "Vui lòng thử lại sau hoặc báo cho cơ quan tiếp nhận."
)


def test_the_default_storage_is_the_safe_one() -> None:
    assert isinstance(default_storage, SafeFileSystemStorage)


def test_a_write_that_fills_the_disk_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a storage on a disk with room for 100 more bytes
    storage = SafeFileSystemStorage(location=tmp_path)
    disk = fill_up(monkeypatch, room=100)

    # When a file of 1000 bytes is saved
    with pytest.raises(InsufficientStorage) as error:
        storage.save("scans/a.pdf", ContentFile(b"x" * 1000))

    # Then the 100 bytes that fitted were written, and are gone again
    assert list(disk.written.values()) == [100]
    assert files_under(tmp_path) == []
    assert error.value.status == 507
    assert error.value.code == "storage_full"
    assert error.value.message == MESSAGE


def test_a_file_that_fits_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    storage = SafeFileSystemStorage(location=tmp_path)
    fill_up(monkeypatch, room=1000)

    name = storage.save("scans/a.pdf", ContentFile(b"x" * 1000))

    assert name == "scans/a.pdf"
    assert (tmp_path / name).read_bytes() == b"x" * 1000


def test_other_write_errors_are_not_disguised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a disk that fails with an I/O error instead (not a full disk)
    storage = SafeFileSystemStorage(location=tmp_path)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(SafeFileSystemStorage.__mro__[1], "_save", broken)

    # Then the error goes on unchanged: it is not the person's to fix
    with pytest.raises(OSError, match="Input/output error") as error:
        storage.save("scans/a.pdf", ContentFile(b"x"))
    assert error.type is OSError
