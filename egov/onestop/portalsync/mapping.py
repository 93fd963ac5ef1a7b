"""A dossier as the national portal (Cổng DVCQG) sees it: the sync payload.

The field names and codes follow what public implementations send to the
portal's dossier-sync service (`DongBoHoSoMC`), as summarised in DOMAIN.md
("On-time rules and indicators"). The official specification is not public
and no copy of it could be reached here, so the names, the date format
(yyyyMMddHHmmss, Vietnam time) and the codes are NOT verified against it. The
mapping is therefore versioned: `PORTAL_SYNC_MAPPING` names the builder, and a
province that receives the specification adds a builder for it (a new entry in
`MAPPINGS`) instead of changing this one under the dossiers already sent.

Status codes 1-10 and channels 1-3 are the ones our Dossier model already uses
(DVCQG's, see egov/onestop/dossiers/models.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from egov.onestop.dossiers.models import (
    ApplicantKind,
    Channel,
    Dossier,
    DossierDocument,
    DossierStatus,
    Handover,
    SupplementRequest,
)
from egov.onestop.events import DossierEvent
from egov.onestop.payments.models import Payment, PaymentStatus
from egov.onestop.procedures.fees import fee_quote
from egov.onestop.reports.indicators.definition import paper_result_needs_electronic
from egov.platform.accounts.models import Role, User
from egov.platform.audit.labels import event_label
from egov.platform.citizens.models import CitizenProfile

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"

# DuocThanhToanTrucTuyen: 0 not paid online, 1 paid on the national portal
# (its payment platform), 2 paid through the province's own gateway. Every
# gateway this platform talks to (VNPAY, the sandbox) is the province's own;
# a payment made on the national portal never passes through here.
PAID_NOT_ONLINE = 0
PAID_ON_NATIONAL_PORTAL = 1
PAID_THROUGH_PROVINCE_GATEWAY = 2
GATEWAY_CODES: dict[str, int] = {
    "vnpay": PAID_THROUGH_PROVINCE_GATEWAY,
    "sandbox": PAID_THROUGH_PROVINCE_GATEWAY,
}

# LoaiDoiTuong: 1 a citizen, 2 a business or organisation.
APPLICANT_CODES = {ApplicantKind.PERSON: 1, ApplicantKind.ORGANISATION: 2}


def portal_date(value: datetime | None) -> str:
    return value.astimezone(VIETNAM).strftime(DATE_FORMAT) if value is not None else ""


def _flag(value: bool) -> int:
    return 1 if value else 0


@dataclass(frozen=True)
class PortalFacts:
    """What the payload says that is not on the dossier's row."""

    # The gateway of the dossier's first payment that went through; "" when none.
    paid_gateway: str
    # Every received document has a scan, and one was received; where the
    # indicator definition's paper-result switch is on, a dossier whose result
    # was issued also holds the electronic result (formulas.digitised_components).
    digitised: bool
    # The applicant's account had its identity vouched for by VNeID.
    verified_with_vneid: bool = False
    # From the related rows, read in the same query.
    field_code: str = ""
    processing_unit: str = ""  # the deciding agency's identifier, or its name

    @property
    def paid_online(self) -> bool:
        return bool(self.paid_gateway)

    @property
    def payment_code(self) -> int:
        if not self.paid_gateway:
            return PAID_NOT_ONLINE
        return GATEWAY_CODES.get(self.paid_gateway, PAID_THROUGH_PROVINCE_GATEWAY)


def portal_facts(dossier: Dossier) -> PortalFacts:
    """The facts, in one query."""
    received = DossierDocument.objects.filter(dossier=OuterRef("pk"), received=True)
    paid = Payment.objects.filter(dossier=OuterRef("pk"), status=PaymentStatus.PAID)
    gateway, any_received, unscanned, verified, field_code, agency_code, agency_name = (
        Dossier.objects.filter(pk=dossier.pk)
        .annotate(
            gateway=paid.order_by("paid_at", "pk").values("gateway")[:1],
            any_received=Exists(received),
            unscanned=Exists(received.filter(Q(scan="") | Q(scan__isnull=True))),
            verified=Exists(
                CitizenProfile.objects.filter(
                    user_id=OuterRef("applicant_user_id"), id_verified_at__isnull=False
                )
            ),
        )
        .order_by()
        .values_list(
            "gateway",
            "any_received",
            "unscanned",
            "verified",
            "procedure__field__code",
            "agency__agency_code",
            "agency__name",
        )
        .get()
    )
    return PortalFacts(
        paid_gateway=gateway or "",
        digitised=any_received and not unscanned and _result_digitised(dossier),
        verified_with_vneid=verified,
        field_code=field_code,
        processing_unit=agency_code or agency_name,
    )


