"""Every change to feedback: sending, classifying, answering, approving, publishing, rating.

Decree 20/2008/NĐ-CP (as amended by Decree 92/2017/NĐ-CP): feedback is
received, classified (accepted and routed to the competent unit, or
refused with the reason), answered by that unit, and the answer is sent to
the sender and published. Each service runs in one durable transaction,
locks the row, writes its history step and its audit event, and tells the
people concerned through notify() in the same transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.platform.accounts.access import has_role_over
from egov.platform.accounts.models import AccountKind, User
from egov.platform.audit.services import record_event
from egov.platform.core.errors import InvalidInput, NotFound, PermissionDenied
from egov.platform.core.events import publish
from egov.platform.organisation.models import Unit
from egov.voice.feedback import access, followups, notices, tokens
from egov.voice.feedback.deadlines import Step, deadline
from egov.voice.feedback.errors import FeedbackError
from egov.voice.feedback.events import FeedbackChanged
from egov.voice.feedback.files import checked_attachments
from egov.voice.feedback.limits import count_sending
from egov.voice.feedback.models import (
    Channel,
    Feedback,
    FeedbackAttachment,
    FeedbackStep,
    Rating,
    Status,
    StepKind,
    Subject,
    Topic,
)
from egov.voice.feedback.privacy import remove_personal_data

# No 0/O, 1/I: the code is read out on the phone and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


@dataclass(frozen=True)
class Submission:
    """What the sender writes; the sender's details are needed when no account sends it."""

    subject: str
    title: str
    content: str
    topic: Topic | None = None
    procedure_code: str = ""
    procedure_name: str = ""
    dossier_code: str = ""
    sender_name: str = ""
    sender_phone: str = ""
    sender_email: str = ""
    sender_address: str = ""
    place: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    media_url: str = ""


def _text(value: str, label: str, *, limit: int, required: bool = True) -> str:
    # Kept as typed (line breaks too); the templates escape it, so HTML shows as text.
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(
            FeedbackError.INVALID_FIELD,
            _("Cần nhập %(field)s.") % {"field": label},
            details={"field": label},
        )
    if len(text) > limit:
        raise InvalidInput(
            FeedbackError.INVALID_FIELD,
            _("%(field)s dài quá %(limit)s ký tự.") % {"field": label, "limit": limit},
            details={"field": label},
        )
    return text


