"""Telling people a document came to them (the platform's notify(), in the changing transaction)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from egov.office.documents.models import IncomingDocument
from egov.platform.accounts.models import User
from egov.platform.notifications.models import NotificationKind
from egov.platform.notifications.services import Message, notify


def _facts(document: IncomingDocument) -> str:
    return _("Văn bản số %(notation)s của %(sender)s: %(summary)s") % {
        "notation": document.notation,
        "sender": document.sender,
        "summary": document.summary,
    }


def tell(document: IncomingDocument, recipient: User, *, title: str, event: str) -> None:
    body = _facts(document)
    notify(
        kind=NotificationKind.OFFICE_DOCUMENT,
        recipient=recipient,
        address="",
        message=Message(title=title, body=body, email_body=body),
        dedupe_key=f"office:incoming:{document.pk}:{event}:{recipient.pk}",
        link=reverse("office:incoming-detail", kwargs={"pk": document.pk}),
    )


def presented(document: IncomingDocument) -> None:
    tell(document, document.leader, title=_("Văn bản đến chờ phân công"), event="presented")


def handed(document: IncomingDocument, recipients: list[User], *, event: str) -> None:
    for recipient in recipients:
        tell(document, recipient, title=_("Văn bản đến cần xử lý"), event=event)
