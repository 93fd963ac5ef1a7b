"""`egov worker [--once] [--interval N]`: the platform's background worker.

Runs the job queue (egov/platform/jobs): the periodic tasks (e-mail outbox, national
portal sync, deadline reminders, housekeeping) and the queued jobs (report
exports). Start as many as needed, on one machine or several: each job runs
once. SIGTERM or SIGINT lets the running job finish, then the worker exits.
"""

from __future__ import annotations

import re
import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.platform.jobs.models import JobStatus
from egov.platform.jobs.worker import Outcome, run_pass, worker_name

_NONZERO = re.compile(r"[1-9]")


class Command(BaseCommand):
    help = "Run the background jobs (e-mails, national portal sync, reminders, report exports)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="one pass (every due job), then exit"
        )
        parser.add_argument(
            "--interval", type=float, default=2.0, help="seconds between polls when idle"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = worker_name()
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        if not options["once"]:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        while not stopping:
            outcomes = run_pass(worker=name, limit=1 if not options["once"] else 10_000)
            if options["once"]:
                self.stdout.write("; ".join(o.line() for o in outcomes))
            else:
                # Running for good, a periodic pass that found nothing to do
                # ("sent 0, failed 0") is noise; -v 2 shows every pass.
                shown = [o for o in outcomes if options["verbosity"] > 1 or _did_something(o)]
                if shown:
                    self.stdout.write("; ".join(o.line() for o in shown))
            if options["once"]:
                return
            if not outcomes:
                time.sleep(options["interval"])


def _did_something(outcome: Outcome) -> bool:
    return outcome.status != JobStatus.DONE or _NONZERO.search(str(outcome.result)) is not None