def _checked(submission: Submission, account: User | None) -> Submission:
    if submission.subject not in Subject.values:
        raise InvalidInput(FeedbackError.INVALID_FIELD, _("Nội dung phản ánh về không hợp lệ."))
    name = _text(submission.sender_name, _("họ tên"), limit=150, required=account is None)
    phone = "".join(
        _text(submission.sender_phone, _("điện thoại"), limit=20, required=False).split()
    )
    email = _text(submission.sender_email, _("thư điện tử"), limit=254, required=False)
    if phone and not (phone.lstrip("+").isdigit() and 9 <= len(phone) <= 13):
        raise InvalidInput(FeedbackError.INVALID_FIELD, _("Số điện thoại không đúng."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidInput(
                FeedbackError.INVALID_FIELD, _("Địa chỉ thư điện tử không đúng.")
            ) from None
    if account is None and not (phone or email):
        raise InvalidInput(
            FeedbackError.CONTACT_REQUIRED,
            _("Cần để lại số điện thoại hoặc thư điện tử để nhận trả lời."),
        )
    lat, lon = submission.latitude, submission.longitude
    if (lat is None) != (lon is None):
        raise InvalidInput(FeedbackError.INVALID_FIELD, _("Cần cả vĩ độ và kinh độ."))
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidInput(FeedbackError.INVALID_FIELD, _("Tọa độ không hợp lệ."))
    media_url = _text(submission.media_url, _("đường dẫn ảnh"), limit=500, required=False)
    if media_url:
        try:
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            raise InvalidInput(
                FeedbackError.INVALID_FIELD, _("Đường dẫn ảnh không hợp lệ.")
            ) from None
    if submission.topic is not None and not submission.topic.is_active:
        raise InvalidInput(FeedbackError.INVALID_FIELD, _("Lĩnh vực không còn dùng."))
    return Submission(
        subject=submission.subject,
        title=_text(submission.title, _("tiêu đề"), limit=200),
        content=_text(submission.content, _("nội dung"), limit=10000),
        topic=submission.topic,
        procedure_code=_text(submission.procedure_code, _("mã thủ tục"), limit=40, required=False),
        procedure_name=_text(
            submission.procedure_name, _("tên thủ tục"), limit=300, required=False
        ),
        # Codes are printed in capitals on the receipt; typed in any case.
        dossier_code="".join(
            _text(submission.dossier_code, _("mã hồ sơ"), limit=64, required=False).split()
        ).upper(),
        sender_name=name or (account.display_name if account is not None else ""),
        sender_phone=phone,
        sender_email=email,
        sender_address=_text(submission.sender_address, _("địa chỉ"), limit=300, required=False),
        place=_text(submission.place, _("địa điểm"), limit=300, required=False),
        latitude=lat.quantize(Decimal("0.000001")) if lat is not None else None,
        longitude=lon.quantize(Decimal("0.000001")) if lon is not None else None,
        media_url=media_url,
    )


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        if not Feedback.objects.filter(code=code).exists():
            return code


def _audit(feedback: Feedback, actor: User | None, event: str, details: dict[str, Any]) -> None:
    """The audit event and the named event, last in the transaction."""
    publish(FeedbackChanged(feedback=feedback, step=event))
    record_event(
        event_type=f"voice.feedback_{event}",
        actor=actor,
        target=feedback,
        unit=feedback.unit or feedback.addressed_to,
        details={"code": feedback.code, **details},
    )


def _step(
    feedback: Feedback,
    kind: StepKind,
    actor: User | None,
    *,
    unit: Unit | None = None,
    note: str = "",
    at: datetime | None = None,
) -> None:
    FeedbackStep.objects.create(
        feedback=feedback,
        kind=kind,
        actor=actor,
        unit=unit,
        note=note,
        created_at=at or timezone.now(),
    )


def send_feedback(
    *,
    actor: User | None,
    submission: Submission,
    addressed_to: Unit,
    channel: str,
    attachments: list[UploadedFile] | None = None,
    client_address: str | None = None,
    client_name: str = "",
) -> Feedback:
    """Receive one feedback item: from its sender (online, API) or entered by staff (desk).

    Online and API sending is counted against the flood limits (limits.py);
    `client_name` names an API client for its own budget. At the desk the
    actor must be staff of the body it is addressed to, and the sender is
    the person at the desk (no account).
    """
    if channel not in Channel.values:
        raise InvalidInput(FeedbackError.INVALID_FIELD, _("Hình thức gửi không hợp lệ."))
    if not addressed_to.is_active:
        raise InvalidInput(FeedbackError.UNIT_NOT_ALLOWED, _("Cơ quan nhận không còn hoạt động."))
    account: User | None = None
    if channel == Channel.DESK:
        if actor is None or not has_role_over(actor, addressed_to, access.CLASSIFIERS):
            raise PermissionDenied(
                FeedbackError.PERMISSION_DENIED,
                _("Chỉ cán bộ của cơ quan nhận mới được nhập phản ánh tại bộ phận tiếp nhận."),
            )
    elif actor is not None and actor.is_authenticated:
        account = actor
    checked = _checked(submission, account)
    files = checked_attachments(list(attachments or []))
    if channel != Channel.DESK:
        sender = client_name or (
            f"account:{account.pk}"
            if account
            else f"contact:{checked.sender_email or checked.sender_phone}"
        )
        count_sending(address=client_address, sender=sender)
    stored: list[FeedbackAttachment] = []
    try:
        with transaction.atomic(durable=True):
            feedback = _create(actor, account, checked, addressed_to, channel, files, stored)
    except BaseException:
        # The rows rolled back; the files written by the storage did not.
        for row in stored:
            if row.file.name:
                row.file.storage.delete(row.file.name)
        raise
    return feedback


def _create(
    actor: User | None,
    account: User | None,
    checked: Submission,
    addressed_to: Unit,
    channel: str,
    files: list[tuple[str, UploadedFile]],
    stored: list[FeedbackAttachment],
) -> Feedback:
    now = timezone.now()
    feedback = Feedback.objects.create(
        code=_new_code(),
        subject=checked.subject,
        topic=checked.topic,
        title=checked.title,
        content=checked.content,
        procedure_code=checked.procedure_code,
        procedure_name=checked.procedure_name,
        dossier_code=checked.dossier_code,
        channel=channel,
        account=account,
        sender_name=checked.sender_name,
        sender_phone=checked.sender_phone,
        sender_email=checked.sender_email,
        sender_address=checked.sender_address,
        place=checked.place,
        latitude=checked.latitude,
        longitude=checked.longitude,
        media_url=checked.media_url,
        addressed_to=addressed_to,
        received_at=now,
        received_by=actor if channel == Channel.DESK else None,
        classify_due_at=deadline(Step.CLASSIFY, now),
        repeat_of=followups.earlier(
            account=account,
            email=checked.sender_email,
            phone=checked.sender_phone,
            addressed_to=addressed_to,
            subject=checked.subject,
            topic=checked.topic,
            now=now,
        ),
    )
    for name, upload in files:
        attachment = FeedbackAttachment(feedback=feedback, name=name)
        attachment.file.save(upload.name or "tep", upload, save=False)
        stored.append(attachment)
        attachment.save()
    _step(
        feedback, StepKind.RECEIVED, actor, unit=addressed_to, note=feedback.get_channel_display()
    )
    notices.received(feedback)
    _audit(
        feedback,
        actor,
        "received",
        {
            "channel": channel,
            "files": len(files),
            "repeat_of": feedback.repeat_of.code if feedback.repeat_of else "",
        },
    )
    return feedback


def _locked(feedback: Feedback) -> Feedback:
    locked = (
        Feedback.objects.select_for_update(of=("self",))
        .select_related("addressed_to", "unit", "account")
        .filter(pk=feedback.pk)
        .first()
    )
    if locked is None:
        raise NotFound(FeedbackError.NOT_FOUND, _("Không tìm thấy phản ánh."))
    return locked


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(FeedbackError.PERMISSION_DENIED, message)


def _require_status(feedback: Feedback, *statuses: str) -> None:
    if feedback.status not in statuses:
        raise InvalidInput(
            FeedbackError.STATE_NOT_ALLOWED,
            _("Phản ánh đang ở trạng thái «%(status)s», không thực hiện được thao tác này.")
            % {"status": feedback.get_status_display()},
        )


def _check_unit(feedback: Feedback, unit: Unit) -> None:
    # Routed inside the body it was sent to (a department, a commune under a
    # province), never to a body the classifier has no part in.
    if not unit.is_active or not unit.path.startswith(feedback.addressed_to.path):
        raise InvalidInput(
            FeedbackError.UNIT_NOT_ALLOWED,
            _("Đơn vị xử lý phải thuộc cơ quan nhận phản ánh."),
        )


def accept_feedback(
    *,
    actor: User,
    feedback: Feedback,
    unit: Unit,
    topic: Topic | None = None,
    subject: str | None = None,
    procedure_code: str | None = None,
    procedure_name: str | None = None,
) -> Feedback:
    """Classify as feedback within competence and route it to `unit`, which answers it."""
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.may_classify(actor, feedback),
            _("Chỉ cán bộ của cơ quan nhận mới được phân loại phản ánh."),
        )
        _require_status(feedback, Status.RECEIVED)
        _check_unit(feedback, unit)
        if subject is not None:
            if subject not in Subject.values:
                raise InvalidInput(FeedbackError.INVALID_FIELD, _("Phân loại không hợp lệ."))
            feedback.subject = subject
        if topic is not None:
            feedback.topic = topic
        if procedure_code is not None:
            feedback.procedure_code = _text(
                procedure_code, _("mã thủ tục"), limit=40, required=False
            )
        if procedure_name is not None:
            feedback.procedure_name = _text(
                procedure_name, _("tên thủ tục"), limit=300, required=False
            )
        now = timezone.now()
        feedback.unit = unit
        feedback.status = Status.HANDLING
        feedback.classified_at = now
        feedback.answer_due_at = deadline(Step.ANSWER, now)
        feedback.save()
        _step(feedback, StepKind.ACCEPTED, actor, unit=unit)
        _audit(feedback, actor, "accepted", {"unit": unit.pk, "subject": feedback.subject})
    return feedback


def refuse_feedback(*, actor: User, feedback: Feedback, reason: str) -> Feedback:
    """Refuse with the reason (a complaint, outside competence, no content); the sender is told."""
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.may_classify(actor, feedback),
            _("Chỉ cán bộ của cơ quan nhận mới được phân loại phản ánh."),
        )
        _require_status(feedback, Status.RECEIVED)
        text = (reason or "").strip()
        if not text:
            raise InvalidInput(FeedbackError.REASON_REQUIRED, _("Cần nêu lý do không tiếp nhận."))
        feedback.refusal_reason = _text(text, _("lý do"), limit=2000)
        feedback.status = Status.REFUSED
        feedback.classified_at = timezone.now()
        feedback.save()
        _step(feedback, StepKind.REFUSED, actor, note=feedback.refusal_reason)
        notices.refused(feedback)
        _audit(feedback, actor, "refused", {"reason": feedback.refusal_reason})
    return feedback


