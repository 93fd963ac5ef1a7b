"""Reads of the exchange: the clerk's queue of received documents, the sender's timeline."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.office.documents.errors import OfficeError
from egov.office.documents.models import OutgoingDocument, OutgoingRecipient, RecipientKind
from egov.office.exchange.edxml.model import StatusCode
from egov.office.exchange.models import (
    OutboundMessage,
    ReceivedDocument,
    ReceivedState,
    StatusEntry,
)
from egov.platform.accounts.models import Membership, Role, User
from egov.platform.core.errors import NotFound

# Lazy: the labels are read per request, in the language of the request.
STATUS_LABELS = {
    StatusCode.ARRIVED: gettext_lazy("01 Đã đến"),
    StatusCode.REFUSED: gettext_lazy("02 Từ chối tiếp nhận"),
    StatusCode.ACCEPTED: gettext_lazy("03 Đã vào sổ"),
    StatusCode.ASSIGNED: gettext_lazy("04 Đã phân công"),
    StatusCode.PROCESSING: gettext_lazy("05 Đang xử lý"),
    StatusCode.COMPLETED: gettext_lazy("06 Hoàn thành"),
    StatusCode.RECALL_REQUESTED: gettext_lazy("13 Đề nghị thu hồi"),
    StatusCode.RECALL_ACCEPTED: gettext_lazy("15 Đồng ý thu hồi, cập nhật"),
    StatusCode.RECALL_REFUSED: gettext_lazy("16 Từ chối thu hồi, cập nhật"),
}


def received_for_clerk(user: User) -> QuerySet[ReceivedDocument]:
    """The received documents of the bodies `user` is a clerk of (or under them)."""
    documents = ReceivedDocument.objects.select_related("body", "incoming")
    if not user.is_active or not user.is_authenticated:
        return documents.none()
    if user.is_superuser:
        return documents
    paths = list(
        Membership.objects.filter(user=user, unit__is_active=True, role=Role.CLERK)
        .values_list("unit__path", flat=True)
        .distinct()
    )
    if not paths:
        return documents.none()
    where = Q()
    for path in paths:
        where |= Q(body__path__startswith=path)
    return documents.filter(where)


def waiting_for_clerk(user: User) -> QuerySet[ReceivedDocument]:
    return (
        received_for_clerk(user).filter(state=ReceivedState.WAITING).order_by("received_at", "pk")
    )


def received_for_user(user: User, pk: int) -> ReceivedDocument:
    received = received_for_clerk(user).filter(pk=pk).first()
    if received is None:
        raise NotFound(OfficeError.DOCUMENT_NOT_FOUND, _("Không tìm thấy văn bản."))
    return received


@dataclass(frozen=True)
class RecipientTimeline:
    recipient: OutgoingRecipient
    statuses: list[StatusEntry]
    messages: list[OutboundMessage]

    @property
    def last_fault(self) -> str:
        for message in reversed(self.messages):
            if message.last_error:
                return message.last_error
        return ""


def timelines(document: OutgoingDocument) -> list[RecipientTimeline]:
    """Per exchange recipient: the statuses it sent back, in arrival order, and the sends."""
    recipients = list(
        document.recipients.filter(kind=RecipientKind.EXCHANGE)
        .prefetch_related("exchange_statuses", "exchange_messages")
        .order_by("pk")
    )
    return [
        RecipientTimeline(
            recipient=r,
            statuses=sorted(r.exchange_statuses.all(), key=lambda s: (s.received_at, s.pk)),
            messages=sorted(r.exchange_messages.all(), key=lambda m: m.pk),
        )
        for r in recipients
    ]


def status_label(code: str) -> str:
    try:
        return str(STATUS_LABELS[StatusCode(code)])
    except ValueError:
        return code
