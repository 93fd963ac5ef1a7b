"""What each standard form shows (Circular 03/2025/TT-VPCP appendix).

One builder per form takes a dossier and returns the template and its
context; a form that does not apply to the dossier (a refusal slip for an
accepted dossier) raises `NotApplicable`. Times are printed in Vietnam's
time zone, in the words the forms use: "08 giờ 00 phút, ngày 09 tháng 03
năm 2026".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.onestop.dossiers.models import Dossier, DossierStatus, Handover, Timeliness
from egov.onestop.dossiers.printing.qr import qr_svg, tracking_url
from egov.platform.organisation.models import Unit, UnitKind
from egov.platform.organisation.selectors import ancestors
from egov.platform.workcalendar.deadlines import VN_TZ

# Administrative prefixes dropped from the place name ("Phường Long An" is
# dated "Long An, ngày ..."), Decree 30/2020/NĐ-CP, Appendix I.
_PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")


class NotApplicable(Exception):
    """The form does not apply to this dossier; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Letterhead:
    parent: str
    unit: str
    place_and_date: str


@dataclass(frozen=True)
class PrintedForm:
    number: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)


def local(moment: datetime) -> datetime:
    return moment.astimezone(VN_TZ)


def moment_text(moment: datetime | None) -> str:
    if moment is None:
        return ""
    at = local(moment)
    return _("%(hour)s giờ %(minute)s phút, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "hour": f"{at.hour:02d}",
        "minute": f"{at.minute:02d}",
        "day": f"{at.day:02d}",
        "month": f"{at.month:02d}",
        "year": at.year,
    }


def date_text(day: date) -> str:
    return _("ngày %(day)s tháng %(month)s năm %(year)s") % {
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}",
        "year": day.year,
    }


def short_moment(moment: datetime | None) -> str:
    """For table cells: 08:00 09/03/2026."""
    return local(moment).strftime("%H:%M %d/%m/%Y") if moment is not None else ""


def place_name(unit: Unit) -> str:
    """The administrative unit a document is dated from, without its prefix."""
    chain = [*ancestors(unit), unit]
    places = [u for u in chain if u.kind in (UnitKind.COMMUNE, UnitKind.PROVINCE)]
    name = places[-1].name if places else unit.name
    for prefix in _PLACE_PREFIXES:
        rest = name.removeprefix(prefix)
        # "Phường 1" keeps its prefix: a bare number names nothing.
        if rest != name and not rest.isdigit():
            return rest
    return name


def letterhead(unit: Unit, moment: datetime | None) -> Letterhead:
    on = local(moment).date() if moment is not None else None
    place = place_name(unit)
    return Letterhead(
        parent=unit.parent.name.upper() if unit.parent is not None else "",
        unit=unit.name.upper(),
        place_and_date=f"{place}, {date_text(on)}" if on is not None else place,
    )


def _duration(dossier: Dossier) -> str:
    procedure = dossier.procedure
    if procedure.processing_hours is not None:
        amount, unit = procedure.processing_hours, _("giờ làm việc")
    else:
        amount, unit = procedure.processing_days or Decimal(0), _("ngày làm việc")
    number = f"{amount.normalize():f}".replace(".", ",")
    return f"{number} {unit}"


def _people(dossier: Dossier) -> dict[str, Any]:
    """What every form says about the dossier and who applied."""
    return {
        "dossier": dossier,
        "code": dossier.code or _("(chưa cấp mã)"),
        "procedure_name": dossier.procedure.name,
        "received": moment_text(dossier.received_at),
        "appointment": moment_text(dossier.appointment_at),
        "receiver_name": dossier.received_by.display_name if dossier.received_by else "",
    }


def receipt(dossier: Dossier) -> PrintedForm:
    """01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""
    if not dossier.code or dossier.received_at is None or dossier.appointment_at is None:
        raise NotApplicable(
            _("Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận và hẹn trả kết quả.")
        )
    documents = list(dossier.documents.filter(received=True).order_by("pk"))
    url = tracking_url(dossier)
    return PrintedForm(
        number="01",
        template="printing/01_receipt.html",
        title=_("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        context={
            **_people(dossier),
            "letterhead": letterhead(dossier.receiving_unit, dossier.received_at),
            "documents": documents,
            "duration": _duration(dossier),
            "tracking_url": url,
            "qr": mark_safe(qr_svg(url)),  # noqa: S308 - segno's own SVG, no user markup
        },
    )


def supplement_request(dossier: Dossier) -> PrintedForm:
    """02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (the latest request)."""
    request = (
        dossier.supplements.select_related("requested_by").order_by("-requested_at", "-pk").first()
    )
    if request is None:
        raise NotApplicable(_("Hồ sơ không có yêu cầu bổ sung, hoàn thiện nào."))
    return PrintedForm(
        number="02",
        template="printing/02_supplement.html",
        title=_("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        context={
            **_people(dossier),
            "letterhead": letterhead(dossier.receiving_unit, request.requested_at),
            "request": request,
            "items": [str(item) for item in request.items],
            "requested": moment_text(request.requested_at),
            "submitted_on": date_text(local(dossier.received_at or dossier.created_at).date()),
        },
    )


def refusal(dossier: Dossier) -> PrintedForm:
    """03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""
    if dossier.status != DossierStatus.NOT_ACCEPTED:
        raise NotApplicable(_("Hồ sơ không bị từ chối tiếp nhận nên không có phiếu từ chối."))
    return PrintedForm(
        number="03",
        template="printing/03_refusal.html",
        title=_("Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        context={
            **_people(dossier),
            "letterhead": letterhead(dossier.receiving_unit, dossier.ended_at),
            "submitted_on": date_text(local(dossier.created_at).date()),
            "reason": dossier.outcome_reason,
        },
    )


