"""The leaders' regular reception days: the rule per body, the month's check, the calendar."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from egov.conftest import Cast, Province, login, make_staff
from egov.platform.accounts.models import Role, User
from egov.voice.complaints.tests.conftest import Office
from egov.voice.reception import frequency, services
from egov.voice.reception.models import Reception, ReceptionDay

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 30, tzinfo=HCM)


def receive(
    actor: User,
    unit: object,
    when: date,
    kind: str = "leader_day",
    hour: int = 8,
    **extra: object,
) -> None:
    with time_machine.travel(at(when, hour), tick=False):
        services.record_reception(
            actor=actor,
            unit=unit,  # type: ignore[arg-type]
            visit=services.Visit(
                kind=kind,
                citizen_name="Lâm Thị Hoa",
                matter="complaint",
                content="Hỏi về bồi thường đất",
                handling="guided",
                place="Phòng tiếp công dân",
            ),
            **extra,  # type: ignore[arg-type]
        )


@pytest.fixture
def chairman(province: Province) -> User:
    return make_staff("chutichub.la", "Trần Văn Chánh", (province.long_an, Role.LEADER))


def test_a_commune_leader_short_of_a_week_is_flagged(
    province: Province, office: Office, chairman: User
) -> None:
    la = province.long_an
    # Thursday 3/12 belongs to the week of Monday 30/11 (November's), but is a December day.
    for day in (date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 17), date(2026, 12, 31)):
        receive(chairman, la, day)
    # An unscheduled reception is not a regular day: the week of 21/12 stays empty.
    receive(chairman, la, date(2026, 12, 22), kind="unscheduled")
    # The head's regular day, recorded by the reception officer on that day.
    head_day = services.schedule_day(
        actor=office.head, unit=la, leader=office.head, day=date(2026, 12, 10), place="Phòng tiếp"
    )
    receive(office.reception, la, date(2026, 12, 10), day=head_day)

    check = frequency.check_month(unit=la, year=2026, month=12, today=date(2027, 1, 5))

    assert check.frequency == frequency.FREQUENCIES["commune"]
    assert check.frequency.verified is False
    lines = {line.leader.username: line for line in check.leaders}
    assert sorted(lines) == ["chutich.la", "chutichub.la"]
    chair = lines["chutichub.la"]
    assert chair.held == [
        date(2026, 12, 3),
        date(2026, 12, 10),
        date(2026, 12, 17),
        date(2026, 12, 31),
    ]
    assert chair.required == 4
    assert [(w.monday, w.held, w.short) for w in chair.weeks] == [
        (date(2026, 12, 7), 1, False),
        (date(2026, 12, 14), 1, False),
        (date(2026, 12, 21), 0, True),
        (date(2026, 12, 28), 1, False),
    ]
    assert chair.short is True
    head = lines["chutich.la"]
    assert (head.scheduled, head.held, head.short) == (
        [date(2026, 12, 10)],
        [date(2026, 12, 10)],
        True,
    )
    assert [w.monday for w in head.weeks if w.short] == [
        date(2026, 12, 14),
        date(2026, 12, 21),
        date(2026, 12, 28),
    ]
    assert [line.leader.username for line in check.short] == ["chutich.la", "chutichub.la"]

    # Before the week of 21/12 ends nothing is short yet for the chairman.
    early = frequency.check_month(unit=la, year=2026, month=12, today=date(2026, 12, 27))
    assert [line.leader.username for line in early.short] == ["chutich.la"]


def test_a_province_leader_needs_a_day_a_month_and_a_deployment_may_ask_more(
    province: Province, cast: Cast, settings: object
) -> None:
    unit = province.province
    during = frequency.check_month(unit=unit, year=2026, month=11, today=date(2026, 11, 15))
    assert [(line.leader, line.required, line.short) for line in during.leaders] == [
        (cast.leader, 1, False)
    ]
    after = frequency.check_month(unit=unit, year=2026, month=11, today=date(2026, 12, 1))
    assert [(line.leader, line.short) for line in after.leaders] == [(cast.leader, True)]
    receive(cast.leader, unit, date(2026, 11, 20))
    held = frequency.check_month(unit=unit, year=2026, month=11, today=date(2026, 12, 1))
    assert [(line.held, line.short) for line in held.leaders] == [([date(2026, 11, 20)], False)]
    settings.VOICE_RECEPTION_FREQUENCIES = {"province": [2, "month"]}  # type: ignore[attr-defined]
    stricter = frequency.check_month(unit=unit, year=2026, month=11, today=date(2026, 12, 1))
    assert [(line.required, line.short) for line in stricter.leaders] == [(2, True)]
    assert stricter.frequency == frequency.Frequency(2, "month", "VOICE_RECEPTION_FREQUENCIES")
    # Nothing is judged before the month ends: the page says so instead of "met".
    assert [line.judged for line in during.leaders] == [False]
    assert [line.judged for line in after.leaders] == [True]
    # A service centre holds no leaders' days of its own.
    assert frequency.frequency_for(province.centre) is None


def test_the_public_calendar_shows_the_days_and_the_rule(
    province: Province, office: Office
) -> None:
    la = province.long_an
    services.schedule_day(
        actor=office.head,
        unit=la,
        leader=office.head,
        day=date(2026, 12, 10),
        place="Phòng tiếp công dân phường",
        note="Buổi sáng",
    )
    url = reverse("reception:calendar", kwargs={"unit_id": la.pk})
    page = Client().get(url, {"thang": "2026-12"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "10/12/2026" in text
    assert "Phan Văn Chủ" in text
    assert "Phòng tiếp công dân phường" in text
    assert "ít nhất 1 ngày mỗi tuần" in text
    assert "chưa đối chiếu văn bản chính thức" in text
    # The form to add a day is for the body's heads and leaders only.
    assert 'name="leader"' not in text
    assert 'name="leader"' in login(Client(), office.head).get(url).content.decode()
    assert Client().get(url, {"thang": "2026-11"}).content.decode().count("10/12/2026") == 0
    bad = Client().get(url, {"thang": "tháng mười"})
    assert bad.status_code == 422
    assert "Tháng không hợp lệ" in bad.content.decode()
    missing = reverse("reception:calendar", kwargs={"unit_id": 999999})
    assert Client().get(missing).status_code == 404
    schedule = Client().get(reverse("reception:schedule")).content.decode()
    assert f'<a href="{url}">Phường Long An</a>' in schedule
    # The unit's published weekly schedule (egov/office/schedule) links to the month's days.
    week = reverse("schedule:public", kwargs={"unit_id": la.pk})
    office_page = Client().get(week, {"tuan": "2026-W50"}).content.decode()
    assert f'href="{url}?thang=2026-12"' in office_page


def test_a_head_adds_a_day_from_the_calendar_and_strangers_cannot(
    province: Province, office: Office, cast: Cast
) -> None:
    la = province.long_an
    data = {
        "unit": la.pk,
        "leader": office.head.pk,
        "date": "2099-03-05",
        "place": "Phòng tiếp",
        "back": "calendar",
    }
    for stranger in (cast.outsider, cast.citizen, office.reception, cast.head):
        response = login(Client(), stranger).post(reverse("reception:schedule_add"), data)
        assert response.status_code == 404
    assert ReceptionDay.objects.count() == 0
    response = login(Client(), office.head).post(reverse("reception:schedule_add"), data)
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("reception:calendar", kwargs={"unit_id": la.pk}) + "?thang=2099-03"
    )
    assert list(ReceptionDay.objects.values_list("date", "leader", "unit")) == [
        (date(2099, 3, 5), office.head.pk, la.pk)
    ]


def test_the_check_page_flags_the_leader_for_the_bodys_staff_only(
    province: Province, office: Office, cast: Cast, chairman: User
) -> None:
    la = province.long_an
    receive(chairman, la, date(2026, 12, 8))
    url = reverse("reception:check")
    query = {"don-vi": str(la.pk), "thang": "2026-12"}
    with time_machine.travel(at(date(2027, 1, 5)), tick=False):
        page = login(Client(), office.reception).get(url, query)
        text = page.content.decode()
        assert page.status_code == 200
        assert "Trần Văn Chánh" in text
        assert "Chưa đủ số ngày tiếp định kỳ" in text
        assert "08/12" in text
        for stranger in (cast.outsider, cast.head):
            assert login(Client(), stranger).get(url, query).status_code == 404
        assert login(Client(), cast.citizen).get(url).status_code == 404
        assert Client().get(url).status_code == 302
        bad = login(Client(), office.reception).get(url, {"don-vi": str(la.pk), "thang": "13-2026"})
        assert bad.status_code == 422
    assert Reception.objects.count() == 1


def test_an_early_reception_counts_on_its_local_day(province: Province, cast: Cast) -> None:
    unit = province.province
    # 06:30 in Hanoi on 1/11 is still 31/10 in UTC: the day held is the local one.
    receive(cast.leader, unit, date(2026, 11, 1), hour=6)

    check = frequency.check_month(unit=unit, year=2026, month=11, today=date(2026, 12, 1))

    assert [(line.held, line.short, line.judged) for line in check.leaders] == [
        ([date(2026, 11, 1)], False, True)
    ]