def _result_digitised(dossier: Dossier) -> bool:
    """False only for an issued result without its file, when the definition asks for one.

    The catalogue does not say which results are paper documents, so every
    issued result counts as one (as the indicator does). The definition is
    the one in force on the day the dossier was received (the indicator
    counts it among that period's new dossiers).
    """
    issued = dossier.status in (DossierStatus.FINISHED, DossierStatus.RETURNED)
    if not issued or dossier.result_file:
        return True
    day = timezone.localdate(dossier.received_at) if dossier.received_at else timezone.localdate()
    return not paper_result_needs_electronic(day)


@dataclass(frozen=True)
class Document:
    name: str
    scanned: bool


@dataclass(frozen=True)
class Supplement:
    requested_at: datetime | None
    received_at: datetime | None
    appointment_before: datetime | None
    appointment_after: datetime | None
    items: str


@dataclass(frozen=True)
class Result:
    number: str
    paper_name: str  # the procedure's result type
    signed_on: date | None
    signer: str
    link: str  # the public download of the result file; "" without one


@dataclass(frozen=True)
class PayloadSource:
    """Everything the payload says, as plain values.

    Read from the database for a real dossier (`payload_source`); the demo
    generator fills it from the rows it writes (egov/tools/synthetic), so its
    outbox carries the same payload a real dossier would.
    """

    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    applicant_code: int  # LoaiDoiTuong
    applicant_id_number: str
    submitted_at: datetime | None
    received_at: datetime | None
    appointment_at: datetime | None
    ended_at: datetime | None
    returned_at: datetime | None
    status: int
    channel: int
    facts: PortalFacts
    documents: tuple[Document, ...] = ()
    fees: tuple[tuple[str, int], ...] = ()
    supplements: tuple[Supplement, ...] = ()
    results: tuple[Result, ...] = ()


def _documents(dossier: Dossier) -> tuple[Document, ...]:
    rows = DossierDocument.objects.filter(dossier=dossier, received=True).order_by("pk")
    return tuple(Document(document.name, bool(document.scan)) for document in rows)


def _fees(dossier: Dossier) -> tuple[tuple[str, int], ...]:
    procedure = dossier.procedure
    # Only a council-set amount depends on the agency (one read); a national
    # rule's is on the procedure's row.
    agency = dossier.agency if procedure.fee_set_by_council else None
    quote = fee_quote(procedure, online=dossier.channel == Channel.ONLINE, agency=agency)
    fees = (("Phí", quote.fee_vnd), ("Lệ phí", quote.charge_vnd))
    return tuple((name, amount) for name, amount in fees if amount)


def _supplements(dossier: Dossier) -> tuple[Supplement, ...]:
    return tuple(
        Supplement(
            request.requested_at,
            request.received_at,
            request.appointment_before,
            request.appointment_after,
            "; ".join(str(item) for item in request.items),
        )
        for request in SupplementRequest.objects.filter(dossier=dossier).order_by(
            "requested_at", "pk"
        )
    )


def result_link(dossier_pk: int) -> str:
    return settings.PUBLIC_URL + reverse("portal:result", args=[dossier_pk])


def _results(dossier: Dossier) -> tuple[Result, ...]:
    if not (dossier.result_number or dossier.result_file):
        return ()
    link = result_link(dossier.pk) if dossier.result_file else ""
    return (
        Result(
            dossier.result_number,
            dossier.procedure.result_type,
            dossier.result_date,
            dossier.result_signer,
            link,
        ),
    )


def _submitted_at(dossier: Dossier) -> datetime | None:
    """When the applicant handed the dossier in: online, when sent; at the desk, received."""
    if dossier.channel == Channel.ONLINE:
        return dossier.created_at
    return dossier.received_at


def payload_source(dossier: Dossier) -> PayloadSource:
    return PayloadSource(
        code=dossier.code or "",
        procedure_code=dossier.procedure.code,
        procedure_name=dossier.procedure.name,
        applicant_name=dossier.applicant_name,
        applicant_code=APPLICANT_CODES.get(ApplicantKind(dossier.applicant_kind), 1),
        applicant_id_number=dossier.applicant_id_number,
        submitted_at=_submitted_at(dossier),
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at,
        ended_at=dossier.ended_at,
        returned_at=dossier.returned_at,
        status=int(dossier.status),
        channel=int(dossier.channel),
        facts=portal_facts(dossier),
        documents=_documents(dossier),
        fees=_fees(dossier),
        supplements=_supplements(dossier),
        results=_results(dossier),
    )


