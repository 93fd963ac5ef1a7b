"""The whole sync payload of one dossier, field by field (DOMAIN.md's list)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from egov.conftest import Cast, Province
from egov.onestop.dossiers.models import Dossier, DossierDocument, ReturnMethod
from egov.onestop.dossiers.services import (
    claim,
    move_on,
    receive_supplement,
    record_result,
    request_supplement,
    return_result,
)
from egov.onestop.dossiers.tests.conftest import Desk, receive
from egov.onestop.payments.models import Payment, PaymentPurpose, PaymentStatus
from egov.onestop.portalsync.mapping import portal_payload
from egov.onestop.procedures.models import Field, Procedure
from egov.platform.citizens.models import CitizenProfile

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int, minute: int = 0) -> time_machine.travel:
    return time_machine.travel(datetime(2026, 3, day, hour, minute, tzinfo=VN), tick=False)


@override_settings(PUBLIC_URL="https://dichvucong.tayninh.gov.vn")
def test_a_dossier_with_a_supplement_a_gateway_payment_scans_and_an_electronic_result(
    desk: Desk, cast: Cast, province: Province
) -> None:
    Field.objects.filter(pk=desk.procedure.field_id).update(code="G09-TP01")
    Procedure.objects.filter(pk=desk.procedure.pk).update(charge_vnd=8000)
    CitizenProfile.objects.update_or_create(
        user=cast.citizen, defaults={"id_verified_at": datetime(2026, 1, 5, 9, 0, tzinfo=VN)}
    )
    # Received at the desk Mon 2 Mar 08:30, with two of its three documents.
    with at(2, 8, 30):
        dossier = receive(desk, cast, province)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_user=cast.citizen)
    DossierDocument.objects.filter(dossier=dossier, received=True).update(scan="scans/a.pdf")
    with at(2, 9):
        dossier = move_on(actor=cast.reception, dossier=dossier, action="forward")
        dossier = claim(actor=cast.specialist, dossier=dossier)
    with at(2, 10):
        dossier = request_supplement(
            actor=cast.specialist, dossier=dossier, items=["Bản sao giấy chứng sinh"]
        )
    # The citizen brings it Tue 3 Mar 10:00: the clock stood still one working day.
    with at(3, 10):
        dossier = receive_supplement(actor=cast.reception, dossier=dossier)
    Payment.objects.create(
        dossier=dossier,
        purpose=PaymentPurpose.FEE,
        amount_vnd=8000,
        gateway="vnpay",
        txn_ref="TN000001",
        status=PaymentStatus.PAID,
        paid_at=datetime(2026, 3, 3, 10, 5, tzinfo=VN),
        payer=cast.citizen,
    )
    with at(3, 11):
        dossier = move_on(actor=cast.specialist, dossier=dossier, action="forward")
        dossier = move_on(actor=desk.commune_leader, dossier=dossier, action="approve")
        dossier = record_result(
            actor=cast.reception,
            dossier=dossier,
            number="125/2026",
            signed_on=date(2026, 3, 3),
            signer="Trương Công Danh",
        )
    Dossier.objects.filter(pk=dossier.pk).update(result_file="results/kq.pdf")
    with at(4, 8):
        dossier = return_result(
            actor=cast.reception, dossier=dossier, method=ReturnMethod.DESK, collected_by="An"
        )
    dossier = Dossier.objects.get(pk=dossier.pk)

    payload = portal_payload(dossier)

    assert payload == {
        "MaHoSo": dossier.code,
        "MaTTHC": "1.001193",
        "TenTTHC": "Thủ tục đăng ký khai sinh",
        "MaLinhVuc": "G09-TP01",
        "ChuHoSo": "Trần Văn An",
        "LoaiDoiTuong": 1,
        "SoDinhDanh": "072090001234",
        "TrichYeuHoSo": "Thủ tục đăng ký khai sinh: Trần Văn An",
        "NgayNopHoSo": "20260302083000",
        "NgayTiepNhan": "20260302083000",
        # Five working days from Mon 2 Mar 08:30, one more for the supplement.
        "NgayHenTra": "20260310083000",
        "NgayTuChoi": "",
        "NgayKetThucXuLy": "20260303110000",
        "NgayTra": "20260304080000",
        "TrangThaiHoSo": 10,
        "KenhThucHien": 1,
        "DonViXuLy": "000.01.30.H53",
        "DuocThanhToanTrucTuyen": 2,
        "HoSoCoThanhPhanSoHoa": 1,
        "TaiKhoanDuocXacThucVoiVNeID": 1,
        "TaiLieuNop": [
            {"TenTaiLieu": "Tờ khai đăng ký khai sinh", "DuocSoHoa": 1, "DuocLayTuKhoDMQG": 0},
            {"TenTaiLieu": "Giấy chứng sinh", "DuocSoHoa": 1, "DuocLayTuKhoDMQG": 0},
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "MucPhi": 8000}],
        "DanhSachHoSoBoSung": [
            {
                "NgayYeuCauBoSung": "20260302100000",
                "NgayTiepNhanBoSung": "20260303100000",
                "NgayHenTraCu": "20260309083000",
                "NgayHenTraMoi": "20260310083000",
                "NoiDungBoSung": "Bản sao giấy chứng sinh",
            }
        ],
        "DanhSachGiayToKetQua": [
            {
                "MaKetQua": "125/2026",
                "TenGiayTo": "Giấy khai sinh",
                "NgayKy": "20260303",
                "NguoiKy": "Trương Công Danh",
                "DuongDanTepTinKetQua": (
                    f"https://dichvucong.tayninh.gov.vn/dich-vu-cong/ho-so/{dossier.pk}/ket-qua/"
                ),
            }
        ],
    }
