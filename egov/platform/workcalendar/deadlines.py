"""Deadline arithmetic in working days and working hours.

Working days are Monday-Friday minus public holidays, plus the Saturdays the
government declares as make-up working days (Labour Code 2019 art. 111-112).
The `holidays` library gives the statutory baseline (baseline.py); each
year's official decision, entered by an administrator (CalendarDay rows),
overrides it.

A working day is the sum of the office-hour sessions (7.5 hours by default),
so "N working days" from a moment inside office hours lands at the same time
of day N working days later. A duration that starts outside office hours
starts counting at the next opening.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from egov.platform.core.errors import InvalidInput
from egov.platform.workcalendar.baseline import baseline_is_working_day
from egov.platform.workcalendar.errors import CalendarError
from egov.platform.workcalendar.models import CalendarDay, DayKind

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# No real deadline is longer than a few years; the bound keeps a typo from
# turning into a long loop.
MAX_WORKING_DAYS = Decimal(2000)
# The years the calendar can answer for. The `holidays` lunar tables end in
# 2100 (later years silently lose Tết), and Vietnam has kept +07:00
# nationwide only since 1976 (the south used +08:00 until 1975), so a moment
# outside these years would give a wrong deadline, or overflow `datetime`.
FIRST_YEAR = 1976
LAST_YEAR = 2100


@dataclass(frozen=True)
class OfficeHours:
    sessions: tuple[tuple[time, time], ...]

    @property
    def seconds_per_day(self) -> int:
        return sum(_seconds(start, end) for start, end in self.sessions)

    @classmethod
    def parse(cls, spec: str) -> OfficeHours:
        """Parse "07:30-11:30,13:30-17:00" into ordered, non-overlapping sessions."""
        sessions: list[tuple[time, time]] = []
        for part in spec.split(","):
            start_text, _sep, end_text = part.strip().partition("-")
            start, end = time.fromisoformat(start_text), time.fromisoformat(end_text)
            if end <= start or (sessions and start < sessions[-1][1]):
                raise ValueError(f"invalid office hours: {spec!r}")
            sessions.append((start, end))
        if not sessions:
            raise ValueError("office hours need at least one session")
        return cls(tuple(sessions))


def _seconds(start: time, end: time) -> int:
    return (end.hour * 3600 + end.minute * 60 + end.second) - (
        start.hour * 3600 + start.minute * 60 + start.second
    )


@lru_cache(maxsize=8)
def _office_hours(spec: str) -> OfficeHours:
    return OfficeHours.parse(spec)


# A fingerprint of the CalendarDay table in one row: the count, the largest
# key, and sums weighting each row's key by its date and its kind. Any day
# added, removed or changed (in the admin or otherwise) changes it. Written
# per database, since a date is text in SQLite and a date in PostgreSQL.
_DATE_NUMBER = {
    "sqlite": "CAST(REPLACE({date}, '-', '') AS INTEGER)",
    "postgresql": "CAST(TO_CHAR({date}, 'YYYYMMDD') AS BIGINT)",
}


def _fingerprint() -> tuple[int, ...] | None:
    """The table's fingerprint; None where no SQL for it is written (no caching)."""
    template = _DATE_NUMBER.get(connection.vendor)
    if template is None:
        return None
    quote, meta = connection.ops.quote_name, CalendarDay._meta
    pk = quote(meta.pk.column)
    day = template.format(date=quote(meta.get_field("date").column))
    kind = quote(meta.get_field("kind").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MAX({pk}), SUM({pk} * {day}), "  # noqa: S608 - quoted names
            f"SUM(CASE WHEN {kind} = %s THEN {pk} ELSE 0 END) FROM {quote(meta.db_table)}",
            [DayKind.WORKING_DAY.value],
        )
        row = cursor.fetchone()
    return tuple(int(value or 0) for value in row or ())


# Per process: the overrides last read and the fingerprint they were read at.
# A deadline is computed on every reception and hand-over; the decisions
# change a few times a year. The fingerprint is checked on every load, so a
# decision saved in the admin (by any process) is used at once.
_loaded: tuple[tuple[int, ...], dict[date, bool]] | None = None


def _overrides() -> dict[date, bool]:
    global _loaded  # noqa: PLW0603 - the per-process cache above
    fingerprint = _fingerprint()
    cached = _loaded
    if fingerprint is not None and cached is not None and cached[0] == fingerprint:
        return cached[1]
    overrides = {
        day: kind == DayKind.WORKING_DAY
        for day, kind in CalendarDay.objects.values_list("date", "kind")
    }
    if fingerprint is not None:
        _loaded = (fingerprint, overrides)
    return overrides


