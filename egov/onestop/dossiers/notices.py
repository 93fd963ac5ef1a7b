"""Telling the applicant that their dossier moved to another status.

Issue 4, item 6: every status change gives the applicant an entry in their
list on the site (if they have an account) and an e-mail (if they gave an
address). This module subscribes to `DossierStatusChanged` in the changing
transaction and hands the words to the platform's `notify()`, which queues
the entry and the e-mail with the change; the worker sends the e-mail.

The words are written in the site's language (Vietnamese) whatever language
the officer who made the change reads the site in: the text is stored and
mailed as is.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.onestop.dossiers.models import Dossier, DossierStatus
from egov.onestop.dossiers.printing.qr import tracking_url
from egov.onestop.events import DossierStatusChanged
from egov.onestop.procedures.templatetags.procedures_format import vnd
from egov.platform.accounts.models import User
from egov.platform.core.events import Moment, subscribe
from egov.platform.notifications.models import NotificationKind
from egov.platform.notifications.services import Message, notify

# Statuses whose reason (dossier.outcome_reason) the citizen must be told.
_WITH_REASON = (DossierStatus.NOT_ACCEPTED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED)


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


def status_message(dossier: Dossier) -> Message:
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
        if not dossier.code and dossier.tracking_reference:
            # Before the code: the tracking reference and the secret to
            # follow the dossier from now on (issue 17 item 10).
            email += [
                "",
                _("Mã theo dõi hồ sơ: %(reference)s. Mã tra cứu: %(secret)s.")
                % {"reference": dossier.tracking_reference, "secret": dossier.tracking_secret},
            ]
        if dossier.code or dossier.tracking_reference:
            email += ["", _("Tra cứu hồ sơ: %(url)s") % {"url": tracking_url(dossier)}]
        email += [
            "",
            dossier.receiving_unit.name,
            _("Thư này được gửi tự động, vui lòng không trả lời."),
        ]
        return Message(title=title, body=body, email_body="\n".join(email))


def tell_applicant(changed: DossierStatusChanged) -> None:
    """The applicant's entry and e-mail for one status change of their dossier."""
    dossier = changed.dossier
    account: User | None = dossier.applicant_user if dossier.applicant_user_id else None
    address = (account.email if account is not None else "") or dossier.applicant_email
    if account is None and not address:
        return  # nobody to tell (a desk applicant who gave no e-mail)
    notify(
        kind=NotificationKind.DOSSIER_STATUS,
        recipient=account,
        address=address,
        message=status_message(dossier),
        dedupe_key=f"{dossier.pk}:{int(dossier.status)}:{changed.audit_event_id}",
        link=reverse("portal:dossier", args=[dossier.pk]) if account is not None else "",
    )


def connect() -> None:
    subscribe(DossierStatusChanged, tell_applicant, moment=Moment.IN_TRANSACTION)
