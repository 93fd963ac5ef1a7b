"""The petition's steps in the REST API, as on the staff pages.

Each operation runs the same service as the page (services.py checks who
may act and the state) on a petition the caller's body sees; anyone else
gets 404. The answer is the petition as lists show it: a denouncer masked,
even for a handler (the API detail is where a handler reads the identity,
audited).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.security import django_auth

from egov.platform.accounts.access import remember_memberships, request_user
from egov.platform.accounts.models import AccountKind, User
from egov.platform.core.errors import InvalidInput, NotFound
from egov.voice.complaints import selectors, services
from egov.voice.complaints.api import ERRORS, PetitionOut, _listed, _out, router
from egov.voice.complaints.errors import ComplaintError
from egov.voice.complaints.models import Petition

Step = Callable[[User, Petition], Petition]


def _step(request: HttpRequest, petition_id: int, step: Step) -> dict[str, object]:
    user = request_user(request)
    if user.kind != AccountKind.STAFF:
        raise NotFound(ComplaintError.NOT_FOUND, _("Không tìm thấy đơn."))
    remember_memberships(user)
    petition = step(user, selectors.petition_for_staff(user, petition_id))
    return _out(petition, _listed(petition))


class PetitionClassifyIn(Schema):
    kind: str
    within_competence: bool
    qualifying: bool
    complicated: bool = False
    remote_area: bool = False


class PetitionForwardIn(Schema):
    to: str
    reason: str = ""


class PetitionReasonIn(Schema):
    reason: str


class PetitionAssignIn(Schema):
    lead_id: int
    handler_ids: list[int] = []


class PetitionTextIn(Schema):
    text: str


class PetitionDecideIn(Schema):
    number: str
    text: str


class PetitionCloseIn(Schema):
    note: str = ""


def _post(path: str, summary: str) -> Callable[[Callable[..., object]], Callable[..., object]]:
    return router.post(
        f"/petitions/{{petition_id}}/{path}",
        auth=django_auth,
        response={200: PetitionOut, **ERRORS},
        summary=summary,
    )


@_post("classify", "Phân loại đơn")
def classify(
    request: HttpRequest, petition_id: int, payload: PetitionClassifyIn
) -> dict[str, object]:
    return _step(
        request,
        petition_id,
        lambda user, p: services.classify(actor=user, petition=p, **payload.dict()),
    )


@_post("forward", "Chuyển đơn đến cơ quan có thẩm quyền")
def forward(
    request: HttpRequest, petition_id: int, payload: PetitionForwardIn
) -> dict[str, object]:
    return _step(
        request,
        petition_id,
        lambda user, p: services.forward(
            actor=user, petition=p, to=payload.to, reason=payload.reason
        ),
    )


@_post("file", "Lưu đơn, không thụ lý (kèm lý do)")
def file(request: HttpRequest, petition_id: int, payload: PetitionReasonIn) -> dict[str, object]:
    return _step(
        request,
        petition_id,
        lambda user, p: services.file_petition(actor=user, petition=p, reason=payload.reason),
    )


@_post("accept", "Thụ lý đơn")
def accept(request: HttpRequest, petition_id: int) -> dict[str, object]:
    return _step(request, petition_id, lambda user, p: services.accept(actor=user, petition=p))


def _staff_of(ids: list[int]) -> list[User]:
    users = list(User.objects.filter(pk__in=ids, is_active=True))
    if len(users) != len(set(ids)):
        raise InvalidInput(
            ComplaintError.INVALID_FIELD, _("Chỉ phân công cán bộ của cơ quan nhận đơn.")
        )
    return users


@_post("assign", "Phân công người xác minh (người chủ trì và người tham gia)")
def assign(request: HttpRequest, petition_id: int, payload: PetitionAssignIn) -> dict[str, object]:
    def step(user: User, p: Petition) -> Petition:
        lead = _staff_of([payload.lead_id])[0]
        users = _staff_of([i for i in payload.handler_ids if i != payload.lead_id])
        return services.assign(actor=user, petition=p, users=[lead, *users], lead=lead)

    return _step(request, petition_id, step)


@_post("findings", "Ghi kết quả xác minh (người được phân công)")
def finding(request: HttpRequest, petition_id: int, payload: PetitionTextIn) -> dict[str, object]:
    return _step(
        request,
        petition_id,
        lambda user, p: services.add_finding(actor=user, petition=p, text=payload.text),
    )


@_post("extend", "Gia hạn giải quyết tố cáo")
def extend(request: HttpRequest, petition_id: int, payload: PetitionReasonIn) -> dict[str, object]:
    return _step(
        request,
        petition_id,
        lambda user, p: services.extend(actor=user, petition=p, reason=payload.reason),
    )


@_post("extend-check", "Kéo dài kiểm tra điều kiện thụ lý tố cáo (tối đa 10 ngày làm việc)")
def extend_check(
    request: HttpRequest, petition_id: int, payload: PetitionReasonIn
) -> dict[str, object]:
    return _step(
        request,
        petition_id,
        lambda user, p: services.extend_check(actor=user, petition=p, reason=payload.reason),
    )


@_post("decide", "Ban hành quyết định giải quyết khiếu nại/kết luận tố cáo")
def decide(request: HttpRequest, petition_id: int, payload: PetitionDecideIn) -> dict[str, object]:
    return _step(
        request,
        petition_id,
        lambda user, p: services.decide(
            actor=user, petition=p, number=payload.number, text=payload.text
        ),
    )


@_post("close", "Đóng hồ sơ đơn")
def close(request: HttpRequest, petition_id: int, payload: PetitionCloseIn) -> dict[str, object]:
    return _step(
        request,
        petition_id,
        lambda user, p: services.close(actor=user, petition=p, note=payload.note),
    )
