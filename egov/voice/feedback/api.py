"""Feedback in the REST API: the same services and checks as the pages.

A signed-in citizen sends and follows their own feedback and rates the
answer; staff classify, answer and approve; anyone reads the dialogue page.
Applications that file on behalf of others use Open311 (egov/voice/open311).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.security import django_auth

from egov.platform.accounts.access import request_user
from egov.platform.accounts.models import AccountKind, User
from egov.platform.citizens.lockout import lockout_address
from egov.platform.core.errors import InvalidInput, NotFound
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.models import Unit
from egov.voice.feedback import selectors, services
from egov.voice.feedback.errors import FeedbackError
from egov.voice.feedback.models import Channel, Feedback, Topic

router = Router()
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}
LIST_LIMIT = 200


class FeedbackOut(Schema):
    id: int
    code: str
    subject: str
    topic: str | None
    title: str
    content: str
    channel: str
    status: str
    status_label: str
    addressed_to_id: int
    unit_id: int | None
    received_at: datetime
    classify_due_at: datetime
    answer_due_at: datetime | None
    refusal_reason: str
    answer: str
    answered_at: datetime | None
    published_at: datetime | None
    rating: str

    @staticmethod
    def resolve_topic(obj: Feedback) -> str | None:
        return obj.topic.code if obj.topic is not None else None

    @staticmethod
    def resolve_status_label(obj: Feedback) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_answer(obj: Feedback) -> str:
        # A draft is the unit's business until the leader approves it.
        return obj.answer if obj.answered_at is not None else ""


class FeedbackStaffOut(FeedbackOut):
    sender_name: str
    sender_phone: str
    sender_email: str
    draft_answer: str

    @staticmethod
    def resolve_draft_answer(obj: Feedback) -> str:
        return obj.answer


class FeedbackIn(Schema):
    addressed_to_id: int
    subject: Literal["regulation", "procedure", "conduct"]
    title: str
    content: str
    topic: str | None = None
    procedure_code: str = ""
    procedure_name: str = ""
    dossier_code: str = ""
    place: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class ClassifyIn(Schema):
    decision: Literal["accept", "refuse"]
    unit_id: int | None = None
    topic: str | None = None
    reason: str = ""


class TransferIn(Schema):
    unit_id: int
    note: str


class FeedbackAnswerIn(Schema):
    answer: str


class ApproveIn(Schema):
    decision: Literal["approve", "return"]
    publish: bool = True
    note: str = ""
    public_title: str | None = None
    public_question: str | None = None
    public_answer: str | None = None


class RateIn(Schema):
    rating: Literal["satisfied", "unsatisfied"]


class DialogueOut(Schema):
    id: int
    title: str
    question: str
    answer: str
    topic: str | None
    unit: str | None
    published_at: datetime
    frequently_asked: bool

    @staticmethod
    def resolve_title(obj: Feedback) -> str:
        return obj.public_title

    @staticmethod
    def resolve_question(obj: Feedback) -> str:
        return obj.public_question

    @staticmethod
    def resolve_answer(obj: Feedback) -> str:
        return obj.public_answer

    @staticmethod
    def resolve_topic(obj: Feedback) -> str | None:
        return obj.topic.name if obj.topic is not None else None

    @staticmethod
    def resolve_unit(obj: Feedback) -> str | None:
        return obj.unit.name if obj.unit is not None else None


class DialogueFilter(Schema):
    q: str = ""
    topic: str | None = None
    unit_id: int | None = None
    frequently_asked: bool = False


def _topic(code: str | None) -> Topic | None:
    if not code:
        return None
    topic = Topic.objects.filter(code=code, is_active=True).first()
    if topic is None:
        raise InvalidInput(FeedbackError.INVALID_FIELD, _("Không có lĩnh vực này."))
    return topic


def _unit(pk: int | None) -> Unit:
    unit = Unit.objects.filter(pk=pk or 0, is_active=True).first()
    if unit is None:
        raise InvalidInput(FeedbackError.UNIT_NOT_ALLOWED, _("Không tìm thấy đơn vị."))
    return unit


def _staff_item(user: User, pk: int) -> Feedback:
    if user.kind != AccountKind.STAFF:
        raise NotFound(FeedbackError.NOT_FOUND, _("Không tìm thấy phản ánh."))
    return selectors.feedback_for_staff(user, pk)


@router.get(
    "/feedback",
    auth=django_auth,
    response=list[FeedbackOut],
    summary="Phản ánh của tôi (công dân) hoặc của đơn vị tôi (cán bộ)",
)
def list_feedback(request: HttpRequest) -> list[Feedback]:
    user = request_user(request)
    items = selectors.for_staff(user) if user.kind == AccountKind.STAFF else selectors.sent_by(user)
    return list(items[:LIST_LIMIT])


@router.post(
    "/feedback",
    auth=django_auth,
    response={201: FeedbackOut, **ERRORS},
    summary="Gửi phản ánh, kiến nghị",
)
def send(request: HttpRequest, payload: FeedbackIn) -> Status[Feedback]:
    user = request_user(request)
    feedback = services.send_feedback(
        actor=user,
        submission=services.Submission(
            subject=payload.subject,
            title=payload.title,
            content=payload.content,
            topic=_topic(payload.topic),
            procedure_code=payload.procedure_code,
            procedure_name=payload.procedure_name,
            dossier_code=payload.dossier_code,
            place=payload.place,
            latitude=payload.latitude,
            longitude=payload.longitude,
        ),
        addressed_to=_unit(payload.addressed_to_id),
        channel=Channel.API,
        client_address=lockout_address(request),
    )
    return Status(201, feedback)


@router.get(
    "/feedback/{feedback_id}",
    auth=django_auth,
    response={200: FeedbackOut, **ERRORS},
    summary="Một phản ánh (người gửi, cán bộ có thẩm quyền)",
)
def one(request: HttpRequest, feedback_id: int) -> Feedback:
    user = request_user(request)
    if user.kind == AccountKind.STAFF:
        return _staff_item(user, feedback_id)
    return selectors.feedback_of_sender(user, feedback_id)


@router.post(
    "/feedback/{feedback_id}/classify",
    auth=django_auth,
    response={200: FeedbackStaffOut, **ERRORS},
    summary="Phân loại: tiếp nhận và chuyển đơn vị xử lý, hoặc không tiếp nhận",
)
def classify(request: HttpRequest, feedback_id: int, payload: ClassifyIn) -> Feedback:
    user = request_user(request)
    feedback = _staff_item(user, feedback_id)
    if payload.decision == "refuse":
        return services.refuse_feedback(actor=user, feedback=feedback, reason=payload.reason)
    return services.accept_feedback(
        actor=user,
        feedback=feedback,
        unit=_unit(payload.unit_id) if payload.unit_id else feedback.addressed_to,
        topic=_topic(payload.topic),
    )


@router.post(
    "/feedback/{feedback_id}/transfer",
    auth=django_auth,
    response={200: FeedbackStaffOut, **ERRORS},
    summary="Chuyển phản ánh cho đơn vị khác",
)
def transfer(request: HttpRequest, feedback_id: int, payload: TransferIn) -> Feedback:
    user = request_user(request)
    feedback = _staff_item(user, feedback_id)
    return services.transfer_feedback(
        actor=user, feedback=feedback, unit=_unit(payload.unit_id), note=payload.note
    )


@router.post(
    "/feedback/{feedback_id}/answer",
    auth=django_auth,
    response={200: FeedbackStaffOut, **ERRORS},
    summary="Dự thảo trả lời, trình lãnh đạo",
)
def answer(request: HttpRequest, feedback_id: int, payload: FeedbackAnswerIn) -> Feedback:
    user = request_user(request)
    feedback = _staff_item(user, feedback_id)
    return services.draft_answer(actor=user, feedback=feedback, answer=payload.answer)


@router.post(
    "/feedback/{feedback_id}/approve",
    auth=django_auth,
    response={200: FeedbackStaffOut, **ERRORS},
    summary="Lãnh đạo duyệt (gửi và công khai) hoặc trả lại dự thảo",
)
def approve(request: HttpRequest, feedback_id: int, payload: ApproveIn) -> Feedback:
    user = request_user(request)
    feedback = _staff_item(user, feedback_id)
    if payload.decision == "return":
        return services.return_answer(actor=user, feedback=feedback, note=payload.note)
    return services.approve_answer(
        actor=user,
        feedback=feedback,
        publish_it=payload.publish,
        public_title=payload.public_title,
        public_question=payload.public_question,
        public_answer=payload.public_answer,
    )


@router.post(
    "/feedback/{feedback_id}/rate",
    auth=django_auth,
    response={200: FeedbackOut, **ERRORS},
    summary="Người gửi đánh giá trả lời",
)
def rate(request: HttpRequest, feedback_id: int, payload: RateIn) -> Feedback:
    user = request_user(request)
    feedback = selectors.feedback_of_sender(user, feedback_id)
    return services.rate_answer(actor=user, feedback=feedback, rating=payload.rating)


@router.get(
    "/dialogue",
    response=list[DialogueOut],
    summary="Trang hỏi đáp: câu hỏi và trả lời đã công khai",
)
def dialogue(request: HttpRequest, filters: Query[DialogueFilter]) -> list[Feedback]:
    topic = Topic.objects.filter(code=filters.topic).first() if filters.topic else None
    if filters.topic and topic is None:
        return []
    return list(
        selectors.published(
            query=filters.q[:200],
            topic_id=topic.pk if topic is not None else None,
            unit_id=filters.unit_id,
            frequently_asked=filters.frequently_asked,
        )[:LIST_LIMIT]
    )