def transfer_feedback(*, actor: User, feedback: Feedback, unit: Unit, note: str) -> Feedback:
    """Route it to another unit: the answer's clock starts again from the transfer."""
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.may_transfer(actor, feedback),
            _("Chỉ lãnh đạo đơn vị xử lý hoặc cán bộ cơ quan nhận mới được chuyển phản ánh."),
        )
        _require_status(feedback, Status.HANDLING)
        _check_unit(feedback, unit)
        if unit.pk == feedback.unit_id:
            raise InvalidInput(
                FeedbackError.UNIT_NOT_ALLOWED, _("Phản ánh đang ở chính đơn vị này.")
            )
        reason = _text(note, _("lý do chuyển"), limit=2000)
        previous = feedback.unit_id
        feedback.unit = unit
        feedback.answer_due_at = deadline(Step.ANSWER, timezone.now())
        feedback.save()
        _step(feedback, StepKind.TRANSFERRED, actor, unit=unit, note=reason)
        _audit(feedback, actor, "transferred", {"from": previous, "to": unit.pk})
    return feedback


def link_follow_up(*, actor: User, feedback: Feedback, code: str) -> Feedback:
    """Mark `feedback` as the same matter as the item `code` by hand ("" undoes the link).

    The automatic link (followups.py) needs the same sender, subject and
    field; staff see repeats it misses (another contact, another field). The
    link goes to the first item of the matter, so one matter stays one group,
    and items that followed `feedback` move with it. The earlier item must be
    one the classifier may see and received before; Decision 766 then counts
    it unsatisfied (statistics.py).
    """
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.may_classify(actor, feedback),
            _("Chỉ cán bộ của cơ quan nhận mới được gắn phản ánh lặp lại."),
        )
        wanted = (code or "").strip().upper()
        previous = feedback.repeat_of.code if feedback.repeat_of else ""
        first: Feedback | None = None
        if wanted:
            earlier = (
                Feedback.objects.select_related("addressed_to", "unit", "repeat_of")
                .filter(code=wanted)
                .first()
            )
            if earlier is None or not access.may_see(actor, earlier):
                raise InvalidInput(
                    FeedbackError.LINK_NOT_ALLOWED,
                    _("Không tìm thấy phản ánh số %(code)s.") % {"code": wanted},
                )
            first = earlier.repeat_of or earlier
            if first.pk == feedback.pk or (first.received_at, first.pk) > (
                feedback.received_at,
                feedback.pk,
            ):
                raise InvalidInput(
                    FeedbackError.LINK_NOT_ALLOWED,
                    _("Chỉ gắn được với phản ánh nhận trước phản ánh này."),
                )
            Feedback.objects.filter(repeat_of=feedback).update(repeat_of=first)
        feedback.repeat_of = first
        feedback.save(update_fields=["repeat_of", "updated_at"])
        note = (
            _("Cùng nội dung với phản ánh %(code)s") % {"code": first.code}
            if first
            else _("Bỏ gắn với phản ánh %(code)s") % {"code": previous}
        )
        _step(feedback, StepKind.LINKED, actor, note=note)
        _audit(feedback, actor, "linked", {"from": previous, "to": first.code if first else ""})
    return feedback


