from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.platform.core.errors import DomainError
from egov.platform.organisation.importers import import_province


class Command(BaseCommand):
    help = "Import a province and its communes from the official lists (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help="province code, e.g. 80")
        parser.add_argument(
            "--source",
            default=None,
            help="folder holding provinces-2025.csv and communes-2025.csv "
            "(default: <EGOV_REFERENCE_DIR>/admin-units)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["source"] or Path(settings.REFERENCE_DIR) / "admin-units")
        try:
            report = import_province(province_code=options["province"], source_dir=source)
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        self.stdout.write(
            f"created {len(report.created)}, updated {len(report.updated)}, "
            f"unchanged {report.unchanged}"
        )
