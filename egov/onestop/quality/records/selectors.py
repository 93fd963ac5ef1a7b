"""Reads of the records register and the links to the platform's own records.

A register row names a source; the records behind it are read here from the
one-stop desk at the time of reading, for the register's procedure, agency and
year (received in that year, Vietnam's time): linked, never copied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier
from egov.onestop.quality.errors import QualityError
from egov.onestop.quality.records.models import QualityRecord, RecordRegister, RecordSource
from egov.onestop.quality.selectors import documents_for
from egov.platform.accounts.models import User
from egov.platform.core.errors import NotFound
from egov.platform.workcalendar.deadlines import VN_TZ

# Links listed per row on the page; the count says how many there are in all.
LINKS_SHOWN = 20
FORM_OF = {RecordSource.RECEIPTS: "01", RecordSource.CONTROL_SLIPS: "06"}


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class LinkedRecord:
    record: QualityRecord
    count: int | None
    links: list[Link]


def registers_for(user: User) -> QuerySet[RecordRegister]:
    return RecordRegister.objects.filter(document__in=documents_for(user)).select_related(
        "document__agency", "document__procedure", "carried_from"
    )


def register_for_user(user: User, register_id: int) -> RecordRegister:
    register = registers_for(user).filter(pk=register_id).first()
    if register is None:
        raise NotFound(QualityError.NOT_FOUND, _("Không tìm thấy danh mục hồ sơ."))
    return register


def dossiers_of(register: RecordRegister) -> QuerySet[Dossier]:
    """The procedure's dossiers at the agency received in the register's year."""
    start = datetime.combine(date(register.year, 1, 1), time.min, tzinfo=VN_TZ)
    end = datetime.combine(date(register.year + 1, 1, 1), time.min, tzinfo=VN_TZ)
    procedure_id = register.document.procedure_id
    if procedure_id is None:  # registers are opened for quality procedures only
        return Dossier.objects.none()
    return Dossier.objects.filter(
        procedure_id=procedure_id,
        agency_id=register.document.agency_id,
        received_at__gte=start,
        received_at__lt=end,
    ).order_by("received_at", "pk")


def linked_records(register: RecordRegister) -> list[LinkedRecord]:
    rows = list(register.records.order_by("position"))
    dossiers = dossiers_of(register)
    needs = {r.source for r in rows} & {
        RecordSource.DOSSIERS,
        RecordSource.RECEIPTS,
        RecordSource.CONTROL_SLIPS,
    }
    count = dossiers.count() if needs else 0
    first = list(dossiers.values_list("pk", "code")[:LINKS_SHOWN]) if needs else []
    agency_id = register.document.agency_id
    result = []
    for row in rows:
        if row.source == RecordSource.DOSSIERS:
            links = [
                Link(code or str(pk), reverse("dossiers:detail", args=[pk])) for pk, code in first
            ]
            result.append(LinkedRecord(row, count, links))
        elif row.source in FORM_OF:
            number = FORM_OF[RecordSource(row.source)]
            links = [
                Link(code or str(pk), reverse("printing:dossier_form", args=[pk, number]))
                for pk, code in first
            ]
            result.append(LinkedRecord(row, count, links))
        elif row.source == RecordSource.REGISTER:
            url = reverse("printing:register", args=[agency_id])
            query = f"?tu={register.year}-01-01&den={register.year}-12-31"
            label = _("Sổ theo dõi năm %(year)s") % {"year": register.year}
            result.append(LinkedRecord(row, None, [Link(label, url + query)]))
        else:
            result.append(LinkedRecord(row, None, []))
    return result
