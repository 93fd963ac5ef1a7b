"""Every change to a petition: record, classify, forward or file, accept, assign, decide, close.

Law on Complaints 2011, Law on Denunciations 2018 and Circular
05/2021/TT-TTCP give the steps. Each service checks the actor, runs in one
durable transaction, locks the row, writes its history step and its audit
event (`voice.petition_*`) last. The audit details never carry a
petitioner's identity.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import AccountKind, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from egov.platform.organisation.models import Unit
from egov.voice.complaints import access, deadlines, petitioner, secondtime
from egov.voice.complaints.errors import ComplaintError
from egov.voice.complaints.models import (
    Channel,
    Handler,
    Kind,
    Petition,
    PetitionAttachment,
    PetitionStep,
    Status,
    StepKind,
)
from egov.voice.feedback.files import checked_attachments

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Letter:
    """What the petition says and who sent it."""

    kind: str
    petitioner_name: str
    respondent: str
    summary: str
    content: str
    request: str = ""
    petitioner_id_number: str = ""
    petitioner_address: str = ""
    petitioner_contact: str = ""


def _text(value: str, label: str, *, limit: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(
            ComplaintError.INVALID_FIELD,
            _("Cần nhập %(field)s.") % {"field": label},
            details={"field": label},
        )
    if len(text) > limit:
        raise InvalidInput(
            ComplaintError.INVALID_FIELD,
            _("%(field)s dài quá %(limit)s ký tự.") % {"field": label, "limit": limit},
            details={"field": label},
        )
    return text


def _checked(letter: Letter) -> Letter:
    if letter.kind not in Kind.values:
        raise InvalidInput(ComplaintError.INVALID_FIELD, _("Loại đơn không hợp lệ."))
    id_number = _text(letter.petitioner_id_number, _("số định danh"), limit=12, required=False)
    if id_number and not (id_number.isdigit() and len(id_number) in (9, 12)):
        raise InvalidInput(ComplaintError.INVALID_FIELD, _("Số định danh không đúng."))
    return Letter(
        kind=letter.kind,
        petitioner_name=_text(letter.petitioner_name, _("họ tên người gửi"), limit=150),
        respondent=_text(letter.respondent, _("người, cơ quan bị khiếu nại/tố cáo"), limit=300),
        summary=_text(letter.summary, _("tóm tắt nội dung"), limit=300),
        content=_text(letter.content, _("nội dung đơn"), limit=20000),
        request=_text(letter.request, _("yêu cầu"), limit=5000, required=False),
        petitioner_id_number=id_number,
        petitioner_address=_text(
            letter.petitioner_address, _("địa chỉ"), limit=300, required=False
        ),
        petitioner_contact=_text(
            letter.petitioner_contact, _("điện thoại, thư điện tử"), limit=254, required=False
        ),
    )


def _new_code() -> str:
    while True:
        code = "D" + "".join(secrets.choice(CODE_ALPHABET) for _i in range(9))
        if not Petition.objects.filter(code=code).exists():
            return code


def _denied() -> PermissionDenied:
    return PermissionDenied(
        ComplaintError.PERMISSION_DENIED, _("Bạn không có quyền thực hiện thao tác này.")
    )


def _state(petition: Petition, *allowed: str) -> None:
    if petition.status not in allowed:
        raise Conflict(
            ComplaintError.STATE_NOT_ALLOWED,
            _("Đơn đang ở trạng thái “%(status)s”, không thực hiện được thao tác này.")
            % {"status": petition.get_status_display()},
        )


def _locked(petition: Petition) -> Petition:
    try:
        return Petition.objects.select_for_update().get(pk=petition.pk)
    except Petition.DoesNotExist:
        raise NotFound(ComplaintError.NOT_FOUND, _("Không tìm thấy đơn.")) from None


def _log(
    petition: Petition,
    kind: StepKind,
    actor: User | None,
    details: dict[str, Any],
    *,
    note: str = "",
) -> None:
    PetitionStep.objects.create(
        petition=petition, kind=kind, actor=actor, note=note, created_at=timezone.now()
    )
    record_event(
        event_type=f"voice.petition_{kind.value}",
        actor=actor,
        target=petition,
        unit=petition.addressed_to,
        details={"code": petition.code, **details},
    )


def record_petition(
    *,
    actor: User,
    letter: Letter,
    addressed_to: Unit,
    channel: str,
    received_at: datetime | None = None,
    repeat_of: str = "",
    attachments: list[UploadedFile] | None = None,
    identifying: bool = True,
    first_instance: str = "",
    delay_reason: str = "",
) -> Petition:
    """Enter a petition in the body's register: by its staff, or online by a citizen's account.

    `first_instance`: the code of the first-time complaint a second-time one
    follows (secondtime.py); `delay_reason`: the obstacle staff accept for a
    second-time complaint made after art. 33's time (kept in the history).
    """
    online = actor.kind == AccountKind.CITIZEN
    if online:
        channel = Channel.ONLINE
        delay_reason = ""
    elif not has_role_over(actor, addressed_to, access.RECORDERS):
        raise _denied()
    if channel not in Channel.values:
        raise InvalidInput(ComplaintError.INVALID_FIELD, _("Nguồn đơn không hợp lệ."))
    letter = _checked(letter)
    now = timezone.now()
    received = received_at or now
    if received > now:
        raise InvalidInput(ComplaintError.INVALID_FIELD, _("Ngày nhận đơn ở tương lai."))
    first = None
    if repeat_of.strip():
        first = Petition.objects.filter(
            code=repeat_of.strip().upper(), addressed_to=addressed_to
        ).first()
        if first is None:
            raise InvalidInput(
                ComplaintError.INVALID_FIELD, _("Không tìm thấy đơn trùng nội dung trong sổ.")
            )
        # Always link to the first petition of the matter, so repeats form one group.
        first = first.repeat_of or first
    earlier = None
    if first_instance.strip():
        earlier = secondtime.first_instance(
            first_instance,
            kind=letter.kind,
            addressed_to=addressed_to,
            received=received,
            delay_reason=delay_reason,
        )
    files = checked_attachments(list(attachments or []))
    stored: list[PetitionAttachment] = []
    try:
        with transaction.atomic(durable=True):
            petition = _create(actor, letter, addressed_to, channel, received, first, online)
            if earlier is not None:
                petition.first_instance = earlier
                petition.accept_due = deadlines.accept_due(letter.kind, received, second_time=True)
                petition.save(update_fields=["first_instance", "accept_due"])
            for name, upload in files:
                # The signed letter or an ID copy identifies a denouncer: the
                # default is to protect the file (identity.py).
                row = PetitionAttachment(
                    petition=petition, name=name, identifies_petitioner=identifying
                )
                row.file.save(upload.name or "tep", upload, save=False)
                stored.append(row)
                row.save()
            _log(
                petition,
                StepKind.RECORDED,
                actor,
                {
                    "kind": petition.kind,
                    "repeat_of": first.code if first else "",
                    "first_instance": earlier.code if earlier else "",
                    "files": len(files),
                },
                # The reason may tell of the complainant's health: the history
                # (read by the body's staff) keeps it, the audit log does not.
                note=_("Lý do khiếu nại lần hai quá thời hạn: %(reason)s")
                % {"reason": delay_reason.strip()}
                if earlier is not None and delay_reason.strip()
                else "",
            )
    except BaseException:
        for row in stored:
            row.file.delete(save=False)
        raise
    return petition


def _create(
    actor: User,
    letter: Letter,
    addressed_to: Unit,
    channel: str,
    received: datetime,
    first: Petition | None,
    online: bool,
) -> Petition:
    return Petition.objects.create(
        code=_new_code(),
        kind=letter.kind,
        channel=channel,
        addressed_to=addressed_to,
        received_at=received,
        recorded_by=actor,
        account=actor if online else None,
        petitioner_name=letter.petitioner_name,
        petitioner_id_number=letter.petitioner_id_number,
        petitioner_address=letter.petitioner_address,
        petitioner_contact=letter.petitioner_contact,
        respondent=letter.respondent,
        summary=letter.summary,
        content=letter.content,
        request=letter.request,
        accept_due=deadlines.accept_due(letter.kind, received),
        repeat_of=first,
    )


def classify(
    *,
    actor: User,
    petition: Petition,
    kind: str,
    within_competence: bool,
    qualifying: bool,
    complicated: bool = False,
    remote_area: bool = False,
) -> Petition:
    """Circular 05/2021/TT-TTCP: what the petition is, whose it is, and whether it qualifies."""
    if not access.may_classify(actor, petition):
        raise _denied()
    if kind not in Kind.values:
        raise InvalidInput(ComplaintError.INVALID_FIELD, _("Loại đơn không hợp lệ."))
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.RECEIVED, Status.CLASSIFIED)
        if petition.second_time and kind != Kind.COMPLAINT:
            raise InvalidInput(
                ComplaintError.INVALID_FIELD, _("Đơn khiếu nại lần hai chỉ phân loại là khiếu nại.")
            )
        petition.kind = kind
        petition.within_competence = within_competence
        petition.qualifying = qualifying
        petition.complicated = complicated
        petition.remote_area = remote_area
        petition.status = Status.CLASSIFIED
        # The kind sets the acceptance clock, from the receipt.
        if petition.check_extended and kind == Kind.DENUNCIATION:
            petition.accept_due = deadlines.checking_due(petition.received_at)
        else:
            petition.accept_due = deadlines.accept_due(
                kind, petition.received_at, second_time=petition.second_time
            )
        petition.save()
        _log(
            petition,
            StepKind.CLASSIFIED,
            actor,
            {
                "kind": kind,
                "within_competence": within_competence,
                "qualifying": qualifying,
                "complicated": complicated,
                "remote_area": remote_area,
            },
        )
    return petition


def forward(*, actor: User, petition: Petition, to: str, reason: str = "") -> Petition:
    """Outside competence: send it to the competent body with the notice (phiếu chuyển đơn)."""
    if not access.may_decide(actor, petition):
        raise _denied()
    to = _text(to, _("cơ quan có thẩm quyền"), limit=300)
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.CLASSIFIED)
        if petition.within_competence:
            raise Conflict(
                ComplaintError.STATE_NOT_ALLOWED,
                _("Đơn thuộc thẩm quyền, không chuyển đơn."),
            )
        petition.status = Status.FORWARDED
        petition.forwarded_to = to
        petition.reason = _text(reason, _("lý do"), limit=2000, required=False)
        petition.closed_at = timezone.now()
        petition.save()
        _log(petition, StepKind.FORWARDED, actor, {"to": to})
        petitioner.forwarded(petition)
    return petition


def file_petition(*, actor: User, petition: Petition, reason: str) -> Petition:
    """Not qualifying (Circular 05/2021): kept in the file with the reason."""
    if not access.may_decide(actor, petition):
        raise _denied()
    reason = _text(reason, _("lý do"), limit=2000)
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.CLASSIFIED)
        petition.status = Status.FILED
        petition.reason = reason
        petition.closed_at = timezone.now()
        petition.save()
        _log(petition, StepKind.FILED, actor, {}, note=reason)
        petitioner.filed(petition)
    return petition


def accept(*, actor: User, petition: Petition, at: datetime | None = None) -> Petition:
    """Thụ lý: the settling clock starts (Complaints art. 27-28, Denunciations art. 24, 30)."""
    if not access.may_decide(actor, petition):
        raise _denied()
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.CLASSIFIED)
        if not (petition.within_competence and petition.qualifying):
            raise Conflict(
                ComplaintError.STATE_NOT_ALLOWED,
                _("Chỉ thụ lý đơn thuộc thẩm quyền và đủ điều kiện."),
            )
        accepted = at or timezone.now()
        petition.status = Status.ACCEPTED
        petition.accepted_at = accepted
        petition.settle_due = deadlines.settle_due(
            petition.kind,
            accepted,
            complicated=petition.complicated,
            remote_area=petition.remote_area,
            second_time=petition.second_time,
        )
        petition.save()
        _log(petition, StepKind.ACCEPTED, actor, {})
        petitioner.accepted(petition)
    return petition


def extend_check(*, actor: User, petition: Petition, reason: str) -> Petition:
    """Law on Denunciations 2018 art. 24(1): checking at several places, up to 10 working days."""
    if not access.may_decide(actor, petition):
        raise _denied()
    reason = _text(reason, _("lý do"), limit=2000)
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.RECEIVED, Status.CLASSIFIED)
        if petition.kind != Kind.DENUNCIATION or petition.check_extended:
            raise Conflict(
                ComplaintError.NO_MORE_EXTENSIONS,
                _("Chỉ kéo dài kiểm tra điều kiện thụ lý tố cáo, và một lần."),
            )
        petition.accept_due = deadlines.checking_due(petition.received_at)
        petition.check_extended = True
        petition.save()
        _log(petition, StepKind.CHECK_EXTENDED, actor, {}, note=reason)
    return petition


def assign(*, actor: User, petition: Petition, users: list[User], lead: User) -> Petition:
    """The handlers (người được giao xác minh): the only ones to see a denouncer."""
    if not access.may_decide(actor, petition):
        raise _denied()
    if lead not in users:
        users = [lead, *users]
    for user in users:
        if user.kind != AccountKind.STAFF or not access.may_see(user, petition):
            raise InvalidInput(
                ComplaintError.INVALID_FIELD,
                _("Chỉ phân công cán bộ của cơ quan nhận đơn."),
            )
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.ACCEPTED, Status.INVESTIGATING)
        now = timezone.now()
        for user in users:
            Handler.objects.update_or_create(
                petition=petition,
                user=user,
                defaults={"lead": user == lead, "assigned_by": actor, "assigned_at": now},
            )
        petition.status = Status.INVESTIGATING
        petition.save()
        _log(
            petition,
            StepKind.ASSIGNED,
            actor,
            {"handlers": sorted(u.pk for u in users), "lead": lead.pk},
        )
    return petition


def add_finding(*, actor: User, petition: Petition, text: str) -> Petition:
    if not access.is_handler(actor, petition):
        raise PermissionDenied(
            ComplaintError.NOT_A_HANDLER, _("Bạn không được phân công xử lý đơn này.")
        )
    text = _text(text, _("kết quả xác minh"), limit=10000)
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.INVESTIGATING)
        _log(petition, StepKind.FINDING, actor, {}, note=text)
    return petition


def extend(*, actor: User, petition: Petition, reason: str) -> Petition:
    """Law on Denunciations 2018 art. 30: extend the settling time by 30 days, once or twice."""
    if not access.may_decide(actor, petition):
        raise _denied()
    reason = _text(reason, _("lý do gia hạn"), limit=2000)
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.ACCEPTED, Status.INVESTIGATING)
        limit = deadlines.max_extensions(petition.kind, complicated=petition.complicated)
        if petition.extensions >= limit or petition.settle_due is None:
            raise Conflict(
                ComplaintError.NO_MORE_EXTENSIONS,
                _("Đã hết số lần gia hạn luật cho phép (%(limit)s).") % {"limit": limit},
            )
        petition.settle_due = deadlines.add(
            deadlines.Clock.DENUNCIATION_EXTENSION, petition.settle_due
        )
        petition.extensions += 1
        petition.save()
        _log(petition, StepKind.EXTENDED, actor, {"extensions": petition.extensions}, note=reason)
    return petition


def decide(*, actor: User, petition: Petition, number: str, text: str) -> Petition:
    """The decision on a complaint or the conclusion on a denunciation."""
    if not access.may_decide(actor, petition):
        raise _denied()
    number = _text(number, _("số quyết định/kết luận"), limit=60)
    text = _text(text, _("nội dung quyết định/kết luận"), limit=20000)
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.INVESTIGATING, Status.ACCEPTED)
        petition.status = Status.DECIDED
        petition.decision_number = number
        petition.decision = text
        petition.decided_at = timezone.now()
        petition.save()
        _log(petition, StepKind.DECIDED, actor, {"number": number})
        petitioner.decided(petition)
    return petition


def close(*, actor: User, petition: Petition, note: str = "") -> Petition:
    if not access.may_decide(actor, petition):
        raise _denied()
    note = _text(note, _("ghi chú"), limit=2000, required=False)
    with transaction.atomic(durable=True):
        petition = _locked(petition)
        _state(petition, Status.DECIDED)
        petition.status = Status.CLOSED
        petition.closed_at = timezone.now()
        petition.save()
        _log(petition, StepKind.CLOSED, actor, {}, note=note)
    return petition


def is_late(petition: Petition, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    accepted = petition.accepted_at
    if petition.status in (Status.RECEIVED, Status.CLASSIFIED) and now > petition.accept_due:
        return True
    if accepted is not None and accepted > petition.accept_due:
        return True
    if petition.settle_due is None:
        return False
    settled = petition.decided_at or now
    return settled > petition.settle_due
