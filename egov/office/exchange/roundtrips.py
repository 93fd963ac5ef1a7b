"""The exchange's round trips for the statistics: what was sent, what came back, how fast.

Per document sent to an agency of the directory (an exchange recipient of an
outgoing document issued in the period by a body under the scope): delivered
when its 01 came back, accepted with 03, refused with 02, failed when the
sending gave up. The time to a status runs from the document's issue to the
status's own time (the receiver's clock, as its message says), the first of
that code per recipient; the page shows the median and the 90th percentile.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet

from egov.office.documents.models import (
    ONCE_ISSUED,
    ExchangeStatus,
    OutgoingRecipient,
    RecipientKind,
)
from egov.office.exchange.edxml.model import StatusCode
from egov.office.exchange.models import StatusEntry
from egov.office.exchange.selectors import status_label
from egov.platform.organisation.models import Unit

# The statuses whose delay the clerk and the leader follow.
TRACKED = (StatusCode.ARRIVED, StatusCode.ACCEPTED, StatusCode.ASSIGNED, StatusCode.COMPLETED)


@dataclass(frozen=True)
class StatusTime:
    code: str
    count: int
    median: timedelta | None
    p90: timedelta | None

    @property
    def label(self) -> str:
        return status_label(self.code)

    @property
    def median_text(self) -> str:
        return duration_text(self.median)

    @property
    def p90_text(self) -> str:
        return duration_text(self.p90)


@dataclass(frozen=True)
class RoundTrips:
    sent: int
    delivered: int
    accepted: int
    refused: int
    failed: int
    times: tuple[StatusTime, ...]


def duration_text(value: timedelta | None) -> str:
    """A delay in Vietnamese, to the second under an hour and to the minute above."""
    if value is None:
        return "—"
    seconds = max(0, round(value.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [(days, "ngày"), (hours, "giờ"), (minutes, "phút")]
    if not days and not hours:
        parts.append((seconds, "giây"))
    text = " ".join(f"{n} {unit}" for n, unit in parts if n)
    return text or "0 giây"


def _with(recipients: QuerySet[OutgoingRecipient], code: StatusCode) -> int:
    answered = StatusEntry.objects.filter(recipient=OuterRef("pk"), code=code.value)
    return recipients.filter(Exists(answered)).count()


def _percentile(values: list[timedelta], share: float) -> timedelta | None:
    if not values:
        return None
    ordered = sorted(values)
    # The nearest rank: the smallest value with at least `share` of them at or below it.
    rank = max(1, -(-len(ordered) * int(share * 100) // 100))
    return ordered[rank - 1]


def round_trips(*, scope: Unit, date_from: date, date_to: date) -> RoundTrips:
    recipients = OutgoingRecipient.objects.filter(
        kind=RecipientKind.EXCHANGE,
        document__body__path__startswith=scope.path,
        document__status__in=ONCE_ISSUED,
        document__issued_on__gte=date_from,
        document__issued_on__lte=date_to,
    )
    first: dict[tuple[int, str], timedelta] = {}
    rows = (
        StatusEntry.objects.filter(recipient__in=recipients, code__in=[c.value for c in TRACKED])
        .order_by("status_at", "pk")
        .values_list("recipient_id", "code", "status_at", "recipient__document__issued_at")
    )
    for recipient_id, code, status_at, issued_at in rows:
        if issued_at is not None:
            first.setdefault((recipient_id, code), status_at - issued_at)
    times = []
    for code in TRACKED:
        delays = [delay for (_, c), delay in first.items() if c == code.value]
        times.append(
            StatusTime(
                code=code.value,
                count=len(delays),
                median=statistics.median_low(delays) if delays else None,
                p90=_percentile(delays, 0.9),
            )
        )
    return RoundTrips(
        sent=recipients.count(),
        delivered=_with(recipients, StatusCode.ARRIVED),
        accepted=_with(recipients, StatusCode.ACCEPTED),
        refused=_with(recipients, StatusCode.REFUSED),
        failed=recipients.filter(exchange_status=ExchangeStatus.FAILED).count(),
        times=tuple(times),
    )