class WorkingCalendar:
    """The working calendar: baseline plus overrides from official decisions."""

    def __init__(self, *, overrides: dict[date, bool], office_hours: OfficeHours) -> None:
        self.overrides = overrides
        self.office_hours = office_hours

    @classmethod
    def load(cls, *, office_hours: OfficeHours | None = None) -> WorkingCalendar:
        """The calendar as the decisions now stand (read again only when they change)."""
        return cls(
            # A copy: the cached mapping is shared by every calendar of the process.
            overrides=dict(_overrides()),
            office_hours=office_hours or _office_hours(settings.OFFICE_HOURS),
        )

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return baseline_is_working_day(day)

    def working_days(self, start: date, end: date) -> Iterable[date]:
        day = start
        while day <= end:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)

    def add(
        self,
        start: datetime,
        *,
        working_days: Decimal | int | None = None,
        working_hours: Decimal | int | None = None,
    ) -> datetime:
        """The moment `start` plus the duration, in Asia/Ho_Chi_Minh."""
        if start.tzinfo is None:
            raise InvalidInput(CalendarError.NAIVE_DATETIME, _("Thời điểm phải kèm múi giờ."))
        try:
            local_start: datetime | None = start.astimezone(VN_TZ)
        except OverflowError:
            local_start = None
        if local_start is None or not FIRST_YEAR <= local_start.year <= LAST_YEAR:
            raise InvalidInput(
                CalendarError.INVALID_START,
                _("Thời điểm bắt đầu phải nằm trong các năm %(first)d-%(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        if (working_days is None) == (working_hours is None):
            raise InvalidInput(
                CalendarError.DURATION_REQUIRED,
                _("Cần đúng một trong hai: số ngày làm việc hoặc số giờ."),
            )
        if working_days is not None:
            amount = Decimal(working_days)
            limit = MAX_WORKING_DAYS
            seconds_per_unit = self.office_hours.seconds_per_day
        else:
            amount = Decimal(working_hours or 0)
            limit = MAX_WORKING_DAYS * self.office_hours.seconds_per_day / 3600
            seconds_per_unit = 3600
        if amount < 0:
            raise InvalidInput(CalendarError.NEGATIVE_DURATION, _("Thời hạn không được là số âm."))
        if amount > limit:
            raise InvalidInput(CalendarError.DURATION_TOO_LONG, _("Thời hạn quá dài."))
        remaining = int((amount * seconds_per_unit).to_integral_value())
        return self._advance(local_start, remaining)

    def _advance(self, moment: datetime, remaining: int) -> datetime:
        day = moment.date()
        while True:
            if day.year > LAST_YEAR:
                raise InvalidInput(
                    CalendarError.DURATION_TOO_LONG,
                    _("Hạn giải quyết rơi sau năm %(last)d, năm cuối cùng có lịch nghỉ lễ.")
                    % {"last": LAST_YEAR},
                )
            if self.is_working_day(day):
                for open_at, close_at in self.office_hours.sessions:
                    session_start = datetime.combine(day, open_at, VN_TZ)
                    session_end = datetime.combine(day, close_at, VN_TZ)
                    begin = max(session_start, moment)
                    if begin >= session_end:
                        continue
                    available = int((session_end - begin).total_seconds())
                    if remaining <= available:
                        return begin + timedelta(seconds=remaining)
                    remaining -= available
            day += timedelta(days=1)
            moment = datetime.combine(day, time.min, VN_TZ)

    def add_seconds(self, start: datetime, seconds: int) -> datetime:
        """`start` plus a number of office seconds (for already-validated amounts)."""
        if seconds < 0:
            raise InvalidInput(CalendarError.NEGATIVE_DURATION, _("Thời hạn không được là số âm."))
        return self._advance(start.astimezone(VN_TZ), seconds)

    def working_seconds(self, start: datetime, end: datetime) -> int:
        """Office seconds between two moments; negative when `end` is before `start`."""
        if end < start:
            return -self.working_seconds(end, start)
        begin, finish = start.astimezone(VN_TZ), end.astimezone(VN_TZ)
        total = 0
        day = begin.date()
        while day <= finish.date():
            if self.is_working_day(day):
                for open_at, close_at in self.office_hours.sessions:
                    lo = max(datetime.combine(day, open_at, VN_TZ), begin)
                    hi = min(datetime.combine(day, close_at, VN_TZ), finish)
                    if hi > lo:
                        total += int((hi - lo).total_seconds())
            day += timedelta(days=1)
        return total


def due_at(
    start: datetime,
    *,
    working_days: Decimal | int | None = None,
    working_hours: Decimal | int | None = None,
) -> datetime:
    """Add working days or hours to `start`, following the official calendar."""
    return WorkingCalendar.load().add(start, working_days=working_days, working_hours=working_hours)
