"""Dossiers in every state a form is printed for, built through the services."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, ReturnMethod
from egov.onestop.dossiers.services import (
    claim,
    issue_apology,
    move_on,
    record_result,
    request_supplement,
    return_result,
    stop_processing,
)
from egov.onestop.dossiers.tests.conftest import Desk, desk, receive

__all__ = ["desk"]

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# A Monday before Tết 2026: five working days run past the holiday week.
RECEIVED = datetime(2026, 2, 9, 8, 0, tzinfo=VN)


@pytest.fixture
def accepted(desk: Desk, cast: Cast, province: Province) -> Dossier:
    with time_machine.travel(RECEIVED, tick=False):
        return receive(desk, cast, province)


@pytest.fixture
def returned(desk: Desk, cast: Cast, province: Province) -> Dossier:
    """Through every step and handed over: five hand-overs on the control slip."""
    with time_machine.travel(RECEIVED, tick=False):
        dossier = receive(desk, cast, province)
    with time_machine.travel(RECEIVED + timedelta(hours=1), tick=False):
        dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    with time_machine.travel(RECEIVED + timedelta(hours=2), tick=False):
        dossier = claim(actor=cast.specialist, dossier=dossier)
        dossier = move_on(actor=cast.specialist, dossier=dossier, action="forward")
    with time_machine.travel(RECEIVED + timedelta(days=1), tick=False):
        dossier = move_on(actor=desk.commune_leader, dossier=dossier, action="approve")
    with time_machine.travel(RECEIVED + timedelta(days=1, hours=1), tick=False):
        dossier = record_result(
            actor=cast.reception,
            dossier=dossier,
            number="125/2026",
            signed_on=date(2026, 2, 10),
            signer="Trương Công Danh",
        )
    with time_machine.travel(RECEIVED + timedelta(days=2), tick=False):
        return return_result(
            actor=cast.reception,
            dossier=dossier,
            method=ReturnMethod.DESK,
            collected_by="Trần Văn An",
        )


@pytest.fixture
def supplemented(desk: Desk, cast: Cast, province: Province) -> Dossier:
    with time_machine.travel(RECEIVED, tick=False):
        dossier = receive(desk, cast, province)
        dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
    with time_machine.travel(RECEIVED + timedelta(hours=3), tick=False):
        return request_supplement(
            actor=cast.specialist,
            dossier=dossier,
            items=["Bản sao Giấy chứng nhận kết hôn", "Giấy chứng sinh bản chính"],
            reason="Tờ khai ghi sai ngày sinh của người mẹ.",
        )


@pytest.fixture
def refused(desk: Desk, cast: Cast, province: Province) -> Dossier:
    with time_machine.travel(RECEIVED, tick=False):
        return receive(
            desk,
            cast,
            province,
            outcome="refuse",
            received_document_ids=[],
            reason="Trẻ đã được đăng ký khai sinh tại Phường Tân Ninh.",
        )


@pytest.fixture
def apologised(desk: Desk, cast: Cast, province: Province) -> Dossier:
    with time_machine.travel(RECEIVED, tick=False):
        dossier = receive(desk, cast, province)
    with time_machine.travel(datetime(2026, 2, 13, 9, 0, tzinfo=VN), tick=False):
        issue_apology(
            actor=cast.reception,
            dossier=dossier,
            reason="Chờ xác minh thông tin hộ tịch tại nơi cư trú cũ.",
            new_appointment=datetime(2026, 2, 26, 16, 30, tzinfo=VN),
        )
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def stopped(desk: Desk, cast: Cast, province: Province) -> Dossier:
    with time_machine.travel(RECEIVED, tick=False):
        dossier = receive(desk, cast, province)
    with time_machine.travel(RECEIVED + timedelta(hours=2, minutes=15), tick=False):
        return stop_processing(
            actor=desk.commune_leader, dossier=dossier, reason="Vụ việc đang có tranh chấp."
        )