def draft_answer(*, actor: User, feedback: Feedback, answer: str) -> Feedback:
    """The unit's answer, presented to its leader for approval."""
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.may_draft(actor, feedback),
            _("Chỉ chuyên viên, lãnh đạo phòng của đơn vị xử lý mới được soạn trả lời."),
        )
        _require_status(feedback, Status.HANDLING)
        feedback.answer = _text(answer, _("nội dung trả lời"), limit=20000)
        feedback.answered_by = actor
        feedback.status = Status.AWAITING_APPROVAL
        feedback.save()
        _step(feedback, StepKind.DRAFTED, actor, unit=feedback.unit)
        _audit(feedback, actor, "drafted", {})
    return feedback


def return_answer(*, actor: User, feedback: Feedback, note: str) -> Feedback:
    """The leader sends the draft back with what to change."""
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.may_approve(actor, feedback),
            _("Chỉ lãnh đạo của đơn vị xử lý mới được duyệt trả lời."),
        )
        _require_status(feedback, Status.AWAITING_APPROVAL)
        reason = _text(note, _("ý kiến"), limit=2000)
        feedback.status = Status.HANDLING
        feedback.save()
        _step(feedback, StepKind.RETURNED, actor, unit=feedback.unit, note=reason)
        _audit(feedback, actor, "returned", {"note": reason})
    return feedback


