"""A dossier as the national portal (Cổng DVCQG) sees it.

The field names follow the DVCQG dossier-sync ("đồng bộ hồ sơ") convention as
given in our issue: MaHoSo, MaTTHC, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy,
TrangThaiHoSo, KenhThucHien, ThanhToanTrucTuyen, SoHoa. The official
specification is not public; a search of public sources found no copy of it,
so the names, the date format (yyyyMMddHHmmss, Vietnam time) and the 0/1
flags are NOT verified against it and must be checked with the portal's
integration team before going live. Status codes 1-10 and channels 1-3 are
the ones our Dossier model already uses (DVCQG's, see egov/onestop/dossiers/models.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q

from egov.onestop.dossiers.models import Dossier, DossierDocument
from egov.onestop.payments.models import Payment, PaymentStatus

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"


def portal_date(value: datetime | None) -> str:
    return value.astimezone(VIETNAM).strftime(DATE_FORMAT) if value is not None else ""


@dataclass(frozen=True)
class PortalFacts:
    """What the payload says that is not on the dossier's row."""

    paid_online: bool  # a payment of the dossier went through (ThanhToanTrucTuyen)
    digitised: bool  # every received document has a scan, and one was received (SoHoa)


def portal_facts(dossier: Dossier) -> PortalFacts:
    """Both facts, in one query."""
    received = DossierDocument.objects.filter(dossier=OuterRef("pk"), received=True)
    paid, any_received, unscanned = (
        Dossier.objects.filter(pk=dossier.pk)
        .annotate(
            paid=Exists(Payment.objects.filter(dossier=OuterRef("pk"), status=PaymentStatus.PAID)),
            any_received=Exists(received),
            unscanned=Exists(received.filter(Q(scan="") | Q(scan__isnull=True))),
        )
        .order_by()
        .values_list("paid", "any_received", "unscanned")
        .get()
    )
    return PortalFacts(paid_online=paid, digitised=any_received and not unscanned)


def portal_payload(dossier: Dossier) -> dict[str, Any]:
    """The dossier as the portal sees it."""
    facts = portal_facts(dossier)
    return {
        "MaHoSo": dossier.code or "",
        "MaTTHC": dossier.procedure.code,
        "NgayTiepNhan": portal_date(dossier.received_at),
        "NgayHenTra": portal_date(dossier.appointment_at),
        "NgayKetThucXuLy": portal_date(dossier.ended_at),
        "TrangThaiHoSo": int(dossier.status),
        "KenhThucHien": int(dossier.channel),
        "ThanhToanTrucTuyen": 1 if facts.paid_online else 0,
        "SoHoa": 1 if facts.digitised else 0,
    }
