"""The demo's leaders' reception days: the province fell short last month, two bodies met."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from egov.platform.accounts.models import User
from egov.platform.notifications.models import Notification
from egov.platform.organisation.models import Unit, UnitKind
from egov.voice.reception import frequency
from egov.voice.reception.shortfall import tell_shortfalls

pytestmark = pytest.mark.django_db


def test_the_demo_shows_one_body_short_of_reception_days_and_two_met() -> None:
    # Given the demo loaded on Wednesday 9/12/2026
    with time_machine.travel("2026-12-09 10:00 +07:00", tick=False):
        out = StringIO()
        call_command("load_demo", stdout=out)
        province = Unit.objects.get(kind=UnitKind.PROVINCE)
        long_an = Unit.objects.get(kind=UnitKind.COMMUNE, stat_code="27694")
        justice = Unit.objects.get(kind=UnitKind.DEPARTMENT, name="Sở Tư pháp")
        today = date(2026, 12, 9)

        # When November is checked
        checks = {
            key: frequency.check_month(unit=u, year=2026, month=11, today=today)
            for key, u in (("province", province), ("27694", long_an), ("stp", justice))
        }

        # Then the province's chairman fell short: his day of 17/11 was never held
        lines = {
            key: [(x.leader.username, x.scheduled, x.held, x.required, x.short) for x in c.leaders]
            for key, c in checks.items()
        }
        assert lines == {
            "province": [("lanhdao", [date(2026, 11, 17)], [], 1, True)],
            "27694": [
                (
                    "lanhdao.longan",
                    [date(2026, 11, 5), date(2026, 11, 12), date(2026, 11, 19), date(2026, 11, 26)],
                    [date(2026, 11, 5), date(2026, 11, 12), date(2026, 11, 19), date(2026, 11, 26)],
                    5,
                    False,
                )
            ],
            "stp": [("truongphong", [date(2026, 11, 11)], [date(2026, 11, 11)], 1, False)],
        }
        # (the week of Monday 30/11 is November's, held on Thursday 3/12)
        assert [(w.monday, w.held, w.short) for w in checks["27694"].leaders[0].weeks] == [
            (date(2026, 11, 2), 1, False),
            (date(2026, 11, 9), 1, False),
            (date(2026, 11, 16), 1, False),
            (date(2026, 11, 23), 1, False),
            (date(2026, 11, 30), 1, False),
        ]
        assert (
            f"Reception days: {province.name} fell short in 11/2026, Phường Long An, "
            f"Sở Tư pháp met the rule (/tiep-cong-dan/kiem-tra-dinh-ky/?don-vi={province.pk}"
            "&thang=2026-11)." in out.getvalue()
        )

        # And the check page says so to the province's leader
        client = Client()
        client.force_login(User.objects.get(username="lanhdao"))
        short_page = client.get(
            f"/tiep-cong-dan/kiem-tra-dinh-ky/?don-vi={province.pk}&thang=2026-11"
        )
        met_page = client.get(f"/tiep-cong-dan/kiem-tra-dinh-ky/?don-vi={long_an.pk}&thang=2026-11")
        assert short_page.status_code == 200
        assert short_page.content.decode().count("Chưa đủ số ngày tiếp định kỳ") == 1
        assert met_page.content.decode().count("Chưa đủ số ngày tiếp định kỳ") == 0
        assert met_page.content.decode().count("<td>Đạt</td>") == 1

        # And the daily job tells the province's leader once, and nobody on a second run
        assert tell_shortfalls() == 1
        assert tell_shortfalls() == 0
    told = Notification.objects.get(kind="voice_reception")
    assert (told.recipient.username, told.title, told.link) == (
        "lanhdao",
        "Chưa đủ ngày tiếp công dân định kỳ",
        f"/tiep-cong-dan/kiem-tra-dinh-ky/?don-vi={province.pk}&thang=2026-11",
    )
    assert told.body == (
        f"{province.name}: lãnh đạo chưa tiếp công dân định kỳ đủ số ngày theo quy định "
        "trong tháng 11/2026: Phạm Văn Hùng."
    )
