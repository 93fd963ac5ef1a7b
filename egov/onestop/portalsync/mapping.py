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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection

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


def facts_columns() -> str:
    """The two facts as the columns of a SELECT; their parameters: `facts_params`.

    For a caller that reads them together with something else of the same
    dossier in one statement (the dossier services' counts).
    """
    return _facts_columns(connection.vendor)


def facts_params(pk: int) -> list[Any]:
    return [pk, PaymentStatus.PAID.value, pk, True, pk, True]


def facts_from(paid: Any, scanned: Any) -> PortalFacts:
    return PortalFacts(paid_online=bool(paid), digitised=bool(scanned))


@cache
def _facts_columns(vendor: str) -> str:
    # Built once per database vendor: it runs for every change of a dossier.
    quote = connection.ops.quote_name
    payment, document = Payment._meta, DossierDocument._meta

    def column(meta: Any, name: str) -> str:
        return quote(meta.get_field(name).column)

    received = (
        f"SELECT 1 FROM {quote(document.db_table)} "  # noqa: S608 - quoted names
        f"WHERE {column(document, 'dossier')} = %s AND {column(document, 'received')} = %s"
    )
    scan = column(document, "scan")
    return (
        f"EXISTS(SELECT 1 FROM {quote(payment.db_table)} "  # noqa: S608 - quoted names
        f"WHERE {column(payment, 'dossier')} = %s AND {column(payment, 'status')} = %s), "
        f"EXISTS({received}) AND NOT EXISTS({received} AND ({scan} = '' OR {scan} IS NULL))"
    )


def portal_facts(dossier: Dossier) -> PortalFacts:
    """Both facts in one statement (three index probes on the dossier's key).

    Written as SQL: it runs for every change of every dossier (reception,
    each move), where compiling two ORM queries cost more than running them.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {facts_columns()}", facts_params(dossier.pk))
        row = cursor.fetchone()
    assert row is not None  # noqa: S101 - a SELECT without FROM returns one row
    return facts_from(row[0], row[1])


def new_dossier_facts(documents: Iterable[DossierDocument]) -> PortalFacts:
    """The facts of a dossier this transaction just created with `documents` (saved).

    What `portal_facts` would read, without the read: nobody can have paid
    for a dossier no other transaction sees yet, and its documents are these.
    """
    received = [document for document in documents if document.received]
    return PortalFacts(
        paid_online=False, digitised=bool(received) and all(d.scan for d in received)
    )


def paid_online(dossier: Dossier) -> bool:
    return portal_facts(dossier).paid_online


def digitised(dossier: Dossier) -> bool:
    """Every received document has a scan (and at least one was received)."""
    return portal_facts(dossier).digitised


def portal_payload(dossier: Dossier, facts: PortalFacts | None = None) -> dict[str, Any]:
    """The dossier as the portal sees it; `facts`: given by a caller that knows them."""
    if facts is None:
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
