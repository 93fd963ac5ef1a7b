"""The daily notice of a reception-day shortfall: told once per body and period."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from egov.conftest import Cast, Province, make_staff
from egov.platform.accounts.models import Role, User
from egov.platform.jobs.registry import get_task
from egov.platform.notifications.models import Notification
from egov.voice.complaints.tests.conftest import Office
from egov.voice.reception.shortfall import shortfalls, tell_shortfalls
from egov.voice.reception.tests.test_days import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def chairman(province: Province) -> User:
    return make_staff("chutichub.la", "Trần Văn Chánh", (province.long_an, Role.LEADER))


def told() -> list[tuple[str, str, str]]:
    return [
        (n.recipient.username, n.body, n.link)
        for n in Notification.objects.filter(kind="voice_reception").order_by(
            "recipient__username", "pk"
        )
    ]


def test_each_period_ended_short_is_told_once_to_the_body(
    province: Province, cast: Cast, office: Office, chairman: User
) -> None:
    # Given the ward's chairman held a day every week of November and the week of 30/11,
    # but none in the week of 7/12; the province's leader none in November
    la = province.long_an
    for day in (5, 12, 19, 26):
        receive(chairman, la, date(2026, 11, day))
    receive(chairman, la, date(2026, 12, 3))

    # When the job runs on Tuesday 15/12
    found = shortfalls(date(2026, 12, 15))
    with time_machine.travel("2026-12-15 07:40 +07:00", tick=False):
        first = tell_shortfalls()
        again = tell_shortfalls()

    # Then the province's November and the ward's week of 7/12 were short, each told once
    assert [(s.unit, s.period, [u.username for u in s.leaders]) for s in found] == [
        (province.province, "2026-11", [cast.leader.username]),
        (la, "2026-12-07", ["chutichub.la"]),
    ]
    assert (first, again) == (3, 0)
    ward_body = (
        "Phường Long An: lãnh đạo chưa tiếp công dân định kỳ đủ số ngày theo quy định "
        "trong tuần từ 07/12/2026 đến 13/12/2026: Trần Văn Chánh."
    )
    ward_link = f"/tiep-cong-dan/kiem-tra-dinh-ky/?don-vi={la.pk}&thang=2026-12"
    assert told() == [
        ("chutichub.la", ward_body, ward_link),
        (
            cast.leader.username,
            "Tỉnh Tây Ninh: lãnh đạo chưa tiếp công dân định kỳ đủ số ngày theo quy định "
            f"trong tháng 11/2026: {cast.leader.display_name}.",
            f"/tiep-cong-dan/kiem-tra-dinh-ky/?don-vi={province.province.pk}&thang=2026-11",
        ),
        ("tiepdan.la", ward_body, ward_link),
    ]

    # And the next week's shortfall is a new period, told through the registered task
    task = get_task("voice.reception_day_shortfall")
    assert task is not None
    with time_machine.travel("2026-12-22 07:40 +07:00", tick=False):
        assert task.func() == "told 2"
        assert task.func() == "told 0"
    assert Notification.objects.filter(kind="voice_reception").count() == 5


def test_a_met_rule_tells_nobody(
    province: Province, cast: Cast, office: Office, chairman: User
) -> None:
    la = province.long_an
    receive(cast.leader, province.province, date(2026, 11, 20))
    for day in (2, 9, 16, 23, 30):
        receive(chairman, la, date(2026, 11, day))
    with time_machine.travel("2026-12-07 07:40 +07:00", tick=False):
        assert [s.unit for s in shortfalls(date(2026, 12, 7))] == []
        assert tell_shortfalls() == 0
    assert told() == []
