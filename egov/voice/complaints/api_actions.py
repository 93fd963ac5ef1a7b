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
# A step's service: `actor` and `petition`, then the payload's fields by name.
Service = Callable[..., Petition]


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


def _operation(
    name: str, path: str, summary: str, service: Service, body: type[Schema] | None = None
) -> None:
    """One step whose payload's fields are the service's keyword arguments.

    `name` is the view's name, from which django-ninja makes the operation
    id: the OpenAPI document keeps the ids it had when each step was
    written out by hand.
    """
    endpoint: Callable[..., dict[str, object]]
    if body is None:

        def without_body(request: HttpRequest, petition_id: int) -> dict[str, object]:
            return _step(request, petition_id, lambda user, p: service(actor=user, petition=p))

        endpoint = without_body
    else:

        def with_body(request: HttpRequest, petition_id: int, payload: Schema) -> dict[str, object]:
            fields = payload.dict()
            return _step(
                request, petition_id, lambda user, p: service(actor=user, petition=p, **fields)
            )

        # The body's schema, so that django-ninja reads and documents it.
        with_body.__annotations__ = {**with_body.__annotations__, "payload": body}
        endpoint = with_body
    endpoint.__name__ = endpoint.__qualname__ = name
    _post(path, summary)(endpoint)


# In the order of the steps (the OpenAPI document lists them so); `assign`
# has its own shape (users by id) and is written out below.
BEFORE_ASSIGNING: tuple[tuple[str, str, str, Service, type[Schema] | None], ...] = (
    ("classify", "classify", "Phân loại đơn", services.classify, PetitionClassifyIn),
    (
        "forward",
        "forward",
        "Chuyển đơn đến cơ quan có thẩm quyền",
        services.forward,
        PetitionForwardIn,
    ),
    (
        "file",
        "file",
        "Lưu đơn, không thụ lý (kèm lý do)",
        services.file_petition,
        PetitionReasonIn,
    ),
    ("accept", "accept", "Thụ lý đơn", services.accept, None),
)
AFTER_ASSIGNING: tuple[tuple[str, str, str, Service, type[Schema] | None], ...] = (
    (
        "finding",
        "findings",
        "Ghi kết quả xác minh (người được phân công)",
        services.add_finding,
        PetitionTextIn,
    ),
    ("extend", "extend", "Gia hạn giải quyết tố cáo", services.extend, PetitionReasonIn),
    (
        "extend_check",
        "extend-check",
        "Kéo dài kiểm tra điều kiện thụ lý tố cáo (tối đa 10 ngày làm việc)",
        services.extend_check,
        PetitionReasonIn,
    ),
    (
        "decide",
        "decide",
        "Ban hành quyết định giải quyết khiếu nại/kết luận tố cáo",
        services.decide,
        PetitionDecideIn,
    ),
    ("close", "close", "Đóng hồ sơ đơn", services.close, PetitionCloseIn),
)

for _operation_args in BEFORE_ASSIGNING:
    _operation(*_operation_args)


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


for _operation_args in AFTER_ASSIGNING:
    _operation(*_operation_args)