def _known(feedback: Feedback) -> list[str]:
    """What the sender gave about themselves, to be removed wherever it occurs."""
    known = [feedback.sender_name, feedback.sender_phone, feedback.sender_email]
    known.append(feedback.sender_address)
    if feedback.account is not None:
        known += [feedback.account.full_name, feedback.account.email, feedback.account.phone]
        known.append(feedback.account.id_number or "")
    return known


def public_version(feedback: Feedback) -> tuple[str, str, str]:
    """(title, question, answer) without the sender's personal data, for the leader to check."""
    known = _known(feedback)
    return (
        remove_personal_data(feedback.title, known=known),
        remove_personal_data(feedback.content, known=known),
        remove_personal_data(feedback.answer, known=known),
    )


def approve_answer(
    *,
    actor: User,
    feedback: Feedback,
    publish_it: bool = True,
    public_title: str | None = None,
    public_question: str | None = None,
    public_answer: str | None = None,
) -> Feedback:
    """Approve: the answer goes to the sender and (by default) is published without personal data.

    The public texts default to the automatic removal (privacy.py); the
    leader may pass edited ones, which are cleaned again.
    """
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.may_approve(actor, feedback),
            _("Chỉ lãnh đạo của đơn vị xử lý mới được duyệt trả lời."),
        )
        _require_status(feedback, Status.AWAITING_APPROVAL)
        now = timezone.now()
        feedback.status = Status.ANSWERED
        feedback.approved_by = actor
        feedback.answered_at = now
        feedback.publish_due_at = deadline(Step.PUBLISH, now)
        feedback.save()
        _step(feedback, StepKind.APPROVED, actor, unit=feedback.unit)
        notices.answered(feedback)
        _audit(feedback, actor, "approved", {"late": is_late(feedback)})
        if publish_it:
            _publish(actor, feedback, public_title, public_question, public_answer)
    return feedback


