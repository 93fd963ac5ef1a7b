"""Sending the outbox to the national portal: in order per dossier, retried.

- Only the first unsent event of a dossier is due: sequence n+1 waits until n
  is sent (a failed n is retried first, with back-off).
- An event is marked sent only after a 2xx answer. If the answer is lost the
  event is sent again with the same `Idempotency-Key`; the receiver dedupes.
- Rows are claimed by moving `next_attempt_at` past a lease, under
  `select_for_update(skip_locked=True)` on PostgreSQL (SQLite queues writers),
  so two workers never send the same event at once. A worker that dies while
  sending only delays the event until the lease runs out: nothing is lost.
- An empty PORTAL_SYNC_URL disables sending: events stay pending.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import requests
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from egov.onestop.portalsync.models import OutboxEvent, OutboxStatus

logger = logging.getLogger(__name__)

FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
# Longer than one HTTP exchange (TIMEOUT seconds).
LEASE = timedelta(minutes=5)
TIMEOUT = 10.0


@dataclass(frozen=True)
class SyncReport:
    sent: int = 0
    failed: int = 0


def retry_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure: 30 s, 1 min, 2, 4 ... at most 1 h."""
    return min(FIRST_DELAY * (1 << min(attempts - 1, 20)), MAX_DELAY)


def endpoint() -> str:
    return str(getattr(settings, "PORTAL_SYNC_URL", "") or "")


def _claim(*, limit: int, at: datetime) -> list[OutboxEvent]:
    earlier_unsent = OutboxEvent.objects.filter(
        dossier=OuterRef("dossier"), sequence__lt=OuterRef("sequence")
    ).exclude(status=OutboxStatus.SENT)
    due = (
        OutboxEvent.objects.filter(
            status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED], next_attempt_at__lte=at
        )
        .exclude(Exists(earlier_unsent))
        .order_by("next_attempt_at", "pk")
    )
    with transaction.atomic():
        locked = due.select_for_update(
            skip_locked=connection.features.has_select_for_update_skip_locked
        )
        claimed = list(locked[:limit])
        OutboxEvent.objects.filter(pk__in=[e.pk for e in claimed]).update(
            next_attempt_at=at + LEASE
        )
    return claimed


def _post(session: requests.Session, url: str, event: OutboxEvent) -> None:
    headers = {"Idempotency-Key": event.idempotency_key}
    token = str(getattr(settings, "PORTAL_SYNC_TOKEN", "") or "")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = session.post(url, json=event.payload, headers=headers, timeout=TIMEOUT)
    if not 200 <= response.status_code < 300:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")


def _record_sent(event: OutboxEvent) -> None:
    OutboxEvent.objects.filter(pk=event.pk).update(
        status=OutboxStatus.SENT,
        attempts=event.attempts + 1,
        sent_at=timezone.now(),
        next_attempt_at=None,
        last_error="",
    )


def _record_failure(event: OutboxEvent, error: Exception) -> None:
    attempts = event.attempts + 1
    OutboxEvent.objects.filter(pk=event.pk).update(
        status=OutboxStatus.FAILED,
        attempts=attempts,
        next_attempt_at=timezone.now() + retry_delay(attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    logger.warning("portal sync %s failed (attempt %s): %s", event, attempts, error)


def _send_round(session: requests.Session, url: str, limit: int) -> SyncReport:
    claimed = _claim(limit=limit, at=timezone.now())
    sent = failed = 0
    for event in claimed:
        try:
            _post(session, url, event)
        except Exception as exc:  # the network, the receiver, anything: retry later
            failed += 1
            try:
                _record_failure(event, exc)
            except Exception:  # the lease makes it due again
                logger.exception("could not record the failure of %s", event)
        else:
            sent += 1
            try:
                _record_sent(event)
            except Exception:  # sent again after the lease; the receiver dedupes
                logger.exception("could not record that %s was sent", event)
    return SyncReport(sent=sent, failed=failed)


def send_pending(limit: int = 100) -> SyncReport:
    """Send up to `limit` due events. Never raises.

    One round sends at most the head of each dossier; a dossier's next event
    becomes due when its predecessor is sent, so rounds repeat while they
    make progress.
    """
    url = endpoint()
    if not url:
        return SyncReport()
    sent = failed = 0
    with requests.Session() as session:
        while sent + failed < limit:
            try:
                report = _send_round(session, url, limit - sent - failed)
            except Exception:
                logger.exception("could not claim portal sync events")
                break
            sent, failed = sent + report.sent, failed + report.failed
            if report.sent == 0:
                break
    return SyncReport(sent=sent, failed=failed)
