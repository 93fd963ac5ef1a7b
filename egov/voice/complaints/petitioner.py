"""Telling the petitioner what became of their petition: accepted, not accepted, forwarded, decided.

Called by the services inside their transaction (the platform's `notify()`):
the entry and the outbox row commit with the change, and the worker sends
the e-mail only after the commit, never on a rollback.

Who is told, and how:
- an account that sent the petition online gets an entry in its list and an
  e-mail to its address;
- a petitioner at the desk or by post gets an e-mail when the contact they
  gave is an e-mail address (a phone number alone gets nothing: SMS is paid
  for, as for feedback; the printed notice still goes by post);
- a denouncer is told in their account's list only, never by e-mail: the
  outbox and its admin page keep the recipient's address beside the subject,
  and the Law on Denunciations 2018 art. 47 keeps the denouncer's identity to
  the people handling the case. An anonymous denunciation tells nobody.

The texts carry the petition's number, the step and the date, never a name
(the notices of Circular 05/2021/TT-TTCP are printed from the petition page).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.notifications.models import NotificationKind
from egov.platform.notifications.services import Message, notify
from egov.voice.complaints.models import Kind, Petition


def _email(petition: Petition) -> str:
    if petition.kind == Kind.DENUNCIATION:
        return ""
    if petition.account is not None and petition.account.email:
        return petition.account.email
    contact = petition.petitioner_contact.strip()
    try:
        validate_email(contact)
    except ValidationError:
        return ""
    return contact


def _tell(petition: Petition, *, event: str, title: str, body: str) -> None:
    address = _email(petition)
    if petition.account is None and not address:
        return
    notify(
        kind=NotificationKind.VOICE_PETITION,
        recipient=petition.account,
        address=address,
        message=Message(title=title, body=body, email_body=body),
        dedupe_key=f"voice:petition:{petition.pk}:petitioner:{event}",
        link=reverse("complaints:mine") if petition.account is not None else "",
    )


def _day(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def accepted(petition: Petition) -> None:
    body = _("Đơn số %(code)s (%(kind)s) đã được thụ lý ngày %(day)s; hạn giải quyết %(due)s.") % {
        "code": petition.code,
        "kind": petition.get_kind_display().lower(),
        "day": _day(petition.accepted_at),
        "due": _day(petition.settle_due),
    }
    _tell(petition, event="accepted", title=_("Thông báo thụ lý đơn"), body=body)


def filed(petition: Petition) -> None:
    body = _("Đơn số %(code)s không được thụ lý. Lý do: %(reason)s") % {
        "code": petition.code,
        "reason": petition.reason,
    }
    _tell(petition, event="filed", title=_("Thông báo không thụ lý đơn"), body=body)


def forwarded(petition: Petition) -> None:
    body = _(
        "Đơn số %(code)s không thuộc thẩm quyền giải quyết của %(body)s "
        "và đã được chuyển đến %(to)s."
    ) % {"code": petition.code, "body": petition.addressed_to.name, "to": petition.forwarded_to}
    _tell(petition, event="forwarded", title=_("Thông báo chuyển đơn"), body=body)


def decided(petition: Petition) -> None:
    if petition.kind == Kind.DENUNCIATION:
        title = _("Thông báo kết luận nội dung tố cáo")
        body = _("Tố cáo theo đơn số %(code)s đã có kết luận số %(number)s ngày %(day)s.")
    elif petition.kind == Kind.COMPLAINT:
        title = _("Thông báo quyết định giải quyết khiếu nại")
        body = _("Khiếu nại theo đơn số %(code)s đã có quyết định số %(number)s ngày %(day)s.")
    else:
        title = _("Thông báo kết quả xử lý đơn")
        body = _("Đơn số %(code)s đã có văn bản trả lời số %(number)s ngày %(day)s.")
    body %= {
        "code": petition.code,
        "number": petition.decision_number,
        "day": _day(petition.decided_at),
    }
    _tell(petition, event="decided", title=title, body=body)
