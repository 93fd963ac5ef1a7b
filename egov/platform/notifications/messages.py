"""The words of a status-change notification and its e-mail.

Written in the site's language (Vietnamese) whatever language the officer
who made the change reads the site in: the text is stored and mailed as is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.printing.qr import tracking_url
from egov.onestop.procedures.templatetags.procedures_format import vnd

# Statuses whose reason (dossier.outcome_reason) the citizen must be told.
_WITH_REASON = (DossierStatus.NOT_ACCEPTED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED)


@dataclass(frozen=True)
class StatusMessage:
    title: str
    # The facts, shown in the notification list and quoted in the e-mail.
    body: str
    email_body: str


def _moment(value: datetime) -> str:
    local = timezone.localtime(value)
    return _("%(time)s ngày %(date)s") % {
        "time": local.strftime("%H:%M"),
        "date": local.strftime("%d/%m/%Y"),
    }


def _facts(dossier: Dossier, status: DossierStatus) -> list[str]:
    lines = [
        _("Thủ tục: %(procedure)s.") % {"procedure": dossier.procedure.name},
    ]
    if dossier.appointment_at is not None:
        lines.append(_("Ngày hẹn trả kết quả: %(at)s.") % {"at": _moment(dossier.appointment_at)})
    if status == DossierStatus.SUPPLEMENT:
        request = dossier.supplements.order_by("-requested_at", "-pk").first()
        if request is not None:
            lines.append(_("Giấy tờ cần bổ sung:"))
            lines.extend(f"- {item}" for item in request.items)
            if request.reason:
                lines.append(_("Lý do: %(reason)s") % {"reason": request.reason})
    if status == DossierStatus.FINANCIAL and dossier.payment_due_vnd:
        lines.append(_("Số tiền phải nộp: %(amount)s.") % {"amount": vnd(dossier.payment_due_vnd)})
    if status in _WITH_REASON and dossier.outcome_reason:
        lines.append(_("Lý do: %(reason)s") % {"reason": dossier.outcome_reason})
    return lines


def status_message(dossier: Dossier) -> StatusMessage:
    with translation.override(settings.LANGUAGE_CODE):
        status = DossierStatus(dossier.status)
        if dossier.code:
            title = _("Hồ sơ %(code)s đã chuyển sang trạng thái «%(status)s»") % {
                "code": dossier.code,
                "status": status.label,
            }
        else:
            # Before acceptance a dossier has no code yet.
            title = _("Hồ sơ của bạn đã chuyển sang trạng thái «%(status)s»") % {
                "status": status.label
            }
        body = "\n".join(_facts(dossier, status))
        email = [_("Kính gửi Ông/Bà %(name)s,") % {"name": dossier.applicant_name}, "", title + "."]
        email.append(body)
        if dossier.code:
            email += ["", _("Tra cứu hồ sơ: %(url)s") % {"url": tracking_url(dossier)}]
        email += [
            "",
            dossier.receiving_unit.name,
            _("Thư này được gửi tự động, vui lòng không trả lời."),
        ]
        return StatusMessage(title=title, body=body, email_body="\n".join(email))
