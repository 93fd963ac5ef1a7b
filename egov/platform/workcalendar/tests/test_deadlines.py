"""Deadline arithmetic: the statutory baseline, official overrides, office hours.

Default office hours are 07:30-11:30 and 13:30-17:00, so a working day is
7.5 hours. Dates below were checked against the 2026 and 2027 calendars the
`holidays` library gives for Vietnam (see DOMAIN.md, "Working days").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest
from django.test import override_settings

from egov.platform.core.errors import InvalidInput
from egov.platform.workcalendar.baseline import baseline_is_working_day
from egov.platform.workcalendar.deadlines import (
    VN_TZ,
    OfficeHours,
    WorkingCalendar,
    due_at,
)
from egov.platform.workcalendar.models import CalendarDay, CalendarDecision, DayKind

DEFAULT_HOURS = OfficeHours.parse("07:30-11:30,13:30-17:00")


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


@pytest.fixture
def calendar() -> WorkingCalendar:
    """The baseline calendar with default office hours, no decision entered."""
    return WorkingCalendar(overrides={}, office_hours=DEFAULT_HOURS)


# --- The baseline: which days are worked -------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 13), True),  # Friday before Tết
        (date(2026, 2, 16), False),  # Tết 2026, Monday
        (date(2026, 2, 20), False),  # Tết 2026, Friday
        (date(2026, 2, 23), True),  # first working day after Tết
        (date(2026, 4, 27), False),  # Hùng Kings day (Sunday 26 Apr) observed
        (date(2026, 8, 22), True),  # Saturday worked in exchange for 31 Aug
        (date(2026, 8, 23), False),  # the Sunday after stays off
        (date(2026, 8, 31), False),  # swapped day off
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
        (date(2026, 11, 24), False),  # Vietnamese Culture Day, from 2026
        (date(2027, 1, 1), False),
        (date(2027, 2, 4), False),  # Tết 2027 starts on a Thursday
        (date(2027, 2, 10), False),  # and ends on a Wednesday
        (date(2027, 2, 11), True),
        (date(2027, 5, 3), False),  # 1 May 2027 is a Saturday, observed Monday
    ],
)
def test_baseline_working_days(day: date, expected: bool) -> None:
    assert baseline_is_working_day(day) is expected


def test_working_days_lists_the_days_between_two_dates(calendar: WorkingCalendar) -> None:
    # When: the working days from the Friday before Tết 2026 to the Tuesday after
    days = list(calendar.working_days(date(2026, 2, 13), date(2026, 2, 24)))

    # Then: Tết week and both weekends are skipped
    assert days == [date(2026, 2, 13), date(2026, 2, 23), date(2026, 2, 24)]


# --- Around the holidays ------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Tết 2026 (Mon 16 - Fri 20 Feb)
        pytest.param(vn(2026, 2, 13, 9), 1, vn(2026, 2, 23, 9), id="tet-2026-one-day"),
        pytest.param(vn(2026, 2, 13, 9), 5, vn(2026, 2, 27, 9), id="tet-2026-five-days"),
        pytest.param(vn(2026, 2, 12, 9), 2, vn(2026, 2, 23, 9), id="tet-2026-from-thursday"),
        # A start inside the holiday counts from the first opening after it.
        pytest.param(vn(2026, 2, 18, 10), 1, vn(2026, 2, 23, 17), id="tet-2026-start-inside"),
        pytest.param(vn(2026, 2, 18, 10), 2, vn(2026, 2, 24, 17), id="tet-2026-inside-two"),
        # New Year 2027 (Fri 1 Jan) across the year boundary
        pytest.param(vn(2026, 12, 31, 9), 1, vn(2027, 1, 4, 9), id="new-year-2027"),
        # Tết 2027 (Thu 4 - Wed 10 Feb)
        pytest.param(vn(2027, 2, 3, 9), 1, vn(2027, 2, 11, 9), id="tet-2027-one-day"),
        pytest.param(vn(2027, 2, 3, 9), 3, vn(2027, 2, 15, 9), id="tet-2027-three-days"),
        pytest.param(vn(2027, 2, 8, 8), 1, vn(2027, 2, 11, 17), id="tet-2027-start-inside"),
        # Hùng Kings day observed Mon 27 Apr, then 30 Apr and 1 May 2026
        pytest.param(vn(2026, 4, 24, 9), 3, vn(2026, 5, 4, 9), id="april-2026"),
        # National Day 2026: Sat 22 Aug worked, 31 Aug - 2 Sep off
        pytest.param(vn(2026, 8, 21, 9), 1, vn(2026, 8, 22, 9), id="saturday-22-aug-worked"),
        pytest.param(vn(2026, 8, 21, 9), 2, vn(2026, 8, 24, 9), id="sunday-23-aug-off"),
        pytest.param(vn(2026, 8, 28, 9), 1, vn(2026, 9, 3, 9), id="national-day-2026"),
        pytest.param(vn(2026, 8, 22, 8), 0, vn(2026, 8, 22, 8), id="zero-on-worked-saturday"),
        # Vietnamese Culture Day, Tue 24 Nov 2026
        pytest.param(vn(2026, 11, 23, 9), 1, vn(2026, 11, 25, 9), id="culture-day-2026"),
    ],
)
def test_working_days_skip_holidays(
    calendar: WorkingCalendar, start: datetime, days: int, expected: datetime
) -> None:
    assert calendar.add(start, working_days=days) == expected


# --- Office hours -------------------------------------------------------------
# Mon 9 Mar 2026 is an ordinary Monday.


@pytest.mark.parametrize(
    ("start", "days", "hours", "expected"),
    [
        # Before opening: counting starts at 07:30.
        pytest.param(vn(2026, 3, 9, 6), 1, None, vn(2026, 3, 9, 17), id="early-one-day"),
        pytest.param(vn(2026, 3, 9, 6), None, 1, vn(2026, 3, 9, 8, 30), id="early-one-hour"),
        # At lunch: counting starts at 13:30.
        pytest.param(vn(2026, 3, 9, 12), None, 1, vn(2026, 3, 9, 14, 30), id="lunch-one-hour"),
        pytest.param(vn(2026, 3, 9, 12), 1, None, vn(2026, 3, 10, 11, 30), id="lunch-one-day"),
        # After closing: counting starts at 07:30 the next working day.
        pytest.param(vn(2026, 3, 9, 18), None, 1, vn(2026, 3, 10, 8, 30), id="late-one-hour"),
        pytest.param(vn(2026, 3, 9, 18), 1, None, vn(2026, 3, 10, 17), id="late-one-day"),
        pytest.param(vn(2026, 3, 13, 17, 30), None, 1, vn(2026, 3, 16, 8, 30), id="fri-evening"),
        # On a Sunday: counting starts on Monday at 07:30.
        pytest.param(vn(2026, 3, 8, 10), 1, None, vn(2026, 3, 9, 17), id="sunday-one-day"),
        pytest.param(vn(2026, 3, 8, 10), None, 2, vn(2026, 3, 9, 9, 30), id="sunday-two-hours"),
    ],
)
def test_start_outside_office_hours_counts_from_next_opening(
    calendar: WorkingCalendar,
    start: datetime,
    days: int | None,
    hours: int | None,
    expected: datetime,
) -> None:
    assert calendar.add(start, working_days=days, working_hours=hours) == expected


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        # A duration that fills the morning ends at 11:30, not at 13:30.
        pytest.param(vn(2026, 3, 9, 7, 30), Decimal(4), vn(2026, 3, 9, 11, 30), id="to-11:30"),
        # One that fills the afternoon ends at 17:00, not at 07:30 the next day.
        pytest.param(vn(2026, 3, 9, 13, 30), Decimal("3.5"), vn(2026, 3, 9, 17), id="to-17:00"),
        pytest.param(vn(2026, 3, 9, 7, 30), Decimal("7.5"), vn(2026, 3, 9, 17), id="whole-day"),
        # Starting exactly at a closing time is outside office hours.
        pytest.param(vn(2026, 3, 9, 11, 30), 1, vn(2026, 3, 9, 14, 30), id="from-11:30"),
        pytest.param(vn(2026, 3, 9, 17), 1, vn(2026, 3, 10, 8, 30), id="from-17:00"),
        # One second past the morning spills into the afternoon.
        pytest.param(
            vn(2026, 3, 9, 11, 29),
            Decimal(61) / 3600,
            datetime(2026, 3, 9, 13, 30, 1, tzinfo=VN_TZ),
            id="one-second-over",
        ),
    ],
)
def test_session_boundaries(
    calendar: WorkingCalendar, start: datetime, hours: Decimal | int, expected: datetime
) -> None:
    assert calendar.add(start, working_hours=hours) == expected


def test_one_working_day_from_opening_ends_at_closing_the_same_day(
    calendar: WorkingCalendar,
) -> None:
    assert calendar.add(vn(2026, 3, 9, 7, 30), working_days=1) == vn(2026, 3, 9, 17)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Half a day is 3 h 45 min of office hours.
        pytest.param(vn(2026, 3, 9, 7, 30), "0.5", vn(2026, 3, 9, 11, 15), id="morning"),
        pytest.param(vn(2026, 3, 9, 9), "0.5", vn(2026, 3, 9, 14, 45), id="over-lunch"),
        pytest.param(vn(2026, 3, 9, 9), "1.5", vn(2026, 3, 10, 14, 45), id="one-and-a-half"),
        # Over the night and then over Tết 2026.
        pytest.param(vn(2026, 2, 13, 15), "0.5", vn(2026, 2, 23, 9, 15), id="over-tet"),
    ],
)
def test_half_days(
    calendar: WorkingCalendar, start: datetime, days: str, expected: datetime
) -> None:
    assert calendar.add(start, working_days=Decimal(days)) == expected


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (Decimal("0.25"), vn(2026, 3, 9, 10, 15)),
        (Decimal(1), vn(2026, 3, 9, 11)),
        (Decimal(8), vn(2026, 3, 10, 10, 30)),  # 1.5 h + 3.5 h today, 3 h tomorrow
        (15, vn(2026, 3, 11, 10)),  # two whole days
    ],
)
def test_working_hours(calendar: WorkingCalendar, hours: Decimal | int, expected: datetime) -> None:
    assert calendar.add(vn(2026, 3, 9, 10), working_hours=hours) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Inside office hours a zero duration is the start itself.
        pytest.param(vn(2026, 3, 9, 10), vn(2026, 3, 9, 10), id="inside"),
        # Outside, it is the next opening.
        pytest.param(vn(2026, 3, 9, 12), vn(2026, 3, 9, 13, 30), id="lunch"),
        pytest.param(vn(2026, 3, 9, 18), vn(2026, 3, 10, 7, 30), id="evening"),
        pytest.param(vn(2026, 3, 8, 10), vn(2026, 3, 9, 7, 30), id="sunday"),
        pytest.param(vn(2026, 2, 17, 10), vn(2026, 2, 23, 7, 30), id="tet"),
    ],
)
def test_zero_duration(calendar: WorkingCalendar, start: datetime, expected: datetime) -> None:
    assert calendar.add(start, working_days=0) == expected
    assert calendar.add(start, working_hours=Decimal(0)) == expected


def test_start_in_another_offset_is_converted_to_vietnam_time(
    calendar: WorkingCalendar,
) -> None:
    # Given: 02:00 UTC on Monday 9 Mar 2026 is 09:00 in Hà Nội
    start = datetime(2026, 3, 9, 2, 0, tzinfo=UTC)

    # When
    due = calendar.add(start, working_days=1)

    # Then: the answer is in Asia/Ho_Chi_Minh
    assert due.isoformat() == "2026-03-10T09:00:00+07:00"
    assert due.tzinfo is VN_TZ


def test_start_the_evening_before_in_new_york_is_monday_in_vietnam(
    calendar: WorkingCalendar,
) -> None:
    # Given: Sun 8 Mar 2026 23:00 at -05:00 is Mon 9 Mar 11:00 at +07:00
    start = datetime(2026, 3, 8, 23, 0, tzinfo=timezone(timedelta(hours=-5)))

    # When: one hour (30 minutes before lunch, 30 after)
    due = calendar.add(start, working_hours=1)

    # Then
    assert due.isoformat() == "2026-03-09T14:00:00+07:00"


# --- Refused input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "hours", "code", "message"),
    [
        (-1, None, "negative_duration", "Thời hạn không được là số âm."),
        (Decimal("-0.5"), None, "negative_duration", "Thời hạn không được là số âm."),
        (None, Decimal("-1"), "negative_duration", "Thời hạn không được là số âm."),
        (
            1,
            1,
            "duration_required",
            "Cần đúng một trong hai: số ngày làm việc hoặc số giờ.",
        ),
        (
            None,
            None,
            "duration_required",
            "Cần đúng một trong hai: số ngày làm việc hoặc số giờ.",
        ),
        (2001, None, "duration_too_long", "Thời hạn quá dài."),
        (None, 15001, "duration_too_long", "Thời hạn quá dài."),  # 2000 days of 7.5 h
    ],
)
def test_refused_durations(
    calendar: WorkingCalendar,
    days: Decimal | int | None,
    hours: Decimal | int | None,
    code: str,
    message: str,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        calendar.add(vn(2026, 3, 9, 9), working_days=days, working_hours=hours)

    assert (caught.value.code, caught.value.message) == (code, message)


def test_naive_start_is_refused(calendar: WorkingCalendar) -> None:
    with pytest.raises(InvalidInput) as caught:
        calendar.add(datetime(2026, 3, 9, 9), working_days=1)  # noqa: DTZ001

    assert caught.value.code == "naive_datetime"


@pytest.mark.parametrize(
    "start",
    [
        pytest.param(vn(1975, 12, 31, 9), id="before-1976"),
        pytest.param(vn(2101, 1, 3, 9), id="after-2100"),
        # Regression: these overflowed `datetime` and the API answered 500.
        pytest.param(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))), id="year-1"),
        pytest.param(datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-12))), id="9999"),
    ],
)
def test_start_outside_the_known_calendar_is_refused(
    calendar: WorkingCalendar, start: datetime
) -> None:
    with pytest.raises(InvalidInput) as caught:
        calendar.add(start, working_days=1)

    assert (caught.value.code, caught.value.message) == (
        "invalid_start",
        "Thời điểm bắt đầu phải nằm trong các năm 1976-2100.",
    )


def test_due_date_past_the_known_calendar_is_refused(calendar: WorkingCalendar) -> None:
    # Given: the last working day the baseline knows, Fri 31 Dec 2100
    start = vn(2100, 12, 31, 9)

    # Then: the same day still works, the next one is beyond the tables
    assert calendar.add(start, working_hours=1) == vn(2100, 12, 31, 10)
    with pytest.raises(InvalidInput) as caught:
        calendar.add(start, working_days=1)
    assert (caught.value.code, caught.value.message) == (
        "duration_too_long",
        "Hạn giải quyết rơi sau năm 2100, năm cuối cùng có lịch nghỉ lễ.",
    )


# --- Office hours configuration --------------------------------------------------


def test_office_hours_parse_a_custom_spec() -> None:
    hours = OfficeHours.parse(" 08:00-12:00 , 13:00-17:15 ")

    assert hours.sessions == ((time(8, 0), time(12, 0)), (time(13, 0), time(17, 15)))
    assert hours.seconds_per_day == 29700  # 4 h + 4 h 15 min


def test_default_office_hours_make_a_day_of_seven_and_a_half_hours() -> None:
    assert DEFAULT_HOURS.seconds_per_day == 27000


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("12:00-08:00", "invalid office hours: '12:00-08:00'"),
        ("08:00-08:00", "invalid office hours: '08:00-08:00'"),
        ("08:00-12:00,11:00-17:00", "invalid office hours: '08:00-12:00,11:00-17:00'"),
        ("13:00-17:00,08:00-12:00", "invalid office hours: '13:00-17:00,08:00-12:00'"),
        ("8h-12h", "Invalid isoformat string: '8h'"),
        ("", "Invalid isoformat string: ''"),
    ],
)
def test_office_hours_refuse_an_invalid_spec(spec: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        OfficeHours.parse(spec)

    assert str(caught.value) == message


def test_custom_office_hours_calendar() -> None:
    # Given: office hours 08:00-12:00, 13:00-17:00 (an 8-hour day)
    calendar = WorkingCalendar(
        overrides={}, office_hours=OfficeHours.parse("08:00-12:00,13:00-17:00")
    )

    # Then
    assert calendar.add(vn(2026, 3, 9, 9), working_days=1) == vn(2026, 3, 10, 9)
    assert calendar.add(vn(2026, 3, 9, 9), working_days=Decimal("0.5")) == vn(2026, 3, 9, 14)
    assert calendar.add(vn(2026, 3, 9, 7, 30), working_hours=1) == vn(2026, 3, 9, 9)
    assert calendar.add(vn(2026, 3, 9, 12, 30), working_hours=1) == vn(2026, 3, 9, 14)
    assert calendar.add(vn(2026, 2, 13, 16), working_hours=2) == vn(2026, 2, 23, 9)


def test_single_session_office_hours() -> None:
    calendar = WorkingCalendar(overrides={}, office_hours=OfficeHours.parse("08:00-16:00"))

    assert calendar.add(vn(2026, 3, 9, 12), working_hours=4) == vn(2026, 3, 9, 16)
    assert calendar.add(vn(2026, 3, 9, 12), working_days=Decimal("0.75")) == vn(2026, 3, 10, 10)


@pytest.mark.django_db
def test_due_at_reads_office_hours_from_settings() -> None:
    # Given: office hours 08:00-12:00, 13:00-17:00
    with override_settings(OFFICE_HOURS="08:00-12:00,13:00-17:00"):
        # When: half a day from 09:00 (4 hours)
        due = due_at(vn(2026, 3, 9, 9), working_days=Decimal("0.5"))

    # Then: 3 hours before lunch, 1 after it
    assert due == vn(2026, 3, 9, 14)


# --- Overrides from official decisions ----------------------------------------------


def test_overrides_take_precedence_over_the_baseline() -> None:
    # Given: a fictional swap, Fri 4 Sep 2026 off, Sat 12 Sep 2026 worked
    calendar = WorkingCalendar(
        overrides={date(2026, 9, 4): False, date(2026, 9, 12): True},
        office_hours=DEFAULT_HOURS,
    )

    # Then
    assert calendar.add(vn(2026, 9, 3, 9), working_days=1) == vn(2026, 9, 7, 9)
    assert calendar.add(vn(2026, 9, 11, 9), working_days=1) == vn(2026, 9, 12, 9)


@pytest.mark.django_db
def test_due_at_follows_the_decisions_entered() -> None:
    # Given: the baseline answer
    assert due_at(vn(2026, 9, 3, 9), working_days=1) == vn(2026, 9, 4, 9)
    assert due_at(vn(2026, 9, 11, 9), working_days=1) == vn(2026, 9, 14, 9)

    # When: a decision makes Fri 4 Sep a day off and Sat 12 Sep a make-up day
    decision = CalendarDecision.objects.create(
        reference="01/QĐ-TEST", issued_on=date(2026, 7, 1), issuer="Thủ tướng Chính phủ"
    )
    CalendarDay.objects.create(decision=decision, date=date(2026, 9, 4), kind=DayKind.DAY_OFF)
    CalendarDay.objects.create(decision=decision, date=date(2026, 9, 12), kind=DayKind.WORKING_DAY)

    # Then
    assert due_at(vn(2026, 9, 3, 9), working_days=1) == vn(2026, 9, 7, 9)
    assert due_at(vn(2026, 9, 11, 9), working_days=1) == vn(2026, 9, 12, 9)
