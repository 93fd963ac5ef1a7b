"""Telling the sender what became of their feedback (the platform's notify(), in the transaction).

An account gets an entry in its list and an e-mail to its address; an
anonymous sender gets the e-mail only, at the address they typed (a phone
number alone gets nothing: SMS is paid for, and the code shown on sending
lets them follow it on the page).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from egov.platform.accounts.models import User
from egov.platform.notifications.models import NotificationKind
from egov.platform.notifications.services import Message, notify
from egov.voice.feedback import tokens
from egov.voice.feedback.models import Feedback


def _tell(feedback: Feedback, *, title: str, body: str, event: str) -> None:
    account = feedback.account
    address = feedback.sender_email or (account.email if account is not None else "")
    if account is None and not address:
        return
    notify(
        kind=NotificationKind.VOICE_FEEDBACK,
        recipient=account,
        address=address,
        message=Message(title=title, body=body, email_body=body),
        dedupe_key=f"voice:feedback:{feedback.pk}:{event}",
        link=reverse("voice:follow", kwargs={"code": feedback.code}),
    )


def received(feedback: Feedback) -> None:
    _tell(
        feedback,
        title=_("Đã nhận phản ánh, kiến nghị"),
        body=_("Phản ánh «%(title)s» đã được tiếp nhận, mã tra cứu %(code)s.")
        % {"title": feedback.title, "code": feedback.code},
        event="received",
    )


def refused(feedback: Feedback) -> None:
    _tell(
        feedback,
        title=_("Phản ánh, kiến nghị không được tiếp nhận"),
        body=_("Phản ánh «%(title)s» (mã %(code)s) không được tiếp nhận. Lý do: %(reason)s")
        % {"title": feedback.title, "code": feedback.code, "reason": feedback.refusal_reason},
        event="refused",
    )


def rating_link(feedback: Feedback) -> str:
    """The anonymous sender's secret rating link, absolute (it goes out by e-mail)."""
    path = reverse(
        "voice:rate_anonymous",
        kwargs={"code": feedback.code, "token": tokens.rating_token(feedback)},
    )
    return f"{settings.PUBLIC_URL}{path}"


def answered(feedback: Feedback) -> None:
    body = _("Trả lời phản ánh «%(title)s» (mã %(code)s): %(answer)s") % {
        "title": feedback.title,
        "code": feedback.code,
        "answer": feedback.answer,
    }
    if feedback.account is None:
        body += "\n\n" + _("Đánh giá trả lời tại: %(link)s") % {"link": rating_link(feedback)}
    _tell(feedback, title=_("Đã có trả lời phản ánh, kiến nghị"), body=body, event="answered")


def to_staff(feedback: Feedback, people: list[User], *, title: str, event: str) -> None:
    body = _("Phản ánh %(code)s: %(title)s") % {"code": feedback.code, "title": feedback.title}
    for person in people:
        notify(
            kind=NotificationKind.VOICE_FEEDBACK,
            recipient=person,
            address="",
            message=Message(title=title, body=body, email_body=body),
            dedupe_key=f"voice:feedback:{feedback.pk}:{event}:{person.pk}",
            link=reverse("voice:detail", kwargs={"pk": feedback.pk}),
        )
