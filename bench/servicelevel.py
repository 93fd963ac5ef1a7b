"""The cost per request of counting requests for the service report (issue 19 item 6).

    .venv/bin/python bench/servicelevel.py [--requests 200000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_sl .venv/bin/python bench/servicelevel.py

Measures in this process, no HTTP: (1) the middleware around a view that
does nothing, against the same view without it; (2) `recorder.record` alone;
(3) a flush of the hourly rows a busy minute touches; (4) for comparison,
what an UPSERT per request (the increment `flush` does, once per request)
would cost. The database is DATABASE_URL's (migrated here if it is new; by
default a throwaway SQLite file). Prints JSON; docs/service-report.md
records the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup() -> None:
    os.environ.setdefault("EGOV_SECRET_KEY", secrets.token_urlsafe(40))
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="egov-bench-sl-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    # Never flush inside the timed loops: (3) measures the flush on its own.
    os.environ["EGOV_SERVICE_METRICS_FLUSH_SECONDS"] = str(10**9)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egov.settings")
    import django

    django.setup()


def _per_call_us(seconds: float, n: int) -> float:
    return round(seconds / n * 1e6, 3)


def main() -> dict[str, Any]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200_000)
    n = parser.parse_args().requests
    _setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.http import HttpRequest, HttpResponse
    from django.utils import timezone

    from egov.platform.servicelevel import recorder
    from egov.platform.servicelevel.middleware import RequestMetricsMiddleware

    call_command("migrate", verbosity=0)
    response = HttpResponse("ok")

    def view(request: HttpRequest) -> HttpResponse:
        return response

    wrapped = RequestMetricsMiddleware(view)
    request = HttpRequest()
    results: dict[str, Any] = {"database": connection.vendor, "requests": n}

    started = time.perf_counter()
    for _ in range(n):
        view(request)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(n):
        wrapped(request)
    measured = time.perf_counter() - started
    results["middleware_added_us"] = _per_call_us(measured - bare, n)
    recorder.discard()

    at = timezone.now()
    started = time.perf_counter()
    for i in range(n):
        recorder.record(at=at, user_id=None, group=f"g{i % 20}", status=200, elapsed_ms=i % 900)
    results["record_us"] = _per_call_us(time.perf_counter() - started, n)

    # A busy minute: 20 route groups × the public and 50 users' units (none exist: no unit).
    recorder.discard()
    for i in range(n):
        recorder.record(at=at, user_id=None, group=f"g{i % 20}", status=200, elapsed_ms=i % 900)
    started = time.perf_counter()
    rows = recorder.flush()
    results["flush_rows"] = rows
    results["flush_ms"] = round((time.perf_counter() - started) * 1000, 2)

    # The alternative: one increment per request, each its own transaction.
    hour = datetime.fromisoformat(at.isoformat()).replace(minute=0, second=0, microsecond=0)
    values = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]
    upserts = min(n, 2000)
    started = time.perf_counter()
    for _ in range(upserts):
        with transaction.atomic():
            recorder._add(hour, None, "upsert", values)  # noqa: SLF001 - the bench compares it
    results["upsert_per_request_us"] = _per_call_us(time.perf_counter() - started, upserts)
    return results


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
