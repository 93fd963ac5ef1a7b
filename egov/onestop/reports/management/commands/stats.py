from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.onestop.reports.rollups.rebuild import differences, rebuild


class Command(BaseCommand):
    help = (
        "Statistics rollups (egov/onestop/reports/rollups/). `stats rebuild` recomputes them "
        "from the dossiers; `stats verify` compares them with a recomputation, prints every "
        "difference and fails if there is one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rebuild":
            dossiers, rows = rebuild()
            self.stdout.write(f"Rebuilt: {dossiers} dossiers, {rows} counter rows")
            return
        found = differences()
        for difference in found:
            self.stdout.write(str(difference))
        if found:
            raise CommandError(f"{len(found)} differences between the rollups and the dossiers")
        self.stdout.write("OK: the rollups equal the recomputation")
