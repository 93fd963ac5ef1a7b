"""Registering an incoming document (vào sổ văn bản đến), Decree 30/2020/NĐ-CP art. 22.

The clerk checks the document, the system warns of a duplicate (same
sender, number and symbol, and date: art. 21 and Appendix VI), and the
document gets the next arrival number of the body's incoming register for
the year (one series for paper and electronic, art. 22(1)), then goes to
the leader the same day (art. 24).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.office.documents import notices
from egov.office.documents.errors import OfficeError
from egov.office.documents.events import IncomingRegistered
from egov.office.documents.files import checked_attachment, checked_pdf
from egov.office.documents.models import (
    ActionKind,
    Channel,
    Direction,
    DocumentType,
    IncomingAttachment,
    IncomingDocument,
    Secrecy,
    Urgency,
)
from egov.office.documents.numbering import take_number
from egov.office.documents.selectors import leaders_of
from egov.office.documents.services.common import audit, history, required_text
from egov.office.documents.services.registers import register_for
from egov.office.documents.signing import ATTACHMENT_CHECK, INCOMING_CHECK
from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import Role, User
from egov.platform.core.errors import Conflict, InvalidInput, PermissionDenied
from egov.platform.core.events import publish
from egov.platform.organisation.models import Unit
from egov.platform.signatures.checks import request_check


@dataclass(frozen=True)
class Arrival:
    """What the clerk reads off the document and its envelope."""

    channel: str
    arrived_at: datetime
    sender: str
    notation: str
    issued_on: date
    document_type: DocumentType
    summary: str
    urgency: str = Urgency.NORMAL
    secrecy: str = Secrecy.NONE
    pages: int = 1


def duplicates(
    body: Unit, *, sender: str, notation: str, issued_on: date
) -> QuerySet[IncomingDocument]:
    """Documents the body already registered with the same sender, number and symbol, and date."""
    return IncomingDocument.objects.filter(
        body=body,
        sender__iexact=" ".join(sender.split()),
        notation__iexact="".join(notation.split()),
        issued_on=issued_on,
    ).order_by("pk")


def _checked(arrival: Arrival) -> Arrival:
    if arrival.channel not in Channel.values:
        raise InvalidInput(OfficeError.INVALID_FIELD, _("Hình thức nhận không hợp lệ."))
    if arrival.urgency not in Urgency.values:
        raise InvalidInput(OfficeError.INVALID_FIELD, _("Độ khẩn không hợp lệ."))
    if arrival.secrecy not in Secrecy.values:
        raise InvalidInput(OfficeError.INVALID_FIELD, _("Độ mật không hợp lệ."))
    if not 1 <= arrival.pages <= 10000:
        raise InvalidInput(OfficeError.INVALID_FIELD, _("Số trang phải từ 1 đến 10.000."))
    if timezone.is_naive(arrival.arrived_at):
        raise InvalidInput(OfficeError.INVALID_FIELD, _("Thời gian đến phải có múi giờ."))
    arrived_on = timezone.localtime(arrival.arrived_at).date()
    if arrival.issued_on > arrived_on:
        raise InvalidInput(
            OfficeError.INVALID_FIELD, _("Ngày văn bản không được sau ngày văn bản đến.")
        )
    if arrival.arrived_at > timezone.now() + timedelta(minutes=5):
        raise InvalidInput(OfficeError.INVALID_FIELD, _("Thời gian đến không được ở tương lai."))
    return Arrival(
        channel=arrival.channel,
        arrived_at=arrival.arrived_at,
        sender=required_text(arrival.sender, _("cơ quan ban hành"), limit=255),
        notation="".join(required_text(arrival.notation, _("số, ký hiệu"), limit=60).split()),
        issued_on=arrival.issued_on,
        document_type=arrival.document_type,
        summary=required_text(arrival.summary, _("trích yếu"), limit=2000),
        urgency=arrival.urgency,
        secrecy=arrival.secrecy,
        pages=arrival.pages,
    )


def _leader(body: Unit, leader: User | None) -> User:
    if leader is None:
        found = leaders_of(body).first()
        if found is None:
            raise InvalidInput(
                OfficeError.NO_LEADER, _("Cơ quan chưa có lãnh đạo để trình văn bản.")
            )
        return found
    if not leader.is_active or not has_role_over(leader, body, [Role.LEADER]):
        raise InvalidInput(
            OfficeError.LEADER_NOT_ELIGIBLE,
            _("Người được chọn không phải lãnh đạo của cơ quan nhận văn bản."),
        )
    return leader


def register_incoming(
    *,
    actor: User,
    body: Unit,
    arrival: Arrival,
    file: UploadedFile | None,
    attachments: Sequence[UploadedFile] = (),
    leader: User | None = None,
    confirm_duplicate: bool = False,
) -> IncomingDocument:
    """Register a received document and present it to the leader.

    A possible duplicate is refused with its arrival numbers unless the
    clerk confirms it (`confirm_duplicate`): the same letter may really come
    twice, for example a paper copy after the electronic one.
    """
    if not has_role_over(actor, body, [Role.CLERK]):
        raise PermissionDenied(
            OfficeError.PERMISSION_DENIED, _("Chỉ văn thư của cơ quan mới được vào sổ văn bản đến.")
        )
    arrival = _checked(arrival)
    presented_to = _leader(body, leader)
    main_file = checked_pdf(file)
    extra = [checked_attachment(upload) for upload in attachments]
    same = list(
        duplicates(
            body, sender=arrival.sender, notation=arrival.notation, issued_on=arrival.issued_on
        ).values("pk", "arrival_number", "arrived_at")
    )
    if same and not confirm_duplicate:
        raise Conflict(
            OfficeError.POSSIBLE_DUPLICATE,
            _(
                "Văn bản này có thể đã được vào sổ (cùng cơ quan ban hành, số, ký hiệu và ngày): "
                "số đến %(numbers)s. Kiểm tra lại và xác nhận nếu vẫn vào sổ."
            )
            % {"numbers": ", ".join(str(row["arrival_number"]) for row in same)},
            details={"duplicates": [row["pk"] for row in same]},
        )
    stored: list[IncomingAttachment | IncomingDocument] = []
    try:
        with transaction.atomic(durable=True):
            document = _create(actor, body, arrival, presented_to, main_file, extra, stored)
    except BaseException:
        # The rows rolled back; the files written by the storage did not.
        for row in stored:
            if row.file.name:
                row.file.storage.delete(row.file.name)
        raise
    return document


def _create(
    actor: User,
    body: Unit,
    arrival: Arrival,
    leader: User,
    main_file: UploadedFile,
    extra: list[tuple[str, UploadedFile]],
    stored: list[IncomingAttachment | IncomingDocument],
) -> IncomingDocument:
    register = register_for(
        body=body,
        year=timezone.localtime(arrival.arrived_at).year,
        direction=Direction.INCOMING,
        confidential=arrival.secrecy != Secrecy.NONE,
    )
    number = take_number(register)
    document = IncomingDocument(
        body=body,
        register=register,
        arrival_number=number,
        arrived_at=arrival.arrived_at,
        channel=arrival.channel,
        sender=arrival.sender,
        notation=arrival.notation,
        issued_on=arrival.issued_on,
        document_type=arrival.document_type,
        summary=arrival.summary,
        urgency=arrival.urgency,
        secrecy=arrival.secrecy,
        pages=arrival.pages,
        registered_by=actor,
        leader=leader,
    )
    document.file.save(main_file.name or "van-ban.pdf", main_file, save=False)
    stored.append(document)
    document.save()
    for name, upload in extra:
        attachment = IncomingAttachment(document=document, name=name)
        attachment.file.save(upload.name or "tep", upload, save=False)
        stored.append(attachment)
        attachment.save()
        if attachment.file.name.endswith(".pdf"):
            request_check(
                purpose=ATTACHMENT_CHECK, object_pk=attachment.pk, file_name=attachment.file.name
            )
    # Its signatures are validated in the background; the verdict shows
    # beside the file and counts in the statistics (issue 12, point 4).
    request_check(purpose=INCOMING_CHECK, object_pk=document.pk, file_name=document.file.name)
    history(document, actor, ActionKind.REGISTERED, note=leader.display_name)
    notices.presented(document)
    publish(IncomingRegistered(document=document))
    audit(
        document,
        actor,
        "registered",
        {"register": register.pk, "leader": leader.pk, "notation": document.notation},
    )
    return document


def receive_issued(
    *,
    clerk: User,
    body: Unit,
    arrival: Arrival,
    file: UploadedFile,
    stored: list[IncomingAttachment | IncomingDocument],
    attachments: Sequence[UploadedFile] = (),
    leader: User | None = None,
) -> IncomingDocument:
    """A document issued inside the deployment, registered in `body`'s incoming register.

    Runs inside the issuing transaction (outgoing.issue_outgoing), which locked
    the incoming register before its own outgoing one, or the transaction in
    which the clerk registers a document received through the exchange
    (egov/office/exchange/intake.py); `stored` collects the files written, for
    the caller to remove if that transaction rolls back.
    """
    extra = [checked_attachment(upload) for upload in attachments]
    return _create(clerk, body, _checked(arrival), _leader(body, leader), file, extra, stored)
