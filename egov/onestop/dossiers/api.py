"""The one-stop desk in the REST API: the same services and checks as the pages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from django.db.models import DateTimeField, ForeignKey
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from egov.onestop.dossiers import services
from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.models import (
    ApplicantKind,
    Channel,
    Consultation,
    Dossier,
    DossierDocument,
    Handover,
    ReturnMethod,
)
from egov.onestop.dossiers.permissions import require_visible
from egov.onestop.dossiers.selectors import (
    InboxQuery,
    InboxTab,
    dossier_for_user,
    inbox,
    reception_reads,
)
from egov.platform.accounts.access import remember_memberships, request_user
from egov.platform.accounts.models import User
from egov.platform.core.errors import NotFound
from egov.platform.core.schemas import ErrorOut
from egov.platform.organisation.models import Unit

router = Router(auth=django_auth)
ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
CREATED = {201: dict[str, int], **ERRORS}


class DossierOut(Schema):
    id: int
    code: str | None
    status: int
    status_label: str
    channel: int
    procedure_code: str
    procedure_name: str
    receiving_unit_id: int
    agency_id: int
    applicant_name: str
    received_at: datetime | None
    appointment_at: datetime | None
    deadline_at: datetime | None
    current_step_id: int | None
    current_step_name: str | None
    current_unit_id: int | None
    assignee: str | None
    supplement_count: int
    timeliness: str
    tracking_secret: str

    @staticmethod
    def resolve_status_label(obj: Dossier) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_procedure_code(obj: Dossier) -> str:
        return obj.procedure.code

    @staticmethod
    def resolve_procedure_name(obj: Dossier) -> str:
        return obj.procedure.name

    @staticmethod
    def resolve_current_step_name(obj: Dossier) -> str | None:
        return obj.current_step.name if obj.current_step else None

    @staticmethod
    def resolve_assignee(obj: Dossier) -> str | None:
        return obj.assignee.username if obj.assignee else None


class HandoverOut(Schema):
    action: str
    from_step: str | None
    to_step: str | None
    from_user: str | None
    to_unit: str | None
    at: datetime
    step_due_at: datetime | None
    timeliness: str


class ApplicantIn(Schema):
    name: str
    kind: ApplicantKind = ApplicantKind.PERSON
    id_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    delegate_name: str = ""
    delegate_id_number: str = ""


class ReceiveIn(Schema):
    receiving_unit_id: int
    procedure_code: str
    agency_id: int
    applicant: ApplicantIn
    received_document_ids: list[int] = []
    outcome: Literal["accept", "supplement", "refuse"]
    items: list[str] = []
    reason: str = ""
    channel: Literal[1, 3] = 1


class MoveIn(Schema):
    action: Literal["forward", "approve", "return"]
    target_step_id: int | None = None
    note: str = ""
    expected_step_id: int | None = None


class ExpectIn(Schema):
    expected_step_id: int | None = None


class AssignIn(ExpectIn):
    assignee: str


class ReasonIn(ExpectIn):
    reason: str


class NoteIn(ExpectIn):
    note: str = ""


class SupplementIn(ExpectIn):
    items: list[str]
    reason: str = ""


class ConsultIn(ExpectIn):
    unit_id: int
    question: str


class AnswerIn(Schema):
    answer: str


class ResultIn(ExpectIn):
    number: str
    signed_on: date
    signer: str


class ApologyIn(ExpectIn):
    reason: str
    new_appointment: datetime


class ReturnIn(ExpectIn):
    method: ReturnMethod
    collected_by: str = ""


def _checked(request: HttpRequest, dossier_id: int) -> tuple[User, Dossier]:
    """The user and a dossier they may see, checked but not read: only its key.

    For actions: the service reads the dossier again under its row lock and
    checks its state and the user's role there, so a read here would be
    thrown away. Denied as `dossier_for_user` denies (NotFound, nothing done).
    The user's memberships are read once for the request's checks.
    """
    user = request_user(request)
    remember_memberships(user)
    return user, Dossier(pk=require_visible(user, dossier_id))


def _unit(unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, is_active=True).first()
    if unit is None:
        raise NotFound(DossierError.UNIT_NOT_FOUND, _("Không tìm thấy đơn vị."))
    return unit


def _answer(dossier: Dossier, actor: User) -> Dossier:
    """The dossier a service just saved, as a fresh read would give it, without the read.

    The instance holds what was written; only its moments may be in another
    time zone (deadlines are computed in Vietnam time), and the database
    gives them back in UTC, so the answer does too. A relation the service
    did not load is read by its key when the answer shows it (usually the
    assignee, unless it is the actor).
    """
    assignee = Dossier._meta.get_field("assignee")
    assert isinstance(assignee, ForeignKey)  # noqa: S101 - the model's own field
    if dossier.assignee_id == actor.pk and not assignee.is_cached(dossier):
        dossier.assignee = actor
    for field in Dossier._meta.concrete_fields:
        if isinstance(field, DateTimeField):
            value = getattr(dossier, field.attname)
            if value is not None:
                setattr(dossier, field.attname, value.astimezone(UTC))
    return dossier


# The inbox API pages its answer (issue 20): an officer may hold hundreds of
# open dossiers, and a page must cost the same whatever their number. The
# order is stable (every ordering ends with the primary key), the page is
# read with one row more than asked to tell whether another follows.
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class PageIn(Schema):
    page: int = Field(1, ge=1, le=100_000)
    size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


@router.get("/", response=list[DossierOut], summary="Hộp hồ sơ của cán bộ")
def list_dossiers(
    request: HttpRequest,
    response: HttpResponse,
    paging: Query[PageIn],
    tab: str = InboxTab.ACTION,
    q: str = "",
    order: str = "appointment_at",
) -> list[Dossier]:
    """The tab `tab` of the officer's inbox (default "action": Cần xử lý), as on the
    page, `size` dossiers (at most 200) of page `page`. The header `X-Has-More`
    says whether another page follows, and `Link` gives it (rel="next")."""
    user = request_user(request)
    page, size = paging.page, paging.size
    offset = (page - 1) * size
    found = list(
        inbox(user, InboxQuery(tab=tab, search=q, order=order))[offset : offset + size + 1]
    )
    more = len(found) > size
    response["X-Has-More"] = "true" if more else "false"
    if more:
        following = request.GET.copy()
        following["page"] = str(page + 1)
        following["size"] = str(size)
        response["Link"] = f'<{request.path}?{following.urlencode()}>; rel="next"'
    return found[:size]


@router.post("/", response={201: DossierOut, **ERRORS}, summary="Tiếp nhận hồ sơ tại quầy")
def receive(request: HttpRequest, payload: ReceiveIn) -> Status[Dossier]:
    user = request_user(request)
    remember_memberships(user)
    desk = reception_reads(
        user,
        receiving_unit_id=payload.receiving_unit_id,
        agency_id=payload.agency_id,
        procedure_code=payload.procedure_code,
    )
    dossier = services.receive_dossier(
        first_step=desk.first_step,
        actor=user,
        receiving_unit=desk.centre,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.Applicant(**payload.applicant.dict()),
        outcome=payload.outcome,
        channel=Channel(payload.channel),
        received_document_ids=payload.received_document_ids,
        items=payload.items,
        reason=payload.reason,
    )
    return Status(201, _answer(dossier, user))


@router.get("/{dossier_id}", response={200: DossierOut, 404: ErrorOut}, summary="Một hồ sơ")
def get_dossier(request: HttpRequest, dossier_id: int) -> Dossier:
    return dossier_for_user(request_user(request), dossier_id)


@router.get(
    "/{dossier_id}/handovers",
    response={200: list[HandoverOut], 404: ErrorOut},
    summary="Phiếu kiểm soát: các lần bàn giao",
)
def handovers(request: HttpRequest, dossier_id: int) -> list[HandoverOut]:
    user = request_user(request)
    rows = Handover.objects.filter(dossier_id=require_visible(user, dossier_id)).select_related(
        "from_step", "to_step", "from_user", "to_unit"
    )
    return [
        HandoverOut(
            action=h.action,
            from_step=h.from_step.name if h.from_step else None,
            to_step=h.to_step.name if h.to_step else None,
            from_user=h.from_user.username if h.from_user else None,
            to_unit=h.to_unit.name if h.to_unit else None,
            at=h.at,
            step_due_at=h.step_due_at,
            timeliness=h.timeliness,
        )
        for h in rows.order_by("at", "pk")
    ]


@router.post("/{dossier_id}/accept", response={200: DossierOut, **ERRORS}, summary="Tiếp nhận")
def accept(request: HttpRequest, dossier_id: int) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(services.accept_dossier(actor=user, dossier=dossier), user)


@router.post("/{dossier_id}/claim", response={200: DossierOut, **ERRORS}, summary="Nhận xử lý")
def claim(request: HttpRequest, dossier_id: int, payload: ExpectIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.claim(actor=user, dossier=dossier, expected_step=payload.expected_step_id),
        user,
    )


@router.post("/{dossier_id}/assign", response={200: DossierOut, **ERRORS}, summary="Phân công")
def assign(request: HttpRequest, dossier_id: int, payload: AssignIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    assignee = User.objects.filter(username=payload.assignee, is_active=True).first()
    if assignee is None:
        raise NotFound(DossierError.USER_NOT_FOUND, _("Không tìm thấy cán bộ."))
    return _answer(
        services.assign(
            actor=user, dossier=dossier, assignee=assignee, expected_step=payload.expected_step_id
        ),
        user,
    )


@router.post(
    "/{dossier_id}/move",
    response={200: DossierOut, **ERRORS},
    summary="Chuyển bước: chuyển xử lý, phê duyệt, trả lại",
)
def move(request: HttpRequest, dossier_id: int, payload: MoveIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.move_on(
            actor=user,
            dossier=dossier,
            action=payload.action,
            target=payload.target_step_id,
            note=payload.note,
            expected_step=payload.expected_step_id,
        ),
        user,
    )


@router.post("/{dossier_id}/refuse", response={200: DossierOut, **ERRORS}, summary="Từ chối")
def refuse(request: HttpRequest, dossier_id: int, payload: ReasonIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.refuse(
            actor=user,
            dossier=dossier,
            reason=payload.reason,
            expected_step=payload.expected_step_id,
        ),
        user,
    )


@router.post(
    "/{dossier_id}/supplement", response={200: DossierOut, **ERRORS}, summary="Yêu cầu bổ sung"
)
def supplement(request: HttpRequest, dossier_id: int, payload: SupplementIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.request_supplement(
            actor=user,
            dossier=dossier,
            items=payload.items,
            reason=payload.reason,
            expected_step=payload.expected_step_id,
        ),
        user,
    )


@router.post(
    "/{dossier_id}/supplement-received",
    response={200: DossierOut, **ERRORS},
    summary="Nhận hồ sơ bổ sung",
)
def supplement_received(request: HttpRequest, dossier_id: int, payload: NoteIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.receive_supplement(
            actor=user, dossier=dossier, note=payload.note, expected_step=payload.expected_step_id
        ),
        user,
    )


@router.post(
    "/{dossier_id}/payment", response={200: DossierOut, **ERRORS}, summary="Yêu cầu nộp phí, thuế"
)
def payment(request: HttpRequest, dossier_id: int, payload: NoteIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.request_payment(
            actor=user, dossier=dossier, note=payload.note, expected_step=payload.expected_step_id
        ),
        user,
    )


@router.post(
    "/{dossier_id}/payment-confirmed",
    response={200: DossierOut, **ERRORS},
    summary="Xác nhận đã nộp phí, thuế",
)
def payment_confirmed(request: HttpRequest, dossier_id: int, payload: NoteIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.confirm_payment(
            actor=user, dossier=dossier, note=payload.note, expected_step=payload.expected_step_id
        ),
        user,
    )


@router.post(
    "/{dossier_id}/consult", response={201: dict[str, int], **ERRORS}, summary="Xin ý kiến"
)
def consult(request: HttpRequest, dossier_id: int, payload: ConsultIn) -> Status[dict[str, int]]:
    user, dossier = _checked(request, dossier_id)
    unit = _unit(payload.unit_id)
    consultation = services.consult(
        actor=user,
        dossier=dossier,
        unit=unit,
        question=payload.question,
        expected_step=payload.expected_step_id,
    )
    return Status(201, {"id": consultation.pk})


@router.post(
    "/consultations/{consultation_id}/answer",
    response={200: dict[str, int], **ERRORS},
    summary="Trả lời xin ý kiến",
)
def answer(request: HttpRequest, consultation_id: int, payload: AnswerIn) -> dict[str, int]:
    user = request_user(request)
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        raise NotFound(DossierError.CONSULTATION_NOT_FOUND, _("Không tìm thấy yêu cầu xin ý kiến."))
    services.answer_consultation(actor=user, consultation=consultation, answer=payload.answer)
    return {"id": consultation.pk}


@router.post(
    "/{dossier_id}/result", response={200: DossierOut, **ERRORS}, summary="Ghi nhận kết quả"
)
def result(request: HttpRequest, dossier_id: int, payload: ResultIn) -> Dossier:
    return _record_result(request, dossier_id, payload, None)


def _record_result(
    request: HttpRequest, dossier_id: int, payload: ResultIn, file: UploadedFile | None
) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.record_result(
            actor=user,
            dossier=dossier,
            number=payload.number,
            signed_on=payload.signed_on,
            signer=payload.signer,
            file=file,
            expected_step=payload.expected_step_id,
        ),
        user,
    )


@router.post(
    "/{dossier_id}/apology",
    response={201: dict[str, int], **ERRORS},
    summary="Thư xin lỗi, hẹn lại",
)
def apology(request: HttpRequest, dossier_id: int, payload: ApologyIn) -> Status[dict[str, int]]:
    user, dossier = _checked(request, dossier_id)
    issued = services.issue_apology(
        actor=user,
        dossier=dossier,
        reason=payload.reason,
        new_appointment=payload.new_appointment,
        expected_step=payload.expected_step_id,
    )
    return Status(201, {"id": issued.pk})


@router.post("/{dossier_id}/withdraw", response={200: DossierOut, **ERRORS}, summary="Rút hồ sơ")
def withdraw(request: HttpRequest, dossier_id: int, payload: ReasonIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.withdraw(
            actor=user,
            dossier=dossier,
            reason=payload.reason,
            expected_step=payload.expected_step_id,
        ),
        user,
    )


@router.post("/{dossier_id}/stop", response={200: DossierOut, **ERRORS}, summary="Dừng xử lý")
def stop(request: HttpRequest, dossier_id: int, payload: ReasonIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.stop_processing(
            actor=user,
            dossier=dossier,
            reason=payload.reason,
            expected_step=payload.expected_step_id,
        ),
        user,
    )


@router.post("/{dossier_id}/return", response={200: DossierOut, **ERRORS}, summary="Trả kết quả")
def return_result(request: HttpRequest, dossier_id: int, payload: ReturnIn) -> Dossier:
    user, dossier = _checked(request, dossier_id)
    return _answer(
        services.return_result(
            actor=user,
            dossier=dossier,
            method=payload.method,
            collected_by=payload.collected_by,
            expected_step=payload.expected_step_id,
        ),
        user,
    )


@router.post(
    "/{dossier_id}/result/upload",
    response={200: DossierOut, **ERRORS},
    summary="Ghi nhận kết quả kèm tệp (multipart)",
)
def result_upload(
    request: HttpRequest,
    dossier_id: int,
    payload: Form[ResultIn],
    file: File[UploadedFile],
) -> Dossier:
    return _record_result(request, dossier_id, payload, file)


@router.post(
    "/{dossier_id}/documents/{document_id}/scan",
    response={200: dict[str, str], **ERRORS},
    summary="Đính kèm bản quét giấy tờ (multipart)",
)
def scan(
    request: HttpRequest, dossier_id: int, document_id: int, file: File[UploadedFile]
) -> dict[str, str]:
    user, dossier = _checked(request, dossier_id)
    document = DossierDocument.objects.filter(pk=document_id, dossier=dossier).first()
    if document is None:
        raise NotFound(DossierError.DOCUMENT_NOT_FOUND, _("Không tìm thấy giấy tờ trong hồ sơ."))
    saved = services.attach_scan(actor=user, dossier=dossier, document=document, upload=file)
    return {"name": saved.name, "scan": saved.scan.name}
