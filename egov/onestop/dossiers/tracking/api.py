"""Public tracking in the API: GET /api/v1/tracking/{code}?secret=... (or phone=...).

No login. The same masked data as the page; a wrong proof and an unknown
code both answer 404 `dossier_not_found`; past the lookup budget, 429.
"""

from __future__ import annotations

import json
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.renderers import JSONRenderer
from pydantic import Field

from egov.onestop.dossiers.errors import DossierError
from egov.onestop.dossiers.tracking.answers import TooManyLookups, track_rendered
from egov.onestop.dossiers.tracking.selectors import PublicDossier
from egov.onestop.dossiers.tracking.views import not_found_message, throttled_message
from egov.platform.core.errors import DomainError, InvalidInput, NotFound
from egov.platform.core.schemas import ErrorOut

router = Router()


class Throttled(DomainError):
    status = 429


class ProofIn(Schema):
    secret: str | None = Field(None, max_length=16, description="Mã tra cứu in trên phiếu hẹn")
    phone: str | None = Field(None, max_length=20, description="Số điện thoại người nộp")


class TrackingStepOut(Schema):
    step: str
    unit: str
    started_at: datetime
    finished_at: datetime | None
    timeliness: str | None = Field(description="early, on_time, late; null while open")
    timeliness_label: str | None


class TrackingOut(Schema):
    code: str
    procedure: str
    receiving_unit: str
    applicant: str = Field(description="Họ tên người nộp đã che (Nghị định 13/2023/NĐ-CP)")
    status: int = Field(description="Mã trạng thái của Cổng DVC quốc gia (1-10)")
    status_label: str
    current_step: str | None
    current_unit: str | None
    received_at: datetime | None
    appointment_at: datetime | None
    new_appointment_at: datetime | None = Field(description="Ngày hẹn mới sau thư xin lỗi")
    ended_at: datetime | None
    timeliness: str | None = Field(description="early, on_time, late; null while open")
    timeliness_label: str | None
    history: list[TrackingStepOut]


def _out(dossier: PublicDossier) -> TrackingOut:
    # `model_construct` skips validation: the values come typed from our own
    # dataclass, and validating them through ninja's attribute getters cost
    # more CPU than the two queries of the lookup (docs/performance.md).
    # ninja serialises the instance without validating it again.
    return TrackingOut.model_construct(
        code=dossier.code,
        procedure=dossier.procedure,
        receiving_unit=dossier.receiving_unit,
        applicant=dossier.applicant,
        status=dossier.status,
        status_label=dossier.status_label,
        current_step=dossier.current_step,
        current_unit=dossier.current_unit,
        received_at=dossier.received_at,
        appointment_at=dossier.appointment_at,
        new_appointment_at=dossier.new_appointment_at,
        ended_at=dossier.ended_at,
        timeliness=dossier.timeliness or None,
        timeliness_label=dossier.timeliness_label or None,
        history=[
            TrackingStepOut.model_construct(
                step=step.name,
                unit=step.unit,
                started_at=step.started_at,
                finished_at=step.finished_at,
                timeliness=step.timeliness or None,
                timeliness_label=step.timeliness_label or None,
            )
            for step in dossier.history
        ],
    )


@router.get(
    "/{code}",
    response={200: TrackingOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Tra cứu hồ sơ công khai",
)
def lookup(request: HttpRequest, code: str, proof: Query[ProofIn]) -> HttpResponse:
    if not (proof.secret or proof.phone):
        raise InvalidInput(
            DossierError.PROOF_REQUIRED,
            _("Nhập mã tra cứu in trên phiếu hẹn hoặc số điện thoại người nộp hồ sơ."),
        )
    try:
        body = track_rendered(
            request, code[:64], secret=proof.secret, phone=proof.phone, render=_json
        )
    except TooManyLookups:
        raise Throttled(DossierError.TOO_MANY_REQUESTS, throttled_message()) from None
    if body is None:
        raise NotFound(DossierError.DOSSIER_NOT_FOUND, not_found_message())
    # The body is what ninja would render for `TrackingOut` (`_json`), kept
    # rendered with the answer: the schema above still documents it.
    return HttpResponse(body, content_type=_CONTENT_TYPE)


_CONTENT_TYPE = f"{JSONRenderer.media_type}; charset={JSONRenderer.charset}"


def _json(dossier: PublicDossier) -> bytes:
    """The API's body for this answer, as ninja's JSONRenderer renders a `TrackingOut`."""
    return json.dumps(_out(dossier).model_dump(), cls=JSONRenderer.encoder_class).encode()