def _publish(
    actor: User,
    feedback: Feedback,
    title: str | None,
    question: str | None,
    answer: str | None,
) -> None:
    auto_title, auto_question, auto_answer = public_version(feedback)
    known = _known(feedback)
    feedback.public_title = remove_personal_data(
        _text(title, _("tiêu đề công khai"), limit=200) if title else auto_title, known=known
    )
    feedback.public_question = remove_personal_data(
        _text(question, _("câu hỏi công khai"), limit=10000) if question else auto_question,
        known=known,
    )
    feedback.public_answer = remove_personal_data(
        _text(answer, _("câu trả lời công khai"), limit=20000) if answer else auto_answer,
        known=known,
    )
    feedback.published_at = timezone.now()
    feedback.save()
    _step(feedback, StepKind.PUBLISHED, actor, unit=feedback.unit)
    _audit(feedback, actor, "published", {})


def publish_feedback(
    *,
    actor: User,
    feedback: Feedback,
    public_title: str | None = None,
    public_question: str | None = None,
    public_answer: str | None = None,
) -> Feedback:
    """Publish an answered item that was not published at its approval."""
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.may_approve(actor, feedback),
            _("Chỉ lãnh đạo của đơn vị xử lý mới được công khai trả lời."),
        )
        _require_status(feedback, Status.ANSWERED)
        if feedback.published_at is not None:
            raise InvalidInput(FeedbackError.STATE_NOT_ALLOWED, _("Trả lời đã được công khai."))
        _publish(actor, feedback, public_title, public_question, public_answer)
    return feedback


def promote_faq(*, actor: User, feedback: Feedback, frequently_asked: bool) -> Feedback:
    """Show (or stop showing) a published question among the frequently asked ones."""
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.may_approve(actor, feedback),
            _("Chỉ lãnh đạo của đơn vị xử lý mới được chọn câu hỏi thường gặp."),
        )
        if feedback.published_at is None:
            raise InvalidInput(
                FeedbackError.STATE_NOT_ALLOWED, _("Chỉ câu hỏi đã công khai mới được chọn.")
            )
        feedback.frequently_asked = frequently_asked
        feedback.save()
        _audit(feedback, actor, "promoted", {"frequently_asked": frequently_asked})
    return feedback


def rate_answer(*, actor: User, feedback: Feedback, rating: str) -> Feedback:
    """The sender's rating of the answer (satisfied or not); once, changeable."""
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        _require(
            access.is_sender(actor, feedback) and actor.kind != AccountKind.STAFF,
            _("Chỉ người gửi phản ánh mới được đánh giá trả lời."),
        )
        _rate(feedback, actor, rating)
    return feedback


def rate_with_token(*, feedback: Feedback, token: str, rating: str) -> Feedback:
    """An anonymous sender's rating, by the secret link that came with the answer (tokens.py)."""
    with transaction.atomic(durable=True):
        feedback = _locked(feedback)
        # Senders with an account rate from their own list, signed in.
        if feedback.account is not None or not tokens.token_matches(feedback, token):
            raise NotFound(FeedbackError.NOT_FOUND, _("Không tìm thấy phản ánh."))
        _rate(feedback, None, rating)
    return feedback


def _rate(feedback: Feedback, actor: User | None, rating: str) -> None:
    _require_status(feedback, Status.ANSWERED)
    if rating not in Rating.values:
        raise InvalidInput(FeedbackError.INVALID_FIELD, _("Mức đánh giá không hợp lệ."))
    feedback.rating = rating
    feedback.rated_at = timezone.now()
    feedback.save()
    _step(feedback, StepKind.RATED, actor, note=feedback.get_rating_display())
    _audit(feedback, actor, "rated", {"rating": rating})


def is_late(feedback: Feedback, now: datetime | None = None) -> bool:
    """Late: answered after its deadline, or still unanswered past it, or classified late.

    Each step counts: a late classification makes the item late even if the
    answer then came in time (the national scoring counts the item, not the step).
    """
    now = now or timezone.now()
    classified = feedback.classified_at or (now if feedback.status == Status.RECEIVED else None)
    if classified is not None and classified > feedback.classify_due_at:
        return True
    if feedback.answer_due_at is not None:
        answered = feedback.answered_at or (now if feedback.is_open else None)
        if answered is not None and answered > feedback.answer_due_at:
            return True
    if feedback.publish_due_at is not None and feedback.status == Status.ANSWERED:
        published = feedback.published_at or now
        if published > feedback.publish_due_at:
            return True
    return False
