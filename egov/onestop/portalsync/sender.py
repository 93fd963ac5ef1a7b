"""Sending the outbox to the national portal: in order per dossier, retried.

The lease, the retries and the give-up are the platform outbox's
(egov/platform/outbox); what is the portal's is here:

- Only the first unsent event of a dossier is due: sequence n+1 waits until n
  is sent (a failed n is retried first, with back-off; a given-up n holds
  the dossier's later changes until an administrator sends it again).
- An event is marked sent only after a 2xx answer. If the answer is lost the
  event is sent again with the same `Idempotency-Key`; the receiver dedupes.
- Retries wait 30 s, 1 min, 2, 4 ... at most 1 h; the 30th failed attempt
  (about a day after the first) gives the event up ("Cần xử lý").
- A worker that dies while sending only delays the event until its lease
  runs out: nothing is lost.
- An empty PORTAL_SYNC_URL disables sending: events stay pending.
- Progress events (PortalService.PROGRESS) go to PORTAL_SYNC_PROGRESS_URL, in
  the same per-dossier order; they are only recorded while that is set.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

import requests
from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet

from egov.onestop.events import DossierFiguresChanged
from egov.onestop.portalsync.models import OutboxEvent, OutboxStatus, PortalService
from egov.platform.core.events import publish
from egov.platform.outbox.contract import Outbox, Retry, RowStates, Send
from egov.platform.outbox.drain import drain

RETRY = Retry(first=timedelta(seconds=30), cap=timedelta(hours=1), max_attempts=30)
# Longer than one HTTP exchange (TIMEOUT seconds).
LEASE = timedelta(minutes=5)
TIMEOUT = 10.0


@dataclass(frozen=True)
class SyncReport:
    sent: int = 0
    failed: int = 0


def retry_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure: 30 s, 1 min, 2, 4 ... at most 1 h."""
    return RETRY.delay(attempts)


def endpoint() -> str:
    return str(getattr(settings, "PORTAL_SYNC_URL", "") or "")


def progress_endpoint() -> str:
    return str(getattr(settings, "PORTAL_SYNC_PROGRESS_URL", "") or "")


def url_for(event: OutboxEvent) -> str:
    """Where an event goes: the progress service's own address, or the dossier sync's."""
    if event.service == PortalService.PROGRESS:
        return progress_endpoint()
    return endpoint()


def _first_unsent_of_each_dossier(due: QuerySet[OutboxEvent]) -> QuerySet[OutboxEvent]:
    earlier_unsent = OutboxEvent.objects.filter(
        dossier=OuterRef("dossier"), sequence__lt=OuterRef("sequence")
    ).exclude(status=OutboxStatus.SENT)
    return due.exclude(Exists(earlier_unsent))


def _post(session: requests.Session, event: OutboxEvent) -> None:
    url = url_for(event)
    headers = {"Idempotency-Key": event.idempotency_key}
    token = str(getattr(settings, "PORTAL_SYNC_TOKEN", "") or "")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = session.post(url, json=event.payload, headers=headers, timeout=TIMEOUT)
    if not 200 <= response.status_code < 300:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")


@contextmanager
def _session() -> Iterator[Send[OutboxEvent]]:
    with requests.Session() as session:
        yield partial(_post, session)


def _sent(event: OutboxEvent) -> None:
    """A dossier's row was sent: the statistics judge whether it was late
    (reports/rollups, formulas.synchronised), in the same transaction."""
    if event.service == PortalService.DOSSIER and event.dossier_id is not None:
        publish(DossierFiguresChanged(dossier_id=event.dossier_id, cause="portal_sync_sent"))


SYNC: Outbox[OutboxEvent] = Outbox(
    name="portal_sync",
    model=OutboxEvent,
    connect=_session,
    retry=RETRY,
    lease=LEASE,
    states=RowStates(
        pending=OutboxStatus.PENDING,
        retrying=OutboxStatus.FAILED,
        leased=OutboxStatus.SENDING,
        done=OutboxStatus.SENT,
        gave_up=OutboxStatus.GAVE_UP,
    ),
    due=_first_unsent_of_each_dossier,
    describe=lambda event: f"portal sync {event.idempotency_key}",
    on_done=_sent,
)


def send_pending(limit: int = 100) -> SyncReport:
    """Send up to `limit` due events. Never raises.

    One round sends at most the head of each dossier; a dossier's next event
    becomes due when its predecessor is sent, so rounds repeat while they
    make progress.
    """
    if not endpoint():
        return SyncReport()
    sent = failed = 0
    while sent + failed < limit:
        report = drain(SYNC, limit=limit - sent - failed)
        sent, failed = sent + report.sent, failed + report.failed
        if report.sent == 0:
            break
    return SyncReport(sent=sent, failed=failed)