def build_dvcqg_public_2026(src: PayloadSource) -> dict[str, Any]:
    """The payload as public implementations sent it in 2026 (DOMAIN.md)."""
    facts = src.facts
    refused = src.status == DossierStatus.NOT_ACCEPTED
    return {
        "MaHoSo": src.code,
        "MaTTHC": src.procedure_code,
        "TenTTHC": src.procedure_name,
        "MaLinhVuc": facts.field_code,
        "ChuHoSo": src.applicant_name,
        "LoaiDoiTuong": src.applicant_code,
        "SoDinhDanh": src.applicant_id_number,
        "TrichYeuHoSo": f"{src.procedure_name}: {src.applicant_name}",
        "NgayNopHoSo": portal_date(src.submitted_at),
        "NgayTiepNhan": portal_date(src.received_at),
        "NgayHenTra": portal_date(src.appointment_at),
        "NgayTuChoi": portal_date(src.ended_at) if refused else "",
        "NgayKetThucXuLy": portal_date(src.ended_at),
        "NgayTra": portal_date(src.returned_at),
        "TrangThaiHoSo": src.status,
        "KenhThucHien": src.channel,
        "DonViXuLy": facts.processing_unit,
        "DuocThanhToanTrucTuyen": facts.payment_code,
        "HoSoCoThanhPhanSoHoa": _flag(facts.digitised),
        "TaiKhoanDuocXacThucVoiVNeID": _flag(facts.verified_with_vneid),
        "TaiLieuNop": [
            # Taken from the national data stores: the platform has no link to
            # them yet, so nothing is.
            {"TenTaiLieu": d.name, "DuocSoHoa": _flag(d.scanned), "DuocLayTuKhoDMQG": 0}
            for d in src.documents
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": name, "MucPhi": amount} for name, amount in src.fees],
        "DanhSachHoSoBoSung": [
            {
                "NgayYeuCauBoSung": portal_date(s.requested_at),
                "NgayTiepNhanBoSung": portal_date(s.received_at),
                "NgayHenTraCu": portal_date(s.appointment_before),
                "NgayHenTraMoi": portal_date(s.appointment_after),
                "NoiDungBoSung": s.items,
            }
            for s in src.supplements
        ],
        "DanhSachGiayToKetQua": [
            {
                "MaKetQua": r.number,
                "TenGiayTo": r.paper_name,
                "NgayKy": r.signed_on.strftime("%Y%m%d") if r.signed_on else "",
                "NguoiKy": r.signer,
                "DuongDanTepTinKetQua": r.link,
            }
            for r in src.results
        ],
    }


def dvcqg_public_2026(dossier: Dossier) -> dict[str, Any]:
    return build_dvcqg_public_2026(payload_source(dossier))


MAPPINGS: dict[str, Callable[[Dossier], dict[str, Any]]] = {
    "dvcqg-public-2026": dvcqg_public_2026,
}
DEFAULT_MAPPING = "dvcqg-public-2026"


def mapping_name() -> str:
    name = str(getattr(settings, "PORTAL_SYNC_MAPPING", "") or DEFAULT_MAPPING)
    if name not in MAPPINGS:
        raise LookupError(f"PORTAL_SYNC_MAPPING: unknown mapping {name!r}")
    return name


def portal_payload(dossier: Dossier) -> dict[str, Any]:
    """The dossier as the portal sees it, in the configured mapping."""
    return MAPPINGS[mapping_name()](dossier)


# The changes that hand a dossier on (a Handover row): each is one step of
# its progress for the portal's progress service (CapNhatTienDoHoSoMC).
PROGRESS_EVENTS = frozenset(
    {
        DossierEvent.CLAIMED,
        DossierEvent.ASSIGNED,
        DossierEvent.FORWARD,
        DossierEvent.APPROVE,
        DossierEvent.RETURN,
        DossierEvent.RETURNED,
    }
)


def progress_payload(dossier: Dossier, event: str, actor: User | None) -> dict[str, Any] | None:
    """One step of the dossier's processing, from its latest hand-over (one read).

    Field names as public implementations send them (DOMAIN.md); not verified
    against the portal's specification. None when the change made no hand-over.
    """
    handover = (
        Handover.objects.filter(dossier=dossier)
        .select_related("from_step", "to_unit")
        .order_by("-at", "-pk")
        .first()
    )
    if handover is None:
        return None
    role = handover.from_step.role if handover.from_step is not None else ""
    what = event_label(f"dossiers.{event}")
    return {
        "MaHoSo": dossier.code or "",
        "NguoiXuLy": actor.display_name if actor is not None else "",
        "ChucDanh": str(Role(role).label) if role else "",
        "ThoiDiemXuLy": portal_date(handover.at),
        "PhongBanXuLy": handover.to_unit.name if handover.to_unit is not None else "",
        "NoiDungXuLy": f"{what}: {handover.note}" if handover.note else what,
        "TrangThaiHoSo": int(dossier.status),
        "NgayBatDau": portal_date(dossier.step_started_at),
        "NgayKetThucTheoQuyDinh": portal_date(dossier.step_due_at),
    }
