from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from egov.platform.backup.services import create_backup
from egov.platform.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files to DEST: a folder, or a tar "
        "when DEST ends in .tar, with a manifest of SHA-256 checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", help="a new folder, or a file ending in .tar")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        destination = Path(options["destination"]).resolve()
        try:
            manifest = create_backup(destination=destination, using=options["database"])
        except DomainError as error:
            raise CommandError(f"{error.code}: {error.message}") from None
        self.stdout.write(
            f"OK: {manifest.objects} rows, {len(manifest.files)} files -> {destination}"
        )
