"""WorkingCalendar.load() reuses the decisions it read until they change."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from egov.platform.workcalendar.deadlines import WorkingCalendar
from egov.platform.workcalendar.models import CalendarDay, CalendarDecision, DayKind

BRIDGE = date(2026, 9, 4)  # a Friday
MAKE_UP = date(2026, 9, 12)  # a Saturday


@pytest.fixture
def decision() -> CalendarDecision:
    return CalendarDecision.objects.create(
        reference="999/QĐ-TTg", issued_on=date(2026, 8, 10), issuer="Thủ tướng Chính phủ"
    )


def _load_counting() -> tuple[WorkingCalendar, int]:
    with CaptureQueriesContext(connection) as queries:
        calendar = WorkingCalendar.load()
    return calendar, len(queries)


@pytest.mark.django_db
def test_unchanged_decisions_are_not_read_again(decision: CalendarDecision) -> None:
    CalendarDay.objects.create(decision=decision, date=BRIDGE, kind=DayKind.DAY_OFF)
    WorkingCalendar.load()

    calendar, queries = _load_counting()

    assert queries == 1  # the fingerprint only
    assert calendar.overrides == {BRIDGE: False}


@pytest.mark.django_db
def test_every_change_of_a_day_is_seen(decision: CalendarDecision) -> None:
    day = CalendarDay.objects.create(decision=decision, date=BRIDGE, kind=DayKind.DAY_OFF)
    first = WorkingCalendar.load()

    # Added
    CalendarDay.objects.create(decision=decision, date=MAKE_UP, kind=DayKind.WORKING_DAY)
    added, added_queries = _load_counting()
    # Moved to another date, in place
    CalendarDay.objects.filter(pk=day.pk).update(date=date(2026, 9, 3))
    moved = WorkingCalendar.load()
    # Kind changed, in place
    CalendarDay.objects.filter(pk=day.pk).update(kind=DayKind.WORKING_DAY)
    changed = WorkingCalendar.load()
    # Removed with its decision
    decision.delete()
    removed = WorkingCalendar.load()

    assert first.overrides == {BRIDGE: False}
    assert added_queries == 2  # the fingerprint, then the days
    assert added.overrides == {BRIDGE: False, MAKE_UP: True}
    assert moved.overrides == {date(2026, 9, 3): False, MAKE_UP: True}
    assert changed.overrides == {date(2026, 9, 3): True, MAKE_UP: True}
    assert removed.overrides == {}
    assert removed.is_working_day(BRIDGE)  # back to the baseline: a working Friday


@pytest.mark.django_db
def test_a_calendar_cannot_change_the_shared_cache(decision: CalendarDecision) -> None:
    CalendarDay.objects.create(decision=decision, date=BRIDGE, kind=DayKind.DAY_OFF)
    calendar = WorkingCalendar.load()

    calendar.overrides[MAKE_UP] = True

    assert WorkingCalendar.load().overrides == {BRIDGE: False}
