"""`egov worker [--once] [--interval N]`: the platform's background worker.

Runs the job queue (egov/platform/jobs): the periodic tasks (e-mail outbox, national
portal sync, deadline reminders, housekeeping) and the queued jobs (report
exports). Start as many as needed, on one machine or several: each job runs
once. SIGTERM or SIGINT lets the running job finish, then the worker exits.
Each round of the loop records a heartbeat (egov/platform/jobs/heartbeat.py)
that the `/health/` page reports.

A lost database connection (a restart, a failover, a terminated backend)
does not end the worker: the broken connection is closed, the worker waits a
bounded, growing delay and tries again with a fresh one, so the queue keeps
running once the database is back (issue 16, item 2).
"""

from __future__ import annotations

import re
import signal
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import InterfaceError, OperationalError, close_old_connections, connection

from egov.platform.jobs.heartbeat import Beater
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
        beat = Beater(name)
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        if not options["once"]:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        failures = 0
        while not stopping:
            try:
                # As Django does around each request: drop a connection past
                # CONN_MAX_AGE or one the health check finds broken. Never
                # inside a transaction (the test suite's): it would end it.
                if not connection.in_atomic_block:
                    close_old_connections()
                # The health page's sign of life (heartbeat.py): written
                # only when the database answers, so a worker stuck on a
                # dead database goes stale too.
                beat()
                outcomes = run_pass(worker=name, limit=1 if not options["once"] else 10_000)
            except (OperationalError, InterfaceError) as error:
                if options["once"]:
                    raise
                failures += 1
                delay = backoff_delay(failures)
                self.stderr.write(
                    f"database unavailable ({type(error).__name__}: {error}); "
                    f"retrying in {delay:.1f} s"
                )
                _drop_connection()
                time.sleep(delay)
                continue
            failures = 0
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


def backoff_delay(failures: int) -> float:
    """Seconds to wait after the `failures`-th database error in a row: doubling, capped."""
    first: float = settings.WORKER_DB_RETRY_FIRST_SECONDS
    most: float = settings.WORKER_DB_RETRY_MAX_SECONDS
    return float(min(most, first * 2 ** min(failures - 1, 30)))


def _drop_connection() -> None:
    """Forget the broken connection; the next query opens a new one."""
    try:
        close_old_connections()
        connection.close()
    except (OperationalError, InterfaceError):
        # Closing a connection the server already dropped may fail too; the
        # wrapper has let go of it either way.
        pass


def _did_something(outcome: Outcome) -> bool:
    return outcome.status != JobStatus.DONE or _NONZERO.search(str(outcome.result)) is not None
