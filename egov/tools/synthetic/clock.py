"""Office time as one integer axis, for simulating millions of dossiers fast.

`WorkingCalendar.add_seconds` walks the calendar day by day; called a few
times for each of ten million dossiers it would dominate the run. Here a
moment in office time is an integer T = i * D + p: the i-th working day of
the range (day 0 is `first`) and p office seconds into it (D = a working
day's office seconds). Adding office time is then integer addition, and
the clock stopped by a supplement is a difference of two integers.

`moment(T)` follows `add_seconds` exactly: a duration ending at a session's
close lands on the close (17:00), not on the next opening, so the deadline
of a dossier equals what the desk would have computed (the tests compare
the two over holidays and make-up days).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, timedelta

from egov.platform.workcalendar.deadlines import VN_TZ, WorkingCalendar


class OfficeClock:
    def __init__(self, calendar: WorkingCalendar, first: date, last: date) -> None:
        sessions = calendar.office_hours.sessions
        self.sessions = [
            (s.hour * 3600 + s.minute * 60 + s.second, e.hour * 3600 + e.minute * 60 + e.second)
            for s, e in sessions
        ]
        self.day_seconds = sum(end - start for start, end in self.sessions)
        self.days: list[date] = []
        self._index: dict[date, int] = {}
        day = first
        while day <= last:
            if calendar.is_working_day(day):
                self._index[day] = len(self.days)
                self.days.append(day)
            day += timedelta(days=1)
        if not self.days:
            raise ValueError("the range has no working day")
        self._midnights = [datetime.combine(d, datetime.min.time(), VN_TZ) for d in self.days]
        # Sorted ordinals, to find the next working day of any date.
        self._ordinals = [d.toordinal() for d in self.days]

    @property
    def end(self) -> int:
        """The last office moment the range can express."""
        return len(self.days) * self.day_seconds

    def moment(self, t: int) -> datetime:
        """The wall-clock moment of office time `t` (aware, Asia/Ho_Chi_Minh)."""
        index, position = divmod(t, self.day_seconds)
        if position == 0 and index > 0:
            # A duration that uses up a day ends at the close, as add_seconds does.
            index, position = index - 1, self.day_seconds
        if index >= len(self.days):
            raise ValueError("office time beyond the clock's range")
        for start, end in self.sessions:
            length = end - start
            if position <= length:
                return self._midnights[index] + timedelta(seconds=start + position)
            position -= length
        raise AssertionError("unreachable: position is within the day")  # pragma: no cover

    def office_time(self, moment: datetime) -> int:
        """Office time of a wall-clock moment; outside office hours, the next opening."""
        local = moment.astimezone(VN_TZ)
        day = local.date()
        index = self._index.get(day)
        if index is None:
            # Not a working day: the next working day's opening.
            return bisect_right(self._ordinals, day.toordinal()) * self.day_seconds
        second = local.hour * 3600 + local.minute * 60 + local.second
        elapsed = 0
        for start, end in self.sessions:
            if second <= start:
                break
            elapsed += min(second, end) - start
        return index * self.day_seconds + elapsed

    def day_start(self, day: date) -> int | None:
        """Office time at the opening of `day`, or None when it is not a working day."""
        index = self._index.get(day)
        return None if index is None else index * self.day_seconds

    def local_date(self, t: int) -> date:
        return self.moment(t).date()
