"""The platform's one background worker: every periodic task, one pass.

The database is the queue: each task claims its own rows (the e-mail outbox,
the portal-sync outbox, the dossiers near their deadline), so the worker runs
on the embedded SQLite default and on PostgreSQL with no extra server. A
Redis-backed queue is not implemented. Each task runs isolated: one failing
does not stop the others.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.audit.services import record_event
from egov.dossiers.models import Dossier, DossierStatus
from egov.notifications.outbox import send_due
from egov.organisation.models import Unit
from egov.portalsync.sender import send_pending

logger = logging.getLogger(__name__)

REMINDER_EVENT = "worker.deadline_reminder"
OPEN_STATUSES = [DossierStatus.ACCEPTED, DossierStatus.PROCESSING]


def remind_near_deadline() -> str:
    """Once a day per agency: log and audit the open dossiers due within the window."""
    now = timezone.now()
    hours = int(getattr(settings, "DEADLINE_REMINDER_HOURS", 24))
    today = timezone.localdate(now).isoformat()
    near = Dossier.objects.filter(
        status__in=OPEN_STATUSES,
        appointment_at__gt=now,
        appointment_at__lte=now + timedelta(hours=hours),
    ).order_by("appointment_at", "pk")
    by_agency: dict[int, list[str]] = defaultdict(list)
    for agency_id, code in near.values_list("agency_id", "code"):
        by_agency[agency_id].append(code or "")
    reminded = 0
    for agency in Unit.objects.filter(pk__in=list(by_agency)).order_by("pk"):
        with transaction.atomic():
            done = AuditEvent.objects.filter(
                event_type=REMINDER_EVENT, unit=agency, details__date=today
            ).exists()
            if done:
                continue
            codes = by_agency[agency.pk]
            record_event(
                event_type=REMINDER_EVENT,
                actor=None,
                target=agency,
                unit=agency,
                details={"date": today, "hours": hours, "codes": codes},
            )
        logger.info("%s: %s dossiers due within %s h: %s", agency, len(codes), hours, codes)
        reminded += len(codes)
    return f"reminded {reminded}"


def _notifications() -> str:
    report = send_due(limit=100)
    return f"sent {report.sent}, failed {report.failed}"


def _portal_sync() -> str:
    report = send_pending(limit=100)
    return f"sent {report.sent}, failed {report.failed}"


TASKS: list[tuple[str, Callable[[], str]]] = [
    ("notifications", _notifications),
    ("portal_sync", _portal_sync),
    ("reminders", remind_near_deadline),
]


def run_once() -> dict[str, str]:
    """Run every task once; a failing task is logged and reported, not raised."""
    results: dict[str, str] = {}
    for name, task in TASKS:
        try:
            results[name] = task()
        except Exception as exc:
            logger.exception("worker task %s failed", name)
            results[name] = f"error: {type(exc).__name__}"
    return results
