from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.onestop.procedures.importers import import_procedures
from egov.platform.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Import administrative procedures from a JSON or CSV file "
        "(format: docs/procedures-import.md). Idempotent: procedures are matched by code."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a .json or .csv file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_procedures(Path(options["file"]))
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        self.stdout.write(report.summary())
        for rejection in report.rejected:
            self.stdout.write(str(rejection))
        if report.rejected:
            # A non-zero exit tells scripts and CI that the file needs fixing.
            raise CommandError(f"{len(report.rejected)} row(s) rejected", returncode=2)
