"""The leaders' regular reception days as items of the body's weekly schedule.

Law on Citizen Reception 2013 (42/2013/QH13) art. 12-15: the leaders' regular
reception days are published; the office's weekly schedule shows them beside
its own entries through the platform's registry (egov/platform/core/week_items.py),
registered in apps.py. Names, places and dates are public (the public calendar
shows them too); nothing of the register's citizens is.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from egov.platform.core.week_items import WeekItem
from egov.voice.reception.models import ReceptionDay


def reception_days(*, unit_id: int, first: date, last: date) -> list[WeekItem]:
    days = (
        ReceptionDay.objects.filter(unit_id=unit_id, date__range=(first, last))
        .select_related("leader")
        .order_by("date", "pk")
    )
    url = reverse("reception:calendar", kwargs={"unit_id": unit_id})
    return [
        WeekItem(
            day=d.date,
            content=_("Tiếp công dân định kỳ"),
            chair=d.leader.display_name,
            place=d.place,
            url=f"{url}?thang={d.date:%Y-%m}",
            note=d.note,
        )
        for d in days
    ]
