"""The leaders' regular reception days inside the body's weekly schedule (page and PDF).

The schedule is the office's: it is driven here through its pages, as its
clerk and leader use them (voice code may not import the office).
"""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import Client

from egov.conftest import Cast, Province, login
from egov.platform.conversion.ocr import extract_text
from egov.voice.reception import services

pytestmark = pytest.mark.django_db


def test_a_reception_day_shows_in_the_week_beside_the_offices_entries(
    province: Province, cast: Cast
) -> None:
    unit = province.province
    with time_machine.travel("2026-12-07 09:00 +07:00", tick=False):
        # Given the chairman's regular day on Tuesday 8/12 and a meeting the same morning
        services.schedule_day(
            actor=cast.leader,
            unit=unit,
            leader=cast.leader,
            day=date(2026, 12, 8),
            place="Trụ sở Tiếp công dân tỉnh",
            note="Tiếp công dân khu vực biên giới",
        )
        public_url = f"/don-vi/{unit.pk}/lich-cong-tac/?tuan=2026-W50"
        # The day is public before the office publishes its week
        before = Client().get(public_url).content.decode()
        clerk = login(Client(), cast.clerk)
        added = clerk.post(
            "/lich-cong-tac/them/?tuan=2026-W50",
            {
                "don-vi": unit.pk,
                "day": "08/12/2026",
                "start_time": "08:00",
                "end_time": "11:00",
                "content": "Họp giao ban Ủy ban nhân dân tỉnh tháng 12",
                "chair": "Chủ tịch UBND tỉnh",
                "place": "Phòng họp số 1",
            },
        )
        draft = clerk.get(f"/lich-cong-tac/?don-vi={unit.pk}&tuan=2026-W50").content.decode()
        published = login(Client(), cast.leader).post(
            "/lich-cong-tac/cong-bo/?tuan=2026-W50", {"don-vi": unit.pk}
        )
        page = Client().get(public_url).content.decode()
        pdf = Client().get(f"/don-vi/{unit.pk}/lich-cong-tac/pdf/?tuan=2026-W50")
        next_week = Client().get(f"/don-vi/{unit.pk}/lich-cong-tac/?tuan=2026-W51")

    assert (added.status_code, published.status_code, pdf.status_code) == (302, 302, 200)
    calendar = f'<a href="/tiep-cong-dan/lich/don-vi/{unit.pk}/?thang=2026-12">'
    for html in (before, draft, page):
        assert html.count('<tr class="week-item">') == 1
        assert f"{calendar}Tiếp công dân định kỳ</a> (Tiếp công dân khu vực biên giới)" in html
        assert "<td>Phạm Văn Hùng</td>" in html
    assert "Chưa có lịch công tác được công bố cho tuần này." in before
    # Then on the published page the reception day (no hour) comes before the 08:00 meeting
    assert page.index("Tiếp công dân định kỳ</a>") < page.index("Họp giao ban")
    # (the PDF's narrow columns wrap the cells' words onto several lines)
    text = " ".join(extract_text(pdf.content).split())
    assert (
        "Thứ Ba 08/12/2026 Tiếp công dân định kỳ (Tiếp công dân khu vực biên giới) "
        "Phạm Văn Hùng Trụ sở Tiếp công dân tỉnh Thứ Ba 08/12/2026 08:00 - 11:00 Họp giao ban"
    ) in text
    assert next_week.content.decode().count('<tr class="week-item">') == 0
