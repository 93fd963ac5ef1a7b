"""What the citizens' voice offers the other domains, as plain data.

The one-stop desk's management review pack (issue 19 item 4, ISO 9001:2015
clause 9.3 "feedback from interested parties") shows the feedback handled
and its ratings. The other domains never import voice's models: they read
through these functions, listed in the import contract (pyproject.toml).
Counts only: nothing here names a sender.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count
from django.utils import timezone

from egov.platform.organisation.models import Unit
from egov.voice.feedback import statistics
from egov.voice.feedback.models import Rating


@dataclass(frozen=True)
class FeedbackHandled:
    """Feedback (phản ánh, kiến nghị) sent to a unit or below and received in a period,
    counted as the voice statistics count it (egov/voice/feedback/statistics.py)."""

    received: int
    answered: int
    # Finished within each step's deadline or still within it (Decision 766).
    on_time: int
    overdue: int
    # The senders' ratings of the answers.
    satisfied: int
    unsatisfied: int

    @property
    def rated(self) -> int:
        return self.satisfied + self.unsatisfied


def feedback_handled(
    *, unit: Unit, first: date, last: date, now: datetime | None = None
) -> FeedbackHandled:
    """Feedback sent to `unit` or below and received from `first` to `last` (both included)."""
    figures = statistics.figures(unit=unit, start=first, end=last, now=now or timezone.now())
    ratings = dict(
        statistics.received_in(unit, first, last)
        .exclude(rating="")
        .order_by()
        .values_list("rating")
        .annotate(n=Count("pk"))
    )
    return FeedbackHandled(
        received=figures.received,
        answered=figures.answered,
        on_time=figures.received - figures.late,
        overdue=figures.late,
        satisfied=ratings.get(Rating.SATISFIED, 0),
        unsatisfied=ratings.get(Rating.UNSATISFIED, 0),
    )
