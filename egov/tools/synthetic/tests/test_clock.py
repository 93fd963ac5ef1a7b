"""The office clock gives the same moments as the desk's WorkingCalendar."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from egov.platform.workcalendar.deadlines import VN_TZ, OfficeHours, WorkingCalendar
from egov.tools.synthetic.clock import OfficeClock

HOURS = OfficeHours.parse("07:30-11:30,13:30-17:00")


def _calendar() -> WorkingCalendar:
    # 2026 decision: 16-20 Feb off (Tết); Saturday 22 Aug worked for Monday 31 Aug.
    return WorkingCalendar(
        overrides={
            **{date(2026, 2, d): False for d in range(16, 21)},
            date(2026, 8, 22): True,
            date(2026, 8, 31): False,
        },
        office_hours=HOURS,
    )


def test_adding_office_time_matches_add_seconds_over_holidays_and_make_up_days() -> None:
    # Given moments inside office hours through 2026 and durations of up to 40 days
    calendar = _calendar()
    clock = OfficeClock(calendar, date(2026, 1, 1), date(2027, 6, 30))
    rng = random.Random(11)
    cases = 0
    for _i in range(400):
        day = clock.days[rng.randrange(0, 240)]
        start = datetime.combine(day, datetime.min.time(), VN_TZ) + timedelta(
            hours=rng.choice([7.5, 8, 9.25, 11, 11.5, 13.5, 14, 16.75, 17])
        )
        seconds = rng.choice(
            [600, 3600, 14400, 27000, 54000, 12 * 27000, rng.randrange(1, 40 * 27000)]
        )

        # When both compute the end
        fast = clock.moment(clock.office_time(start) + seconds)
        slow = calendar.add_seconds(start, seconds)

        # Then they agree to the second
        assert fast == slow, (start, seconds)
        cases += 1
    assert cases == 400


def test_session_ends_and_the_day_end_are_kept_not_moved_to_the_next_opening() -> None:
    clock = OfficeClock(_calendar(), date(2026, 2, 13), date(2026, 3, 31))
    friday = clock.office_time(datetime(2026, 2, 13, 7, 30, tzinfo=VN_TZ))

    assert clock.moment(friday + 14400) == datetime(2026, 2, 13, 11, 30, tzinfo=VN_TZ)
    assert clock.moment(friday + 27000) == datetime(2026, 2, 13, 17, 0, tzinfo=VN_TZ)
    # The next working day after Friday 13 Feb is Monday 23 Feb (Tết week off).
    assert clock.moment(friday + 27000 + 1) == datetime(2026, 2, 23, 7, 30, 1, tzinfo=VN_TZ)


def test_office_time_of_a_moment_outside_office_hours_is_the_next_opening() -> None:
    clock = OfficeClock(_calendar(), date(2026, 2, 13), date(2026, 3, 31))

    saturday = clock.office_time(datetime(2026, 2, 14, 9, 0, tzinfo=VN_TZ))
    lunch = clock.office_time(datetime(2026, 2, 13, 12, 15, tzinfo=VN_TZ))

    assert clock.moment(saturday + 1) == datetime(2026, 2, 23, 7, 30, 1, tzinfo=VN_TZ)
    assert clock.moment(lunch + 1) == datetime(2026, 2, 13, 13, 30, 1, tzinfo=VN_TZ)
    assert clock.day_start(date(2026, 2, 14)) is None


def test_a_moment_beyond_the_range_is_refused() -> None:
    clock = OfficeClock(_calendar(), date(2026, 3, 2), date(2026, 3, 6))

    with pytest.raises(ValueError, match="beyond"):
        clock.moment(clock.end + 1)
