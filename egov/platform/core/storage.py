"""The default file storage: a full disk leaves no partial file behind.

Django's FileSystemStorage writes an upload chunk by chunk; when the disk (or
the account's quota) fills up halfway, the write fails with ENOSPC or EDQUOT
and the first part of the file stays on disk, under a name no row points at.
This storage deletes that part and raises `InsufficientStorage` (HTTP 507,
code `storage_full`), a domain error: the service's transaction rolls back,
so no row refers to a file that is not there, and the person is told in
words (issue 16 item 8).
"""

from __future__ import annotations

import errno
import os
from contextlib import suppress
from typing import Any

from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

from egov.platform.core.errors import CoreError, InsufficientStorage

FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        full_path = self.path(name)
        # Never delete a file this call did not create: the name was free
        # when it was chosen (get_available_name), so a file there now is
        # ours, unless another writer took the name meanwhile.
        existed = os.path.lexists(full_path)
        try:
            # django-stubs leaves out _save, the method Storage.save() calls to write.
            return str(super()._save(name, content))  # type: ignore[misc]
        except OSError as exc:
            if exc.errno not in FULL:
                raise
            if not existed:
                with suppress(FileNotFoundError):
                    os.remove(full_path)
            raise InsufficientStorage(
                CoreError.STORAGE_FULL,
                _(
                    "Máy chủ đã hết chỗ lưu trữ nên tệp chưa được lưu và hồ sơ chưa thay đổi. "
                    "Vui lòng thử lại sau hoặc báo cho cơ quan tiếp nhận."
                ),
            ) from exc