def apology(dossier: Dossier) -> PrintedForm:
    """04: Phiếu xin lỗi và hẹn lại ngày trả kết quả (the latest apology)."""
    letter = dossier.apologies.select_related("issued_by").order_by("-issued_at", "-pk").first()
    if letter is None:
        raise NotApplicable(_("Hồ sơ chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả."))
    return PrintedForm(
        number="04",
        template="printing/04_apology.html",
        title=_("Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
        context={
            **_people(dossier),
            "letterhead": letterhead(dossier.agency, letter.issued_at),
            "letter": letter,
            "previous": moment_text(letter.previous_appointment_at),
            "new": moment_text(letter.new_appointment_at),
            "agency_name": dossier.agency.name,
        },
    )


def stop_notice(dossier: Dossier) -> PrintedForm:
    """05: Thông báo dừng giải quyết hồ sơ (status 8)."""
    if dossier.status != DossierStatus.STOPPED:
        raise NotApplicable(_("Hồ sơ không bị dừng xử lý nên không có thông báo dừng."))
    return PrintedForm(
        number="05",
        template="printing/05_stop.html",
        title=_("Thông báo dừng giải quyết hồ sơ"),
        context={
            **_people(dossier),
            "letterhead": letterhead(dossier.agency, dossier.ended_at),
            "stopped": moment_text(dossier.ended_at),
            "reason": dossier.outcome_reason,
            "agency_name": dossier.agency.name,
        },
    )


@dataclass(frozen=True)
class HandoverRow:
    number: int
    action: str
    from_step: str
    giver: str
    receiver_unit: str
    receiver: str
    at: str
    due: str
    result: str


_ACTIONS = {
    "accept": gettext_lazy("Tiếp nhận hồ sơ"),
    "forward": gettext_lazy("Chuyển xử lý"),
    "approve": gettext_lazy("Phê duyệt"),
    "supplement": gettext_lazy("Yêu cầu bổ sung"),
    "refuse": gettext_lazy("Từ chối giải quyết"),
    "return": gettext_lazy("Trả lại bước trước"),
    "deliver": gettext_lazy("Trả kết quả"),
}


def _action_label(handover: Handover) -> str:
    return str(_ACTIONS.get(handover.action, handover.action))


def handover_rows(dossier: Dossier) -> list[HandoverRow]:
    handovers = list(
        dossier.handovers.select_related(
            "from_step", "to_step", "from_user", "to_user", "to_unit"
        ).order_by("at", "pk")
    )
    rows = []
    for index, handover in enumerate(handovers):
        following = handovers[index + 1] if index + 1 < len(handovers) else None
        # Whoever acted on the next step is the one who received this hand-over.
        if handover.to_user is not None:
            receiver = handover.to_user.display_name
        elif handover.to_step_id is None:
            receiver = dossier.collected_by if handover.action == "deliver" else ""
        elif following is not None and following.from_user is not None:
            receiver = following.from_user.display_name
        else:
            receiver = ""
        result = Timeliness(handover.timeliness).label if handover.timeliness else ""
        rows.append(
            HandoverRow(
                number=index + 1,
                action=_action_label(handover),
                from_step=handover.from_step.name if handover.from_step else "",
                giver=handover.from_user.display_name if handover.from_user else "",
                receiver_unit=handover.to_unit.name if handover.to_unit else "",
                receiver=receiver,
                at=short_moment(handover.at),
                # A step's due time matters only where the step was judged.
                due=short_moment(handover.step_due_at) if handover.timeliness else "",
                result=str(result),
            )
        )
    return rows


def control_slip(dossier: Dossier) -> PrintedForm:
    """06: Phiếu kiểm soát quá trình giải quyết hồ sơ."""
    rows = handover_rows(dossier)
    if not rows:
        raise NotApplicable(_("Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát."))
    return PrintedForm(
        number="06",
        template="printing/06_control.html",
        title=_("Phiếu kiểm soát quá trình giải quyết hồ sơ"),
        context={
            **_people(dossier),
            "letterhead": letterhead(dossier.receiving_unit, dossier.received_at),
            "rows": rows,
            "status": DossierStatus(dossier.status).label,
            "ended": moment_text(dossier.ended_at),
            "timeliness": Timeliness(dossier.timeliness).label if dossier.timeliness else "",
        },
    )


BUILDERS: dict[str, Callable[[Dossier], PrintedForm]] = {
    "01": receipt,
    "02": supplement_request,
    "03": refusal,
    "04": apology,
    "05": stop_notice,
    "06": control_slip,
}
