"""A dossier as the national portal (Cổng DVCQG) sees it.

The field names follow the DVCQG dossier-sync ("đồng bộ hồ sơ") convention as
given in our issue: MaHoSo, MaTTHC, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy,
TrangThaiHoSo, KenhThucHien, ThanhToanTrucTuyen, SoHoa. The official
specification is not public; a search of public sources found no copy of it,
so the names, the date format (yyyyMMddHHmmss, Vietnam time) and the 0/1
flags are NOT verified against it and must be checked with the portal's
integration team before going live. Status codes 1-10 and channels 1-3 are
the ones our Dossier model already uses (DVCQG's, see egov/dossiers/models.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from egov.dossiers.models import Dossier
from egov.payments.models import Payment, PaymentStatus

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"


def portal_date(value: datetime | None) -> str:
    return value.astimezone(VIETNAM).strftime(DATE_FORMAT) if value is not None else ""


def paid_online(dossier: Dossier) -> bool:
    return Payment.objects.filter(dossier=dossier, status=PaymentStatus.PAID).exists()


def digitised(dossier: Dossier) -> bool:
    """Every received document has a scan (and at least one was received)."""
    scans = [d.scan.name for d in dossier.documents.filter(received=True)]
    return bool(scans) and all(scans)


def portal_payload(dossier: Dossier) -> dict[str, Any]:
    return {
        "MaHoSo": dossier.code or "",
        "MaTTHC": dossier.procedure.code,
        "NgayTiepNhan": portal_date(dossier.received_at),
        "NgayHenTra": portal_date(dossier.appointment_at),
        "NgayKetThucXuLy": portal_date(dossier.ended_at),
        "TrangThaiHoSo": int(dossier.status),
        "KenhThucHien": int(dossier.channel),
        "ThanhToanTrucTuyen": 1 if paid_online(dossier) else 0,
        "SoHoa": 1 if digitised(dossier) else 0,
    }
