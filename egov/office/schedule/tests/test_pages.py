"""The office's schedule page, the public page, the PDF and the API."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import translation

from egov.conftest import Cast, Province
from egov.office.schedule import services
from egov.office.schedule.models import ScheduleEntry, WeeklySchedule
from egov.office.schedule.services import EntryData
from egov.platform.audit.models import AuditEvent
from egov.platform.conversion.ocr import extract_text

MEETING = EntryData(
    day=date(2026, 12, 8),
    start_time=time(8, 0),
    end_time=time(11, 0),
    content="Họp giao ban Ủy ban nhân dân tỉnh tháng 12",
    chair="Chủ tịch UBND tỉnh",
    place="Phòng họp số 1",
    participants="Giám đốc các sở",
    preparing_unit="Văn phòng UBND tỉnh",
)


@pytest.fixture(autouse=True)
def _monday() -> object:
    with time_machine.travel("2026-12-07 09:00 +07:00", tick=False) as traveller:
        yield traveller


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")  # type: ignore[arg-type]
    return client


def test_the_clerk_adds_an_entry_on_the_page(province: Province, cast: Cast) -> None:
    clerk = _client(cast.clerk)
    page = clerk.get("/lich-cong-tac/")
    assert page.status_code == 200
    assert "Tuần 50/2026 (từ 07/12/2026 đến 13/12/2026)" not in page.content.decode()
    assert "2026-W50" in page.content.decode()

    response = clerk.post(
        "/lich-cong-tac/them/?tuan=2026-W50",
        {
            "don-vi": province.province.pk,
            "day": "08/12/2026",
            "start_time": "08:00",
            "end_time": "11:00",
            "content": "Họp giao ban Ủy ban nhân dân tỉnh tháng 12",
            "chair": "Chủ tịch UBND tỉnh",
            "place": "Phòng họp số 1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/lich-cong-tac/?don-vi={province.province.pk}&tuan=2026-W50"
    listed = clerk.get(response["Location"]).content.decode()
    assert "Tuần 50/2026 (từ 07/12/2026 đến 13/12/2026)" in listed
    assert "Họp giao ban Ủy ban nhân dân tỉnh tháng 12" in listed
    assert "Dự thảo, chưa công bố" in listed
    # The clerk does not approve: no publish button.
    assert "Duyệt và công bố" not in listed


def test_a_bad_entry_shows_every_error_and_writes_nothing(province: Province, cast: Cast) -> None:
    response = _client(cast.clerk).post(
        "/lich-cong-tac/them/",
        {"don-vi": province.province.pk, "day": "31/02/2026", "start_time": "25:00"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Vui lòng kiểm tra lại các mục dưới đây" in page
    assert page.count('class="errorlist') >= 4
    assert (WeeklySchedule.objects.count(), ScheduleEntry.objects.count()) == (0, 0)


def test_the_leader_publishes_and_the_public_sees_it(province: Province, cast: Cast) -> None:
    services.add_entry(actor=cast.clerk, unit=province.province, data=MEETING)
    public_url = f"/don-vi/{province.province.pk}/lich-cong-tac/?tuan=2026-W50"
    assert "Chưa có lịch công tác được công bố" in Client().get(public_url).content.decode()
    assert (
        Client().get(f"/don-vi/{province.province.pk}/lich-cong-tac/pdf/?tuan=2026-W50").status_code
        == 404
    )

    leader = _client(cast.leader)
    assert "Duyệt và công bố" in leader.get("/lich-cong-tac/?tuan=2026-W50").content.decode()
    response = leader.post(
        "/lich-cong-tac/cong-bo/?tuan=2026-W50", {"don-vi": province.province.pk}
    )
    assert response.status_code == 302
    page = Client().get(public_url).content.decode()
    assert "Họp giao ban Ủy ban nhân dân tỉnh tháng 12" in page
    assert "Công bố lần 1 lúc 09:00 07/12/2026." in page


def test_the_public_page_in_english(province: Province, cast: Cast) -> None:
    # The week's label and the weekdays were once written in Vietnamese only.
    services.add_entry(actor=cast.clerk, unit=province.province, data=MEETING)
    services.publish_week(actor=cast.leader, unit=province.province, week_start=date(2026, 12, 7))
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        page = client.get(f"/don-vi/{province.province.pk}/lich-cong-tac/?tuan=2026-W50")
    finally:
        translation.deactivate()  # the middleware leaves English active in this thread
    body = page.content.decode()
    assert page.status_code == 200
    assert "Week 50/2026 (from 07/12/2026 to 13/12/2026)" in body
    assert "Tuesday" in body
    assert "Tuần 50/2026" not in body
    assert "Thứ Ba" not in body


def test_the_pdf_prints_the_week_with_the_changes_marked(
    province: Province, cast: Cast, tmp_path: object
) -> None:
    entry = services.add_entry(actor=cast.clerk, unit=province.province, data=MEETING)
    services.publish_week(actor=cast.leader, unit=province.province, week_start=date(2026, 12, 7))
    services.cancel_entry(actor=cast.clerk, entry_id=entry.pk)
    response = Client().get(f"/don-vi/{province.province.pk}/lich-cong-tac/pdf/?tuan=2026-W50")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = extract_text(response.content)
    assert "LỊCH CÔNG TÁC TUẦN" in text
    assert "Tuần 50/2026 (từ 07/12/2026 đến 13/12/2026)" in text
    assert "Thứ Ba" in text and "08/12/2026" in text and "08:00 - 11:00" in text
    assert "(Hoãn)" in text
    assert "Công bố lần 1 lúc 09:00 07/12/2026, duyệt: Phạm Văn Hùng." in text


@pytest.mark.parametrize("who", ["specialist", "outsider", "citizen"])
def test_people_outside_the_office_are_denied_and_nothing_changes(
    province: Province, cast: Cast, who: str
) -> None:
    entry = services.add_entry(actor=cast.clerk, unit=province.province, data=MEETING)
    before = (list(ScheduleEntry.objects.values()), AuditEvent.objects.count())
    client = _client(getattr(cast, who))
    answers = [
        client.get("/lich-cong-tac/").status_code,
        client.post("/lich-cong-tac/them/", {"don-vi": province.province.pk}).status_code,
        client.get(f"/lich-cong-tac/muc/{entry.pk}/sua/").status_code,
        client.post(f"/lich-cong-tac/muc/{entry.pk}/huy/").status_code,
        client.post("/lich-cong-tac/cong-bo/", {"don-vi": province.province.pk}).status_code,
    ]
    assert answers == [404, 404, 404, 404, 404]
    assert (list(ScheduleEntry.objects.values()), AuditEvent.objects.count()) == before
    assert WeeklySchedule.objects.get().status == WeeklySchedule.Status.DRAFT


def test_the_api_drafts_publishes_and_reads(province: Province, cast: Cast) -> None:
    unit = province.province.pk
    payload = {
        "day": "2026-12-09",
        "start_time": "14:00:00",
        "content": "Tiếp công dân định kỳ",
        "chair": "Phó Chủ tịch UBND tỉnh",
        "place": "Trụ sở Tiếp công dân tỉnh",
    }
    created = _client(cast.clerk).post(
        f"/api/v1/schedule/units/{unit}/entries",
        json.dumps(payload),
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["content"] == "Tiếp công dân định kỳ"
    assert Client().get(f"/api/v1/schedule/units/{unit}/weeks/2026-W50").json()["code"] == (
        "schedule_entry_not_found"
    )
    refused = _client(cast.clerk).post(f"/api/v1/schedule/units/{unit}/weeks/2026-W50/publish")
    assert (refused.status_code, refused.json()["code"]) == (403, "schedule_not_allowed")
    published = _client(cast.leader).post(f"/api/v1/schedule/units/{unit}/weeks/2026-W50/publish")
    assert published.status_code == 200
    week = Client().get(f"/api/v1/schedule/units/{unit}/weeks/2026-W50").json()
    assert (week["status"], week["revision"], [e["content"] for e in week["entries"]]) == (
        "published",
        1,
        ["Tiếp công dân định kỳ"],
    )
    bad = Client().get(f"/api/v1/schedule/units/{unit}/weeks/2026-W60")
    assert (bad.status_code, bad.json()["code"]) == (422, "schedule_invalid_week")
