"""The demo province's weekly schedule: this week published, next week in draft.

Run after the demo is loaded, outside its transaction: the schedule changes
through its service functions, which each run in their own.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from egov.office.schedule.services import EntryData, add_entry, publish_week
from egov.office.schedule.weeks import monday_of
from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit, UnitKind

# (weekday 0 = Monday, start, end, content, chair, participants, place, preparing unit)
_WEEK: list[tuple[int, time, time | None, str, str, str, str, str]] = [
    (
        0,
        time(7, 30),
        time(9, 0),
        "Họp giao ban lãnh đạo UBND tỉnh",
        "Chủ tịch UBND tỉnh",
        "Các Phó Chủ tịch UBND tỉnh; Chánh Văn phòng",
        "Phòng họp số 1",
        "Văn phòng UBND tỉnh",
    ),
    (
        0,
        time(14, 0),
        None,
        "Làm việc với Sở Tư pháp về cải cách thủ tục hành chính",
        "Phó Chủ tịch UBND tỉnh",
        "Lãnh đạo Sở Tư pháp; Trung tâm Phục vụ hành chính công",
        "Sở Tư pháp",
        "Sở Tư pháp",
    ),
    (
        1,
        time(8, 0),
        time(11, 0),
        "Tiếp công dân định kỳ",
        "Chủ tịch UBND tỉnh",
        "Ban Tiếp công dân tỉnh; Thanh tra tỉnh",
        "Trụ sở Tiếp công dân tỉnh",
        "Ban Tiếp công dân",
    ),
    (
        2,
        time(8, 0),
        None,
        "Kiểm tra tình hình giải quyết hồ sơ tại Trung tâm Phục vụ hành chính công",
        "Phó Chủ tịch UBND tỉnh",
        "Văn phòng UBND tỉnh; Sở Nội vụ",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Văn phòng UBND tỉnh",
    ),
    (
        3,
        time(14, 0),
        time(16, 30),
        "Hội nghị trực tuyến về chuyển đổi số với các phường, xã",
        "Chủ tịch UBND tỉnh",
        "Lãnh đạo UBND các phường, xã",
        "Hội trường UBND tỉnh",
        "Văn phòng UBND tỉnh",
    ),
    (
        4,
        time(8, 0),
        time(10, 0),
        "Họp Ủy ban nhân dân tỉnh thường kỳ tháng",
        "Chủ tịch UBND tỉnh",
        "Thành viên UBND tỉnh",
        "Phòng họp số 1",
        "Văn phòng UBND tỉnh",
    ),
]


def load_demo_schedule(*, today: date) -> int:
    """Entries for this week (published) and next week (draft); returns how many."""
    province = Unit.objects.get(kind=UnitKind.PROVINCE, parent__isnull=True)
    clerk = User.objects.get(username="vanthu")
    leader = User.objects.get(username="lanhdao")
    count = 0
    for offset in (0, 7):
        monday = monday_of(today) + timedelta(days=offset)
        for weekday, start, end, content, chair, participants, place, preparing in _WEEK:
            add_entry(
                actor=clerk,
                unit=province,
                data=EntryData(
                    day=monday + timedelta(days=weekday),
                    start_time=start,
                    end_time=end,
                    content=content,
                    chair=chair,
                    place=place,
                    participants=participants,
                    preparing_unit=preparing,
                ),
            )
            count += 1
        if offset == 0:
            publish_week(actor=leader, unit=province, week_start=monday)
    return count
