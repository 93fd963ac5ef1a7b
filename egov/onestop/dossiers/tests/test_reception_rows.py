"""The rows one reception writes, pinned: register-then-accept in one transaction.

Reception with outcome "accept" writes the dossier once (as accepted) and
the two events' rows together; these are the rows registering and then
accepting wrote one by one: the same events in the same order, the
"registered" ones describing the dossier as registration left it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierDocument, DossierStatus, Handover
from egov.onestop.dossiers.tests.conftest import APPLICANT, Desk, receive
from egov.onestop.portalsync.models import OutboxEvent
from egov.platform.audit.models import AuditEvent
from egov.platform.core.errors import InvalidInput, PermissionDenied
from egov.platform.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2026, 3, 2, 8, 30, tzinfo=VN)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 scan", content_type="application/pdf")


def test_reception_writes_the_rows_of_registration_then_acceptance(
    desk: Desk, cast: Cast, province: Province
) -> None:
    centre = province.long_an_centre
    with time_machine.travel(AT, tick=False):
        dossier = receive(
            desk,
            cast,
            province,
            received_document_ids=[d.pk for d in desk.documents],
            scans={d.pk: _pdf() for d in desk.documents},
        )
    stored = Dossier.objects.get(pk=dossier.pk)
    code = stored.code
    assert code is not None and code.endswith("-0001")
    assert (stored.status, stored.current_step, stored.current_unit, stored.assignee) == (
        DossierStatus.ACCEPTED,
        desk.reception_step,
        centre,
        cast.reception,
    )
    assert (stored.received_by, stored.received_at, stored.step_started_at) == (
        cast.reception,
        AT,
        AT,
    )
    assert stored.appointment_at == stored.deadline_at == datetime(2026, 3, 9, 8, 30, tzinfo=VN)
    assert stored.step_due_at == datetime(2026, 3, 2, 14, 15, tzinfo=VN)
    documents = list(
        DossierDocument.objects.filter(dossier=stored)
        .order_by("pk")
        .values_list("procedure_document_id", "received")
    )
    assert documents == [(d.pk, True) for d in desk.documents]
    assert all(d.scan for d in DossierDocument.objects.filter(dossier=stored))

    events = list(
        AuditEvent.objects.filter(event_type__startswith="dossiers.", target_id=str(stored.pk))
        .order_by("pk")
        .values_list("event_type", "actor_id", "unit_id", "details", "created_at")
    )
    assert events == [
        (
            "dossiers.registered",
            cast.reception.pk,
            centre.pk,
            {"code": None, "status": 1, "channel": 1, "procedure": "1.001193"},
            AT,
        ),
        (
            "dossiers.accepted",
            cast.reception.pk,
            centre.pk,
            {"code": code, "status": 2, "appointment_at": "2026-03-09T08:30:00+07:00"},
            AT,
        ),
    ]
    changes = list(
        OutboxEvent.objects.filter(dossier=stored)
        .order_by("pk")
        .values_list("sequence", "event", "idempotency_key", "payload", "next_attempt_at")
    )
    common = {"MaTTHC": "1.001193", "NgayKetThucXuLy": "", "KenhThucHien": 1}
    paid_scanned = {"ThanhToanTrucTuyen": 0, "SoHoa": 1}
    assert changes == [
        (
            1,
            "registered",
            f"{stored.pk}:1",
            {
                "MaHoSo": "",
                "NgayTiepNhan": "",
                "NgayHenTra": "",
                "TrangThaiHoSo": 1,
                **common,
                **paid_scanned,
            },
            AT,
        ),
        (
            2,
            "accepted",
            f"{stored.pk}:2",
            {
                "MaHoSo": code,
                "NgayTiepNhan": "20260302083000",
                "NgayHenTra": "20260309083000",
                "TrangThaiHoSo": 2,
                **common,
                **paid_scanned,
            },
            AT,
        ),
    ]
    handovers: list[tuple[object, ...]] = list(
        Handover.objects.filter(dossier=stored).values_list(
            "action",
            "from_step",
            "to_step",
            "from_user",
            "to_user",
            "to_unit",
            "note",
            "at",
            "step_due_at",
            "timeliness",
        )
    )
    assert handovers == [
        (
            "accept",
            None,
            desk.reception_step.pk,
            cast.reception.pk,
            None,
            centre.pk,
            "",
            AT,
            None,
            "",
        )
    ]
    emails = list(
        OutboundEmail.objects.order_by("pk").values_list("dedupe_key", "to_address", "subject")
    )
    assert emails == [
        (
            f"{stored.pk}:1:1",
            APPLICANT.email,
            "Hồ sơ của bạn đã chuyển sang trạng thái «Mới đăng ký»",
        ),
        (
            f"{stored.pk}:2:2",
            APPLICANT.email,
            f"Hồ sơ {code} đã chuyển sang trạng thái «Được tiếp nhận»",
        ),
    ]
    first, second = OutboundEmail.objects.order_by("pk")
    assert "Ngày hẹn trả kết quả" not in first.body and "Tra cứu hồ sơ" not in first.body
    assert "Ngày hẹn trả kết quả: 08:30 ngày 09/03/2026." in second.body
    assert "Tra cứu hồ sơ" in second.body


def test_without_scans_the_dossier_is_not_digitised(
    desk: Desk, cast: Cast, province: Province
) -> None:
    dossier = receive(desk, cast, province)

    payloads = list(
        OutboxEvent.objects.filter(dossier=dossier)
        .order_by("sequence")
        .values_list("payload", flat=True)
    )
    assert [(p["ThanhToanTrucTuyen"], p["SoHoa"]) for p in payloads] == [(0, 0), (0, 0)]


def test_a_refused_acceptance_writes_nothing_and_takes_no_number(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # given a first dossier received today, then a second one missing a required paper
    receive(desk, cast, province)
    counts = [m.objects.count() for m in (Dossier, AuditEvent, OutboxEvent, OutboundEmail)]
    with pytest.raises(InvalidInput) as refused:
        receive(desk, cast, province, received_document_ids=[desk.documents[0].pk])

    assert refused.value.code == "missing_documents"
    assert [m.objects.count() for m in (Dossier, AuditEvent, OutboxEvent, OutboundEmail)] == counts
    # and the next one accepted takes the day's second number
    assert (receive(desk, cast, province).code or "").endswith("-0002")


def test_an_officer_of_another_centre_cannot_receive_and_nothing_is_written(
    desk: Desk, cast: Cast, province: Province
) -> None:
    before = (Dossier.objects.count(), AuditEvent.objects.count(), OutboxEvent.objects.count())
    with pytest.raises(PermissionDenied), transaction.atomic():
        receive(desk, cast, province, actor=cast.specialist)

    after = (Dossier.objects.count(), AuditEvent.objects.count(), OutboxEvent.objects.count())
    assert after == before
