"""The outbox worker: `egov send_notifications` (one pass) or `--loop`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.platform.notifications.outbox import send_due


class Command(BaseCommand):
    help = "Send the e-mails waiting in the outbox (retrying failed ones when due)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--loop", action="store_true", help="keep running, one pass every --interval seconds"
        )
        parser.add_argument("--interval", type=float, default=10.0, help="seconds between passes")
        parser.add_argument("--limit", type=int, default=100, help="e-mails per pass at most")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            report = send_due(limit=options["limit"])
            if report.sent or report.failed or not options["loop"]:
                self.stdout.write(f"sent {report.sent}, failed {report.failed}")
            if not options["loop"]:
                return
            # A full batch means more are waiting: go on at once.
            if report.sent + report.failed < options["limit"]:
                time.sleep(options["interval"])
