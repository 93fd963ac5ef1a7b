"""The daily reminders of dossiers near their deadline, run by `egov worker` (see tasks.py)."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from egov.onestop.dossiers.models import Dossier
from egov.onestop.dossiers.transitions import CLOCK_RUNNING_STATUSES
from egov.platform.audit.models import AuditEvent
from egov.platform.audit.services import record_event
from egov.platform.organisation.models import Unit

logger = logging.getLogger(__name__)

REMINDER_EVENT = "worker.deadline_reminder"


def remind_near_deadline() -> str:
    """Once a day per agency: log and audit the open dossiers due within the window."""
    now = timezone.now()
    hours = int(getattr(settings, "DEADLINE_REMINDER_HOURS", 24))
    today = timezone.localdate(now).isoformat()
    near = Dossier.objects.filter(
        status__in=CLOCK_RUNNING_STATUSES,
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
