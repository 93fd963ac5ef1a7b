"""`egov import_agencies FILE`: import the outside agencies documents can be sent to.

The file's format and the rules are in egov/office/exchange/directory.py.
Running it again with the same file changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.office.exchange.directory import import_agencies
from egov.platform.core.errors import DomainError


class Command(BaseCommand):
    help = "Import outside agencies (CSV: ma_dinh_danh, ten_co_quan, dia_chi, email, dien_thoai)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}.") from exc
        try:
            result = import_agencies(actor=None, data=data)
        except DomainError as exc:
            problems = "\n".join(exc.details.get("problems", []))
            raise CommandError(f"{exc.message}\n{problems}".rstrip()) from exc
        self.stdout.write(
            f"Thêm {len(result.added)}, cập nhật {len(result.changed)}, "
            f"không đổi {result.unchanged} cơ quan."
        )
