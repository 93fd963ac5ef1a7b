"""`egov worker [--once] [--interval N]`: every periodic task of the platform."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.portalsync.worker import run_once


class Command(BaseCommand):
    help = "Run the background tasks (e-mails, national portal sync, deadline reminders)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--interval", type=float, default=10.0, help="seconds between passes")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            results = run_once()
            self.stdout.write("; ".join(f"{name}: {line}" for name, line in results.items()))
            if options["once"]:
                return
            time.sleep(options["interval"])
