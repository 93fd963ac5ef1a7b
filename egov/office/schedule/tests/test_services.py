"""Drafting, publishing and changing a unit's weekly schedule."""

from __future__ import annotations

from datetime import date, time

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.office.schedule import services
from egov.office.schedule.errors import ScheduleError
from egov.office.schedule.models import ScheduleEntry, WeeklySchedule
from egov.office.schedule.services import EntryData
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, NotFound, PermissionDenied

MEETING = EntryData(
    day=date(2026, 12, 8),
    start_time=time(8, 0),
    end_time=time(11, 0),
    content="Họp giao ban Ủy ban nhân dân tỉnh tháng 12",
    chair="Chủ tịch UBND tỉnh",
    place="Phòng họp số 1",
    participants="Các Phó Chủ tịch; Giám đốc các sở",
    preparing_unit="Văn phòng UBND tỉnh",
)


def _trail() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("event_type", flat=True))


@pytest.fixture(autouse=True)
def _monday() -> object:
    with time_machine.travel("2026-12-07 09:00 +07:00", tick=False) as traveller:
        yield traveller


def test_the_clerk_drafts_and_the_leader_publishes(province: Province, cast: Cast) -> None:
    entry = services.add_entry(actor=cast.clerk, unit=province.province, data=MEETING)
    week = entry.schedule
    assert (week.week_start, week.status, week.revision) == (
        date(2026, 12, 7),
        WeeklySchedule.Status.DRAFT,
        0,
    )
    assert entry.changed_after_publication is False

    published = services.publish_week(
        actor=cast.leader, unit=province.province, week_start=date(2026, 12, 10)
    )
    assert published.pk == week.pk
    assert (published.status, published.revision, published.published_by) == (
        WeeklySchedule.Status.PUBLISHED,
        1,
        cast.leader,
    )
    assert _trail()[-2:] == ["schedule.entry_added", "schedule.published"]


def test_changes_after_publication_are_marked_until_published_again(
    province: Province, cast: Cast
) -> None:
    first = services.add_entry(actor=cast.clerk, unit=province.province, data=MEETING)
    second = services.add_entry(
        actor=cast.clerk,
        unit=province.province,
        data=EntryData(
            day=date(2026, 12, 9),
            start_time=time(14, 0),
            end_time=None,
            content="Tiếp công dân định kỳ",
            chair="Phó Chủ tịch UBND tỉnh",
            place="Trụ sở Tiếp công dân tỉnh",
        ),
    )
    services.publish_week(actor=cast.leader, unit=province.province, week_start=date(2026, 12, 7))

    moved = services.change_entry(
        actor=cast.clerk,
        entry_id=first.pk,
        data=EntryData(**{**MEETING.__dict__, "start_time": time(14, 30), "end_time": None}),
    )
    kept = services.cancel_entry(actor=cast.clerk, entry_id=second.pk)
    added = services.add_entry(
        actor=cast.clerk,
        unit=province.province,
        data=EntryData(
            **{**MEETING.__dict__, "day": date(2026, 12, 11), "content": "Làm việc với Sở Nội vụ"}
        ),
    )
    assert (moved.start_time, moved.changed_after_publication) == (time(14, 30), True)
    assert kept is not None and (kept.cancelled, kept.changed_after_publication) == (True, True)
    assert added.changed_after_publication is True

    again = services.publish_week(
        actor=cast.leader, unit=province.province, week_start=date(2026, 12, 7)
    )
    assert again.revision == 2
    # The cancelled entry leaves the schedule; the marks are cleared.
    assert list(
        ScheduleEntry.objects.order_by("day").values_list("content", "changed_after_publication")
    ) == [
        ("Họp giao ban Ủy ban nhân dân tỉnh tháng 12", False),
        ("Làm việc với Sở Nội vụ", False),
    ]


def test_a_draft_entry_is_removed_outright(province: Province, cast: Cast) -> None:
    entry = services.add_entry(actor=cast.clerk, unit=province.province, data=MEETING)
    assert services.cancel_entry(actor=cast.clerk, entry_id=entry.pk) is None
    assert ScheduleEntry.objects.count() == 0
    assert _trail()[-1] == "schedule.entry_removed"


def test_end_before_start_is_refused(province: Province, cast: Cast) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.add_entry(
            actor=cast.clerk,
            unit=province.province,
            data=EntryData(**{**MEETING.__dict__, "end_time": time(7, 0)}),
        )
    assert refused.value.code == ScheduleError.INVALID_TIME
    assert WeeklySchedule.objects.count() == 0


def test_an_empty_week_cannot_be_published(province: Province, cast: Cast) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.publish_week(
            actor=cast.leader, unit=province.province, week_start=date(2026, 12, 7)
        )
    assert refused.value.code == ScheduleError.EMPTY
    assert WeeklySchedule.objects.filter(status=WeeklySchedule.Status.PUBLISHED).count() == 0


@pytest.mark.parametrize("who", ["specialist", "head", "outsider", "citizen", "reception"])
def test_only_the_office_and_leaders_draft(province: Province, cast: Cast, who: str) -> None:
    before = _trail()
    with pytest.raises(PermissionDenied) as refused:
        services.add_entry(actor=getattr(cast, who), unit=province.province, data=MEETING)
    assert refused.value.code == ScheduleError.NOT_ALLOWED
    assert (WeeklySchedule.objects.count(), _trail()) == (0, before)


@pytest.mark.parametrize("who", ["clerk", "admin", "specialist", "outsider"])
def test_only_a_leader_publishes(province: Province, cast: Cast, who: str) -> None:
    services.add_entry(actor=cast.clerk, unit=province.province, data=MEETING)
    before = _trail()
    with pytest.raises(PermissionDenied):
        services.publish_week(
            actor=getattr(cast, who), unit=province.province, week_start=date(2026, 12, 7)
        )
    week = WeeklySchedule.objects.get()
    assert (week.status, week.revision, _trail()) == (WeeklySchedule.Status.DRAFT, 0, before)


def test_another_units_office_cannot_touch_an_entry(province: Province, cast: Cast) -> None:
    entry = services.add_entry(actor=cast.clerk, unit=province.province, data=MEETING)
    before = _trail()
    # The commune's administrator holds no role over the province.
    with pytest.raises(NotFound):
        services.cancel_entry(actor=cast.admin, entry_id=entry.pk)
    with pytest.raises(NotFound):
        services.change_entry(actor=cast.admin, entry_id=entry.pk, data=MEETING)
    entry.refresh_from_db()
    assert (entry.cancelled, entry.start_time, _trail()) == (False, time(8, 0), before)
