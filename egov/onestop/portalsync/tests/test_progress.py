"""Each hand-over of a dossier is queued for the portal's progress service too."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from egov.conftest import Cast, Province
from egov.onestop.dossiers.services import move_on
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.portalsync.models import OutboxEvent, PortalService
from egov.onestop.portalsync.sender import url_for

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
PROGRESS_URL = "http://127.0.0.1:9/tien-do"


def _forwarded(desk: Desk, cast: Cast, province: Province) -> list[OutboxEvent]:
    with time_machine.travel(datetime(2026, 3, 2, 8, 30, tzinfo=VN), tick=False):
        dossier = receive(desk, cast, province)
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        move_on(actor=cast.reception, dossier=dossier, action="forward", note="Đủ hồ sơ")
    return list(OutboxEvent.objects.filter(dossier=dossier).order_by("sequence"))


@override_settings(PORTAL_SYNC_PROGRESS_URL=PROGRESS_URL)
def test_a_forward_queues_the_dossier_then_its_progress_step(
    desk: Desk, cast: Cast, province: Province
) -> None:
    events = _forwarded(desk, cast, province)

    assert [(e.event, e.service) for e in events] == [
        ("registered", PortalService.DOSSIER),
        ("accepted", PortalService.DOSSIER),
        ("forward", PortalService.DOSSIER),
        ("forward", PortalService.PROGRESS),
    ]
    assert [e.sequence for e in events] == [1, 2, 3, 4]
    step = events[-1].payload
    assert step == {
        "MaHoSo": "001.01.30.H53-260302-0001",
        "NguoiXuLy": cast.reception.display_name,
        "ChucDanh": "Cán bộ tiếp nhận một cửa",
        "ThoiDiemXuLy": "20260302090000",
        "PhongBanXuLy": "Phường Long An",
        "NoiDungXuLy": "Chuyển xử lý: Đủ hồ sơ",
        "TrangThaiHoSo": 4,
        "NgayBatDau": "20260302090000",
        # The specialist's step allows 26.25 office hours (the desk's process).
        "NgayKetThucTheoQuyDinh": "20260305144500",
    }
    assert url_for(events[-1]) == PROGRESS_URL


@override_settings(PORTAL_SYNC_URL="http://127.0.0.1:9/dong-bo", PORTAL_SYNC_PROGRESS_URL="")
def test_without_the_progress_address_only_the_dossier_is_queued(
    desk: Desk, cast: Cast, province: Province
) -> None:
    events = _forwarded(desk, cast, province)

    assert {e.service for e in events} == {PortalService.DOSSIER}
    assert [e.event for e in events] == ["registered", "accepted", "forward"]
    assert url_for(events[-1]) == "http://127.0.0.1:9/dong-bo"
