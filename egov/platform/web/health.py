"""`/health/`: is the database answering and is a worker alive? For supervisors and monitoring.

No login and no personal data: the answer says only "ok" or what is wrong,
with a stable `code`, and how many seconds ago a worker last beat. 200 when
both are well; 503 when the database does not answer (`database_unavailable`)
or no worker has beaten within EGOV_WORKER_STALE_SECONDS (`worker_stale`), so
a load balancer or a systemd watchdog script can act on the status alone
(deploy/README.md). The beat is read from the database (jobs/heartbeat.py),
not the cache, which is per process.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from egov.platform.jobs.heartbeat import worker_health

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        worker = worker_health()
    except DatabaseError:
        logger.exception("health: the database does not answer")
        return JsonResponse(
            {"status": "error", "code": "database_unavailable", "database": "error"}, status=503
        )
    body: dict[str, object] = {
        "status": "ok" if worker.fresh else "error",
        "database": "ok",
        "worker": {
            "status": "ok" if worker.fresh else "stale",
            "last_beat_seconds_ago": worker.age_seconds,
            "stale_after_seconds": worker.stale_after_seconds,
        },
    }
    if not worker.fresh:
        body["code"] = "worker_stale"
        return JsonResponse(body, status=503)
    return JsonResponse(body)
