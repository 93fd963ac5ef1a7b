from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.platform.audit.verification import verify_chain


class Command(BaseCommand):
    help = (
        "Audit trail tools. `audit verify` walks the hash chain and reports the first broken link."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"BROKEN after {report.entries} valid entries: {report.problem}")
        self.stdout.write(f"OK: {report.entries} entries")
