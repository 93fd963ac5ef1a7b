"""The demo's petitions: a few at each step, a repeat linked, the denouncer protected."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from egov.voice.complaints.models import Petition
from egov.voice.reception.models import Reception, ReceptionDay

pytestmark = pytest.mark.django_db


def test_the_demo_has_petitions_in_different_states() -> None:
    with time_machine.travel("2026-12-09 10:00 +07:00", tick=False):
        out = StringIO()
        call_command("load_demo", stdout=out)
    assert sorted(Petition.objects.values_list("status", flat=True)) == [
        "accepted",
        "closed",
        "filed",
        "forwarded",
        "investigating",
        "received",
        "received",
    ]
    first = Petition.objects.get(summary="Khiếu nại việc từ chối cấp giấy phép sửa chữa nhà")
    assert list(first.repeats.values_list("status", flat=True)) == ["received"]
    # (the leaders' regular days held before are test_demo_reception's)
    regular = Reception.objects.filter(kind="regular")
    assert sorted(regular.values_list("people", flat=True)) == [1, 6]
    assert regular.get(people=1).petition == first.repeats.get()
    group = regular.get(people=6)
    assert (group.citizen_name, group.representatives) == (
        "Nguyễn Văn Sáu",
        ["Trần Thị Bảy", "Lê Văn Tám"],
    )
    assert ReceptionDay.objects.filter(date__gte=date(2026, 12, 9)).count() == 1
    assert "Petitions: 7 in Phường Long An's register (/don-thu/)." in out.getvalue()
