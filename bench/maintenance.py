"""What the rollup maintenance adds to a reception and to a move, measured in process.

The maintenance runs in the dossier's transaction (egov/onestop/reports/
rollups/maintain.py, subscribed to DossierChanged): a reception or a move
through the API cannot be timed without it, and a switch that skips it
would leave wrong counters in a production setting. So the bench calls the
services themselves, as the API does, and times, inside each call, the time
spent in `maintain.sync` (the whole maintenance: fact read, side facts,
upserts, fact write) and the statements it sends. The share is that time
over the service call's wall time (transaction and commit included); an
HTTP request adds the request's own cost (session, routing, serialising)
on top, so the share of a request is smaller than this one.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def _timing_maintenance(spent: list[float], statements: list[int]) -> Iterator[None]:
    """Time every `maintain.sync` call and count its statements."""
    from django.db import connection

    from egov.onestop.reports.rollups import maintain

    original = maintain.sync

    def counted(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        statements[-1] += 1
        return execute(sql, *args)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        with connection.execute_wrapper(counted):
            try:
                return original(*args, **kwargs)
            finally:
                spent[-1] += time.perf_counter() - started

    maintain.sync = timed  # type: ignore[assignment]
    try:
        yield
    finally:
        maintain.sync = original  # type: ignore[assignment]


def _summary(total: list[float], spent: list[float], statements: list[int]) -> dict[str, Any]:
    return {
        "calls": len(total),
        "call_median_ms": round(statistics.median(total) * 1000, 2),
        "maintenance_median_ms": round(statistics.median(spent) * 1000, 2),
        "maintenance_statements_median": statistics.median(statements),
        "share": round(sum(spent) / sum(total), 4),
    }


def measure(commune_code: str, procedure_code: str, count: int = 100) -> dict[str, Any]:
    """Receive `count` dossiers at the commune's centre, then forward each; the
    share of each service call spent in the rollup maintenance."""
    from egov.onestop.dossiers.services import Applicant, move_on, receive_dossier
    from egov.onestop.procedures.models import Procedure
    from egov.platform.accounts.models import User
    from egov.platform.organisation.models import Unit, UnitKind

    commune = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code=commune_code)
    centre = Unit.objects.get(kind=UnitKind.SERVICE_CENTRE, parent=commune)
    procedure = Procedure.objects.get(code=procedure_code)
    documents = list(procedure.documents.filter(required=True).values_list("pk", flat=True))
    officer = User.objects.get(username="tiepnhan.longan")
    results: dict[str, Any] = {}
    received = []
    for name in ("reception", "forward"):
        total: list[float] = []
        spent: list[float] = []
        statements: list[int] = []
        with _timing_maintenance(spent, statements):
            for i in range(count):
                spent.append(0.0)
                statements.append(0)
                started = time.perf_counter()
                if name == "reception":
                    dossier = receive_dossier(
                        actor=officer,
                        receiving_unit=centre,
                        procedure=procedure,
                        agency=commune,
                        applicant=Applicant(name=f"Bench {i}", id_number="072090009999"),
                        outcome="accept",
                        received_document_ids=documents,
                    )
                    received.append(dossier.pk)
                else:
                    move_on(actor=officer, dossier=received[i], action="forward")
                total.append(time.perf_counter() - started)
        results[name] = _summary(total, spent, statements)
    return results
