"""State changes of the weekly schedule: each one audited in its transaction."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, time

from django.db import transaction
from django.utils import timezone

from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, NotFound, PermissionDenied
from egov.platform.organisation.models import Unit

from .access import may_edit, may_publish
from .errors import ScheduleError
from .models import ScheduleEntry, WeeklySchedule
from .weeks import monday_of


@dataclass(frozen=True)
class EntryData:
    day: date
    start_time: time
    end_time: time | None
    content: str
    chair: str
    place: str
    participants: str = ""
    preparing_unit: str = ""

    def check(self) -> None:
        if self.end_time is not None and self.end_time <= self.start_time:
            raise InvalidInput(ScheduleError.INVALID_TIME, "Giờ kết thúc phải sau giờ bắt đầu.")


def _refuse_editing() -> PermissionDenied:
    return PermissionDenied(
        ScheduleError.NOT_ALLOWED,
        "Chỉ văn thư, lãnh đạo và quản trị của đơn vị được soạn lịch công tác.",
    )


def _details(data: EntryData) -> dict[str, str | None]:
    return {
        key: (value.isoformat() if isinstance(value, date | time) else value)
        for key, value in asdict(data).items()
    }


def _week_for_update(unit: Unit, monday: date) -> WeeklySchedule:
    WeeklySchedule.objects.get_or_create(unit=unit, week_start=monday)
    return WeeklySchedule.objects.select_for_update().get(unit=unit, week_start=monday)


def add_entry(*, actor: User, unit: Unit, data: EntryData) -> ScheduleEntry:
    if not may_edit(actor, unit):
        raise _refuse_editing()
    data.check()
    with transaction.atomic(durable=True):
        week = _week_for_update(unit, monday_of(data.day))
        published = week.status == WeeklySchedule.Status.PUBLISHED
        entry = ScheduleEntry.objects.create(
            schedule=week,
            **asdict(data),
            changed_after_publication=published,
            changed_at=timezone.now() if published else None,
        )
        record_event(
            event_type="schedule.entry_added",
            actor=actor,
            target=entry,
            unit=unit,
            details=_details(data),
        )
    return entry


def _entry_for_update(actor: User, entry_id: int) -> ScheduleEntry:
    entry = (
        ScheduleEntry.objects.select_for_update()
        .select_related("schedule__unit")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or not may_edit(actor, entry.schedule.unit):
        # Never say whether an entry exists to someone who may not edit it.
        raise NotFound(ScheduleError.ENTRY_NOT_FOUND, "Không tìm thấy mục lịch công tác.")
    return entry


def change_entry(*, actor: User, entry_id: int, data: EntryData) -> ScheduleEntry:
    data.check()
    with transaction.atomic(durable=True):
        entry = _entry_for_update(actor, entry_id)
        if monday_of(data.day) != entry.schedule.week_start:
            raise InvalidInput(
                ScheduleError.INVALID_WEEK,
                "Chỉ chuyển được mục sang một ngày khác trong cùng tuần; "
                "hãy hủy mục này và thêm mục mới ở tuần kia.",
            )
        for field, value in asdict(data).items():
            setattr(entry, field, value)
        if entry.schedule.status == WeeklySchedule.Status.PUBLISHED:
            entry.changed_after_publication = True
            entry.changed_at = timezone.now()
        entry.save()
        record_event(
            event_type="schedule.entry_changed",
            actor=actor,
            target=entry,
            unit=entry.schedule.unit,
            details=_details(data),
        )
    return entry


def cancel_entry(*, actor: User, entry_id: int) -> ScheduleEntry | None:
    """Remove a draft entry; a published one stays, marked cancelled.

    Returns the entry when it is kept (published), None when it was deleted.
    """
    with transaction.atomic(durable=True):
        entry = _entry_for_update(actor, entry_id)
        if entry.cancelled:
            raise InvalidInput(ScheduleError.ALREADY_CANCELLED, "Mục này đã được hủy, hoãn.")
        unit = entry.schedule.unit
        if entry.schedule.status == WeeklySchedule.Status.DRAFT:
            record_event(
                event_type="schedule.entry_removed",
                actor=actor,
                target=entry,
                unit=unit,
                details={"content": entry.content, "day": entry.day.isoformat()},
            )
            entry.delete()
            return None
        entry.cancelled = True
        entry.changed_after_publication = True
        entry.changed_at = timezone.now()
        entry.save(update_fields=["cancelled", "changed_after_publication", "changed_at"])
        record_event(
            event_type="schedule.entry_cancelled",
            actor=actor,
            target=entry,
            unit=unit,
            details={"content": entry.content, "day": entry.day.isoformat()},
        )
        return entry


def publish_week(*, actor: User, unit: Unit, week_start: date) -> WeeklySchedule:
    """A leader approves the week: it becomes public, marks are cleared.

    Cancelled entries leave the schedule at the next publication: the
    audit trail keeps them.
    """
    if not may_publish(actor, unit):
        raise PermissionDenied(
            ScheduleError.NOT_ALLOWED, "Chỉ lãnh đạo đơn vị được duyệt và công bố lịch công tác."
        )
    with transaction.atomic(durable=True):
        week = _week_for_update(unit, monday_of(week_start))
        live = week.entries.filter(cancelled=False)
        if not live.exists():
            raise InvalidInput(ScheduleError.EMPTY, "Lịch tuần chưa có mục nào để công bố.")
        week.entries.filter(cancelled=True).delete()
        live.update(changed_after_publication=False, changed_at=None)
        week.status = WeeklySchedule.Status.PUBLISHED
        week.revision += 1
        week.published_at = timezone.now()
        week.published_by = actor
        week.save(update_fields=["status", "revision", "published_at", "published_by"])
        record_event(
            event_type="schedule.published",
            actor=actor,
            target=week,
            unit=unit,
            details={"week_start": week.week_start.isoformat(), "revision": week.revision},
        )
    return week
