"""The demo's leaders' regular reception days: two bodies met the rule, one fell short.

Over last month and the weeks of this month that have ended:
- Phường Long An (a commune, one day a week): its chairman `lanhdao.longan`
  received citizens every Thursday;
- Sở Tư pháp (a department, one day a month): its head `truongphong` held her
  day on the second Wednesday of last month;
- the provincial People's Committee (one day a month): its chairman `lanhdao`
  had a day scheduled on the third Tuesday of last month, but no reception
  was recorded in the register, so last month falls short
  (/tiep-cong-dan/kiem-tra-dinh-ky/?thang=<last month>).

The days and the receptions go through the reception services; the register
line's time is then moved back to the day it stands for, as the complaints'
demo moves its petitions back (services stamp a line with the present).

Run after the demo is loaded, outside its transaction (each service runs in
its own).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from egov.platform.accounts.models import User
from egov.platform.organisation.models import Unit, UnitKind
from egov.voice.reception import services
from egov.voice.reception.models import Reception, ReceptionDay

_HOUR = time(8, 30)


@dataclass(frozen=True)
class DemoDays:
    # The first day of the month the short unit is judged on.
    month: date
    short_unit: Unit
    met_units: list[Unit]


def _first_of_last_month(today: date) -> date:
    first = today.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


def _nth_weekday(first: date, weekday: int, n: int) -> date:
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    return day + timedelta(days=7 * (n - 1))


def _hold(*, officer: User, unit: Unit, day: ReceptionDay, content: str, citizen: str) -> Reception:
    reception = services.record_reception(
        actor=officer,
        unit=unit,
        day=day,
        visit=services.Visit(
            kind="leader_day",
            citizen_name=citizen,
            matter="recommendation",
            content=content,
            handling="guided",
            place=day.place,
        ),
    )
    when = timezone.make_aware(datetime.combine(day.date, _HOUR))
    Reception.objects.filter(pk=reception.pk).update(received_at=when)
    return reception


_CITIZENS = [
    ("Lê Văn Tám", "Kiến nghị lắp đèn chiếu sáng hẻm 12 khu phố 3."),
    ("Ngô Thị Bích", "Hỏi thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất."),
    ("Trần Minh Khoa", "Kiến nghị xử lý tình trạng lấn chiếm vỉa hè đường Hùng Vương."),
    ("Võ Thị Ngọc Ánh", "Hỏi chế độ hỗ trợ hộ cận nghèo."),
    ("Phan Văn Hậu", "Kiến nghị sửa chữa mặt đường tổ 5 khu phố 1."),
    ("Đỗ Thị Mỹ", "Hỏi tiến độ bồi thường dự án mở rộng đường tỉnh 827."),
]


def load_demo_reception_days(*, today: date) -> DemoDays:
    province = Unit.objects.get(kind=UnitKind.PROVINCE)
    long_an = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code="27694")
    justice = Unit.objects.get(kind=UnitKind.DEPARTMENT, name="Sở Tư pháp")
    chairman = User.objects.get(username="lanhdao")
    commune_chairman = User.objects.get(username="lanhdao.longan")
    head = User.objects.get(username="truongphong")
    officer = User.objects.get(username="chuyenvien.longan")
    first = _first_of_last_month(today)

    # Phường Long An: every Thursday of the weeks that begin last month or later
    # and have ended (a week counts in the month of its Monday, frequency.py).
    monday = _nth_weekday(first, 0, 1)
    n = 0
    while monday + timedelta(days=6) < today:
        thursday = monday + timedelta(days=3)
        day = services.schedule_day(
            actor=commune_chairman,
            unit=long_an,
            leader=commune_chairman,
            day=thursday,
            place="Phòng tiếp công dân, UBND phường Long An",
        )
        citizen, content = _CITIZENS[n % len(_CITIZENS)]
        _hold(officer=officer, unit=long_an, day=day, content=content, citizen=citizen)
        monday += timedelta(days=7)
        n += 1

    # Sở Tư pháp: the head's day, held.
    justice_day = services.schedule_day(
        actor=head,
        unit=justice,
        leader=head,
        day=_nth_weekday(first, 2, 2),
        place="Phòng tiếp công dân, Sở Tư pháp",
    )
    _hold(
        officer=head,
        unit=justice,
        day=justice_day,
        citizen="Huỳnh Thị Kim",
        content="Hỏi thủ tục trích lục hộ tịch cho người ở nước ngoài.",
    )

    # The province: the chairman's day was scheduled, nobody was recorded.
    services.schedule_day(
        actor=chairman,
        unit=province,
        leader=chairman,
        day=_nth_weekday(first, 1, 3),
        place="Trụ sở Tiếp công dân tỉnh",
        note="Hoãn do lãnh đạo đi công tác",
    )
    return DemoDays(month=first, short_unit=province, met_units=[long_an, justice])
