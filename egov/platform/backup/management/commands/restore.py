from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from egov.platform.audit.verification import verify_chain
from egov.platform.backup.services import restore_backup
from egov.platform.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Restore a backup made by `egov backup` (a folder or a .tar) after checking "
        "every checksum. Refuses a database that holds data unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the backup's folder or .tar file")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--force",
            action="store_true",
            help="delete the target's rows (and overwrite its files) first",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["source"])
        if not source.exists():
            raise CommandError(f"backup_unreadable: {source} không tồn tại.")
        try:
            report = restore_backup(
                source=source, using=options["database"], force=options["force"]
            )
        except DomainError as error:
            raise CommandError(f"{error.code}: {error.message}") from None
        self.stdout.write(
            f"OK: {report.objects} rows, {report.files} files restored "
            f"(backup of {report.manifest.created_at}, version {report.manifest.app_version})"
        )
        if options["database"] == DEFAULT_DB_ALIAS:
            chain = verify_chain()
            state = "OK" if chain.ok else f"BROKEN: {chain.problem}"
            self.stdout.write(f"audit chain: {state} ({chain.entries} entries)")
