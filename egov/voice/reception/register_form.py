"""The reception register printed as the official book (sổ tiếp công dân), one month of a body.

The columns follow the register form as DOMAIN.md and the brief describe it.
The brief names Circular 05/2021/TT-TTCP; the register's form is, as far as
could be recalled here, Form 01 of Circular 04/2021/TT-TTCP (the procedure of
citizen reception), and neither text could be checked: the column list is
data (`COLUMNS`), marked unverified, so that it is corrected in one place.

A denouncer is masked as on the page (Law on Denunciations 2018 art. 47).
Printing is audited (`voice.reception_register_printed`): the book carries
citizens' names, addresses and identity numbers.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import PermissionDenied
from egov.platform.organisation.models import Unit
from egov.platform.printing import PdfRenderer
from egov.voice.reception.errors import ReceptionError
from egov.voice.reception.models import Matter, Reception
from egov.voice.reception.services import RECEIVERS, shown_citizen, shown_representatives

renderer = PdfRenderer(Path(__file__).resolve().parent / "printing")

# Not verified against the official form (see the module's docstring).
FORM = "Mẫu sổ tiếp công dân (Thông tư 04/2021/TT-TTCP, Mẫu số 01; chưa đối chiếu văn bản)"
COLUMNS: list[tuple[str, str]] = [
    ("number", "STT"),
    ("date", "Ngày tiếp"),
    ("citizen", "Họ tên, địa chỉ, số định danh của người được tiếp (số người)"),
    ("content", "Nội dung vụ việc"),
    ("matter", "Phân loại vụ việc"),
    ("units", "Cơ quan chủ trì, phối hợp giải quyết"),
    ("handling", "Hướng xử lý"),
    ("result", "Theo dõi kết quả giải quyết"),
    ("note", "Ghi chú"),
]


@dataclass(frozen=True)
class Line:
    cells: dict[str, str]


def line(number: int, reception: Reception) -> Line:
    masked = reception.matter == Matter.DENUNCIATION
    citizen = [shown_citizen(reception)]
    if not masked:
        citizen += [reception.citizen_address, reception.citizen_id_number]
    others = shown_representatives(reception)
    if others:
        citizen.append(_("đại diện khác: %(names)s") % {"names": ", ".join(others)})
    if reception.people > 1:
        citizen.append(_("%(n)s người") % {"n": reception.people})
    result = [reception.result]
    if reception.deadline:
        result.append(_("thời hạn %(d)s") % {"d": f"{reception.deadline:%d/%m/%Y}"})
    note = [reception.get_kind_display(), _("người tiếp: %(n)s") % {"n": reception.officer}]
    if reception.wants_leader:
        note.append(_("đề nghị gặp lãnh đạo"))
    if reception.petition is not None:
        note.append(_("đơn %(c)s") % {"c": reception.petition.code})
    units = " / ".join(u for u in (reception.lead_unit, reception.coordinating_units) if u)
    return Line(
        cells={
            "number": str(number),
            "date": f"{timezone.localtime(reception.received_at):%d/%m/%Y}",
            "citizen": "; ".join(p for p in citizen if p),
            "content": reception.content,
            "matter": str(reception.get_matter_display()),
            "units": units,
            "handling": str(reception.get_handling_display()),
            "result": "; ".join(p for p in result if p),
            "note": "; ".join(note),
        }
    )


def register_pdf(*, actor: User, unit: Unit, year: int, month: int) -> bytes:
    """The month's book of `unit` (its own lines), for the staff who receive citizens there."""
    if not has_role_over(actor, unit, RECEIVERS):
        raise PermissionDenied(
            ReceptionError.PERMISSION_DENIED, _("Bạn không có quyền in sổ tiếp công dân.")
        )
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    receptions = (
        Reception.objects.filter(unit=unit, received_at__date__range=(first, last))
        .select_related("officer", "petition")
        .order_by("received_at", "pk")
    )
    lines = [line(n, r) for n, r in enumerate(receptions, start=1)]
    context = {
        "unit": unit,
        "first": first,
        "columns": COLUMNS,
        "rows": [[ln.cells[key] for key, _label in COLUMNS] for ln in lines],
        "form": FORM,
        "printed_at": timezone.localtime(),
    }
    document = renderer.pdf("register.html", context)
    with transaction.atomic(durable=True):
        record_event(
            event_type="voice.reception_register_printed",
            actor=actor,
            target=unit,
            unit=unit,
            details={"month": f"{first:%Y-%m}", "lines": len(lines)},
        )
    return document
