"""Feedback figures of a unit and period, and the two feedback rates of Decision 766.

Decision 766/QĐ-TTg scores feedback handled on time and satisfaction with
its handling (DOMAIN.md, "Mức độ hài lòng"). As for dossiers, the on-time
numerator counts the items finished on time and the open ones still within
their deadline; an item is unsatisfied when its sender rated it so or it
was late, or they sent a follow-up on the same matter (followups.py). With no
feedback in the period the national dashboard gives full points: the rates
are then None, and the page says so.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Min, QuerySet
from django.utils import timezone

from egov.platform.core.events import publish
from egov.platform.organisation.indicators import ComplaintsChanged, Figure
from egov.platform.organisation.models import Unit
from egov.voice.feedback import followups
from egov.voice.feedback.events import FeedbackChanged
from egov.voice.feedback.models import Feedback, Rating, Status
from egov.voice.feedback.services import is_late


@dataclass(frozen=True)
class Figures:
    received: int
    refused: int
    answered: int
    open: int
    late: int
    published: int
    unsatisfied: int

    @property
    def on_time_rate(self) -> float | None:
        return None if self.received == 0 else (self.received - self.late) / self.received

    @property
    def satisfaction_rate(self) -> float | None:
        return None if self.received == 0 else 1 - self.unsatisfied / self.received


FIELDS = (
    "status",
    "received_at",
    "classify_due_at",
    "classified_at",
    "answer_due_at",
    "answered_at",
    "publish_due_at",
    "published_at",
    "rating",
)


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of `start` to the end of `end`, local time, as [from, to)."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


def received_in(unit: Unit, start: date, end: date) -> QuerySet[Feedback]:
    """Items sent to `unit` or below and received from `start` to `end` (both included)."""
    since, until = bounds(start, end)
    return Feedback.objects.filter(
        addressed_to__path__startswith=unit.path, received_at__gte=since, received_at__lt=until
    )


def summarise(items: list[Feedback], now: datetime, followed: set[int] | None = None) -> Figures:
    """Figures of `items`; `followed`: the ids of items followed up (default: read them)."""
    followed = followups.followed_up(items) if followed is None else followed
    late = {item.pk for item in items if is_late(item, now)}
    return Figures(
        received=len(items),
        refused=sum(item.status == Status.REFUSED for item in items),
        answered=sum(item.status == Status.ANSWERED for item in items),
        open=sum(item.is_open for item in items),
        late=len(late),
        published=sum(item.published_at is not None for item in items),
        unsatisfied=sum(
            item.pk in late or item.pk in followed or item.rating == Rating.UNSATISFIED
            for item in items
        ),
    )


def figures(*, unit: Unit, start: date, end: date, now: datetime | None = None) -> Figures:
    """Items sent to `unit` or below and received from `start` to `end` (both included)."""
    items = list(received_in(unit, start, end).only(*FIELDS))
    return summarise(items, now or timezone.now())


def on_time_figure(*, unit: Unit, first: date, last: date) -> Figure:
    """Decision 766's "feedback handled on time", for the one-stop desk's indicator set."""
    found = figures(unit=unit, start=first, end=last)
    return Figure(found.received - found.late, found.received)


def satisfaction_figure(*, unit: Unit, first: date, last: date) -> Figure:
    """Decision 766's "satisfaction with feedback handling" (neither late nor disliked)."""
    found = figures(unit=unit, start=first, end=last)
    return Figure(found.received - found.unsatisfied, found.received)


def complained_dossiers(*, before: datetime) -> set[str]:
    """The dossier codes named by feedback received before `before`, except refused items.

    Decision 766's satisfaction with procedures subtracts the dossiers with a
    complaint (DOMAIN.md). Feedback refused at classification (a complaint
    sent as feedback, no content, outside competence) is left out: it was
    judged not to be feedback on the dossier. A house reading, not verified
    against the dashboard's own rule.
    """
    rows = (
        Feedback.objects.filter(received_at__lt=before)
        .exclude(dossier_code="")
        .exclude(status=Status.REFUSED)
        .values_list("dossier_code", flat=True)
        .distinct()
    )
    return set(rows)


def first_complaints(*, codes: Collection[str] | None = None) -> dict[str, datetime]:
    """Per dossier code (of `codes`, or every one), when the first feedback that
    `complained_dossiers` counts was received: the statistics rollups key the
    dossier's "disliked" row by its day."""
    rows = Feedback.objects.exclude(dossier_code="").exclude(status=Status.REFUSED)
    if codes is not None:
        rows = rows.filter(dossier_code__in=list(codes))
    first = rows.order_by().values("dossier_code").annotate(first=Min("received_at"))
    return {row["dossier_code"]: row["first"] for row in first}


def on_feedback_changed(changed: FeedbackChanged) -> None:
    """Tell the indicator set's listeners that the complaints about a dossier changed
    (received, refused, ...), in the changing transaction."""
    code = changed.feedback.dossier_code
    if code:
        publish(ComplaintsChanged(codes=frozenset({code})))
