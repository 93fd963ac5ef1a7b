"""Every dossier change is queued for the national portal, in its transaction."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierDocument
from egov.onestop.dossiers.services import withdraw
from egov.onestop.dossiers.services.reads import log_personal_data_read
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.payments.models import Payment, PaymentPurpose, PaymentStatus
from egov.onestop.portalsync.mapping import portal_payload
from egov.onestop.portalsync.models import OutboxEvent, OutboxStatus
from egov.platform.audit.models import AuditEvent

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2026, 3, 2, 8, 30, tzinfo=VN)


STATE_FIELDS = [
    "MaHoSo",
    "MaTTHC",
    "NgayNopHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayTuChoi",
    "NgayKetThucXuLy",
    "NgayTra",
    "TrangThaiHoSo",
    "KenhThucHien",
    "DuocThanhToanTrucTuyen",
    "HoSoCoThanhPhanSoHoa",
]


def local(value: datetime | None) -> str:
    return timezone.localtime(value, VN).strftime("%Y%m%d%H%M%S") if value else ""


@pytest.mark.django_db
def test_each_audited_change_queues_one_event_with_the_portal_fields(
    desk: Desk, cast: Cast, province: Province
) -> None:
    # given a dossier received and accepted at the desk at 08:30 on 2 March 2026
    with time_machine.travel(AT, tick=False):
        dossier = receive(desk, cast, province)
        # when the citizen withdraws it an hour later
    with time_machine.travel(datetime(2026, 3, 2, 9, 30, tzinfo=VN), tick=False):
        withdraw(actor=cast.reception, dossier=dossier, reason="Công dân xin rút")
    dossier.refresh_from_db()
    # then one event per audited change, numbered 1, 2, 3 ... with its own key
    changes = list(
        AuditEvent.objects.filter(event_type__startswith="dossiers.", target_id=str(dossier.pk))
        .order_by("pk")
        .values_list("event_type", flat=True)
    )
    events = list(OutboxEvent.objects.filter(dossier=dossier).order_by("sequence"))
    assert [f"dossiers.{e.event}" for e in events] == changes
    assert changes[-1] == "dossiers.withdrawn"
    assert [e.sequence for e in events] == list(range(1, len(changes) + 1))
    assert [e.idempotency_key for e in events] == [
        f"{dossier.pk}:{n}" for n in range(1, len(changes) + 1)
    ]
    assert {e.status for e in events} == {OutboxStatus.PENDING}
    assert {e.attempts for e in events} == {0}
    # and the last one carries the dossier as the portal sees it
    assert dossier.code
    payload = events[-1].payload
    assert {key: payload[key] for key in STATE_FIELDS} == {
        "MaHoSo": dossier.code,
        "MaTTHC": "1.001193",
        "NgayNopHoSo": "20260302083000",
        "NgayTiepNhan": "20260302083000",
        "NgayHenTra": local(dossier.appointment_at),
        "NgayTuChoi": "",
        "NgayKetThucXuLy": "20260302093000",
        "NgayTra": "",
        "TrangThaiHoSo": 7,
        "KenhThucHien": 1,
        "DuocThanhToanTrucTuyen": 0,
        "HoSoCoThanhPhanSoHoa": 0,
    }
    assert events[-1].payload["NgayHenTra"] != ""


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_event(desk: Desk, cast: Cast, province: Province) -> None:
    # given a received dossier
    dossier = receive(desk, cast, province)
    before = OutboxEvent.objects.count()

    # when its withdrawal is rolled back with the surrounding transaction
    with pytest.raises(RuntimeError), transaction.atomic():
        withdraw(actor=cast.reception, dossier=dossier, reason="Công dân xin rút")
        assert OutboxEvent.objects.count() == before + 1
        raise RuntimeError("rollback")

    # then the event went with it
    assert OutboxEvent.objects.count() == before
    assert Dossier.objects.get(pk=dossier.pk).status == 2


@pytest.mark.django_db
def test_reading_personal_data_is_not_a_change(desk: Desk, cast: Cast, province: Province) -> None:
    # given a received dossier
    dossier = receive(desk, cast, province)
    before = OutboxEvent.objects.count()
    # when an officer reads the applicant's data (audited, not a change)
    log_personal_data_read(actor=cast.reception, dossier=dossier, where="detail")
    # then nothing is queued
    assert OutboxEvent.objects.count() == before


@pytest.mark.django_db
def test_online_payment_and_digitised_flags(desk: Desk, cast: Cast, province: Province) -> None:
    # given a received dossier, each received document scanned, a fee paid online
    dossier = receive(desk, cast, province)
    assert portal_payload(dossier)["HoSoCoThanhPhanSoHoa"] == 0
    DossierDocument.objects.filter(dossier=dossier, received=True).update(scan="scans/a.pdf")
    Payment.objects.create(
        dossier=dossier,
        purpose=PaymentPurpose.FEE,
        amount_vnd=8000,
        gateway="sandbox",
        txn_ref="T1",
        status=PaymentStatus.PAID,
        payer=cast.citizen,
    )
    # then the payment is the province gateway's (2) and the dossier is digitised
    payload = portal_payload(dossier)
    assert (payload["DuocThanhToanTrucTuyen"], payload["HoSoCoThanhPhanSoHoa"]) == (2, 1)
